package io.pocketto.query;

import java.util.List;

/**
 * One page of a query's result, with the total the database counted for the whole result.
 *
 * @param items the documents on this page, in query order; empty past the last page
 * @param number this page's number, from 1
 * @param size the requested page size
 * @param total the number of documents in the whole result
 * @param <T> the model class
 */
public record Page<T>(List<T> items, int number, int size, long total) {

  /** Copies the items into an unmodifiable list. */
  public Page {
    items = List.copyOf(items);
    if (number < 1 || size < 1 || total < 0) {
      throw new IllegalArgumentException("invalid page: number " + number + ", size " + size + ", total " + total);
    }
  }

  /** The number of pages the whole result fills; 0 when it is empty. */
  public long totalPages() {
    return (total + size - 1) / size;
  }

  /** Whether a page follows this one. */
  public boolean hasNext() {
    return number < totalPages();
  }

  /** Whether this is not the first page. */
  public boolean hasPrevious() {
    return number > 1;
  }
}
