package com.acme.billing.web;

import com.acme.billing.SalesInvoice;
import com.acme.billing.Status;
import io.pocketto.ModelStore;
import io.pocketto.query.Page;
import io.pocketto.query.Query;
import io.pocketto.query.Slice;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * The list endpoint's filters and paging, read from the query string and run as one typed Pocketto
 * query: the database filters, counts and pages. Newest invoices come first. A client pages either by
 * number ({@code page}, with a total) or by cursor ({@code after}, counting nothing: a slice and the
 * cursor of the next one, which costs the same on the first slice and the thousandth).
 *
 * @param customer text the customer name contains, ignoring case; {@code null} for any
 * @param status the status to match; {@code null} for any
 * @param from the earliest issue date, included; {@code null} for no bound
 * @param to the latest issue date, included; {@code null} for no bound
 * @param page the page number, from 1
 * @param size invoices per page, 1 to {@value #MAX_SIZE}
 * @param after {@code null} to page by number; otherwise the cursor to continue after, empty for the first slice
 */
public record InvoiceSearch(String customer, Status status, LocalDate from, LocalDate to, int page, int size,
    String after) {
  /** The page size when the client names none. */
  public static final int DEFAULT_SIZE = 20;
  /** The largest page a client may ask for. */
  public static final int MAX_SIZE = 100;
  private static final List<String> PARAMETERS = List.of("customer", "status", "from", "to", "page", "size", "after");

  /**
   * Reads the query string.
   *
   * @throws ApiException 400 naming an unknown parameter or a value that does not parse
   */
  public static InvoiceSearch parse(Map<String, List<String>> params) {
    for (String name : params.keySet()) {
      if (!PARAMETERS.contains(name)) {
        throw ApiException.badRequest(name, "unknown query parameter '" + name + "'; the list takes "
            + PARAMETERS);
      }
    }
    String customer = single(params, "customer");
    String statusText = single(params, "status");
    Status status = null;
    if (statusText != null) {
      try {
        status = Status.valueOf(statusText);
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("status", "query parameter 'status' takes one of "
            + java.util.Arrays.toString(Status.values()) + ", not '" + statusText + "'");
      }
    }
    LocalDate from = date(params, "from");
    LocalDate to = date(params, "to");
    if (from != null && to != null && from.isAfter(to)) {
      throw ApiException.badRequest("from", "query parameter 'from' (" + from + ") is after 'to' (" + to + ")");
    }
    int page = number(params, "page", 1, 1, Integer.MAX_VALUE);
    int size = number(params, "size", DEFAULT_SIZE, 1, MAX_SIZE);
    String after = single(params, "after");
    if (after != null && params.containsKey("page")) {
      throw ApiException.badRequest("page", "query parameter 'page' numbers pages and 'after' continues from a "
          + "cursor; give one of them");
    }
    return new InvoiceSearch(customer == null || customer.isBlank() ? null : customer.strip(), status, from, to,
        page, size, after);
  }

  /** Whether the client pages by cursor ({@code after}) rather than by number. */
  public boolean byCursor() {
    return after != null;
  }

  /** The typed query these filters stand for, newest first. */
  public Query<SalesInvoice> query(ModelStore<SalesInvoice> invoices) {
    Query<SalesInvoice> query = invoices.query();
    if (customer != null) {
      query = query.and(SalesInvoice.CUSTOMER.containsIgnoreCase(customer));
    }
    if (status != null) {
      query = query.and(SalesInvoice.STATUS.eq(status));
    }
    if (from != null) {
      query = query.and(SalesInvoice.ISSUED_ON.gte(from));
    }
    if (to != null) {
      query = query.and(SalesInvoice.ISSUED_ON.lte(to));
    }
    return query.orderBy(SalesInvoice.ISSUED_ON.desc(), SalesInvoice.NUMBER.asc());
  }

  /** Runs the query for the requested page; the total is counted by the database. */
  public Page<SalesInvoice> run(ModelStore<SalesInvoice> invoices) {
    return query(invoices).page(page, size);
  }

  /**
   * Runs the query for the slice after the cursor, or the first slice for an empty one; nothing is counted.
   *
   * @throws ApiException 400 naming {@code after} if the cursor was altered, or was issued for other filters
   */
  public Slice<SalesInvoice> slice(ModelStore<SalesInvoice> invoices) {
    Query<SalesInvoice> query = query(invoices);
    if (!after.isEmpty()) {
      try {
        query = query.after(after);
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("after", "query parameter 'after': " + e.getMessage());
      }
    }
    return query.slice(size);
  }

  private static String single(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw ApiException.badRequest(name, "query parameter '" + name + "' is given " + values.size()
          + " times; give it once");
    }
    return values.get(0);
  }

  private static LocalDate date(Map<String, List<String>> params, String name) {
    String text = single(params, name);
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(name, "query parameter '" + name + "' takes a date such as 2026-11-25, not '"
          + text + "'");
    }
  }

  private static int number(Map<String, List<String>> params, String name, int fallback, int min, int max) {
    String text = single(params, name);
    if (text == null || text.isEmpty()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below, with the range
    }
    throw ApiException.badRequest(name, "query parameter '" + name + "' takes a whole number from " + min
        + (max == Integer.MAX_VALUE ? " up" : " to " + max) + ", not '" + text + "'");
  }
}
