package io.pocketto.query;

/**
 * Which page of a result to read: pages are numbered from 1 and hold {@code size} items. The last
 * parameter of a repository method that returns a {@link Page}.
 *
 * @param number the page number, from 1
 * @param size the number of items per page, at least 1
 */
public record PageRequest(int number, int size) {

  /** Validates the numbers. */
  public PageRequest {
    if (number < 1) {
      throw new IllegalArgumentException("page numbers start at 1, was " + number);
    }
    if (size < 1) {
      throw new IllegalArgumentException("page size must be at least 1, was " + size);
    }
  }

  /** Page {@code number} (from 1) of {@code size} items. */
  public static PageRequest of(int number, int size) {
    return new PageRequest(number, size);
  }

  /** The number of items before this page. */
  public long offset() {
    return (long) (number - 1) * size;
  }

  /** The page after this one. */
  public PageRequest next() {
    return new PageRequest(number + 1, size);
  }
}
