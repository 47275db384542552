package com.acme.billing.web;

import com.acme.billing.InvoiceLine;
import com.acme.billing.SalesInvoice;
import com.acme.billing.Status;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The invoice fields the API reads and writes, each with its JSON type and how to get and set it on a
 * {@link SalesInvoice}. A test keeps this list equal to the model's persisted fields.
 */
public enum InvoiceField {
  /** The invoice number, e.g. {@code INV-001}; required. */
  NUMBER("number", type(String.class), "a string", SalesInvoice::getNumber, (i, v) -> i.setNumber((String) v)),
  /** The customer's name; required. */
  CUSTOMER("customer", type(String.class), "a string", SalesInvoice::getCustomer, (i, v) -> i.setCustomer((String) v)),
  /** The sum of the lines; computed by the server, so a client may only repeat the right value. */
  TOTAL("total", type(BigDecimal.class), "a number", SalesInvoice::getTotal, (i, v) -> i.setTotal((BigDecimal) v)),
  /** The date the invoice was issued. */
  ISSUED_ON("issuedOn", type(LocalDate.class), "a date such as \"2026-11-25\"", SalesInvoice::getIssuedOn,
      (i, v) -> i.setIssuedOn((LocalDate) v)),
  /** Where the invoice is in its life. */
  STATUS("status", type(Status.class), "one of " + Arrays.toString(Status.values()), SalesInvoice::getStatus,
      (i, v) -> i.setStatus((Status) v)),
  /** The invoice lines. */
  @SuppressWarnings("unchecked")
  LINES("lines", TypeFactory.defaultInstance().constructCollectionType(List.class, InvoiceLine.class),
      "a list of lines {\"description\", \"quantity\", \"unitPrice\"}", SalesInvoice::getLines,
      (i, v) -> i.setLines((List<InvoiceLine>) v));

  private final String jsonName;
  private final JavaType type;
  private final String expected;
  private final Function<SalesInvoice, Object> getter;
  private final BiConsumer<SalesInvoice, Object> setter;

  InvoiceField(String jsonName, JavaType type, String expected, Function<SalesInvoice, Object> getter,
      BiConsumer<SalesInvoice, Object> setter) {
    this.jsonName = jsonName;
    this.type = type;
    this.expected = expected;
    this.getter = getter;
    this.setter = setter;
  }

  private static JavaType type(Class<?> type) {
    return TypeFactory.defaultInstance().constructType(type);
  }

  /** The field with this JSON name, if there is one. */
  public static Optional<InvoiceField> byName(String jsonName) {
    return Arrays.stream(values()).filter(f -> f.jsonName.equals(jsonName)).findFirst();
  }

  /** Every JSON name, in declaration order, for error messages. */
  public static List<String> names() {
    return Arrays.stream(values()).map(InvoiceField::jsonName).toList();
  }

  /** The key of this field in the document's JSON, which is also the model's field name. */
  public String jsonName() {
    return jsonName;
  }

  /** The Java type Jackson reads the value as. */
  public JavaType type() {
    return type;
  }

  /** What a value must look like, for error messages. */
  public String expected() {
    return expected;
  }

  /** Whether the server computes this field, so that a client never changes it on its own. */
  public boolean derived() {
    return this == TOTAL;
  }

  /** The field's value in {@code invoice}. */
  public Object get(SalesInvoice invoice) {
    return getter.apply(invoice);
  }

  /** Sets the field in {@code invoice}; {@code value} must already be of {@link #type()}. */
  public void set(SalesInvoice invoice, Object value) {
    setter.accept(invoice, value);
  }
}
