package com.acme.billing.web;

import com.acme.billing.SalesInvoice;
import io.pocketto.ConflictException;
import io.pocketto.ConflictInput;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A conflict between an edit a browser made at an old revision and what is stored now, in the shape
 * a {@link io.pocketto.ConflictHandler} expects. The runtime builds this input itself when a record
 * it loaded meets a conflict; here the edit was made in another process, so the state it started from
 * ({@code assumedMasterState}) comes from the client: the values it saw for the fields it changed.
 *
 * <p>Fields the client did not change take the stored values in all three states: nobody needs to
 * know their old values to merge, since a field only others changed keeps its stored value anyway.
 * The derived {@code total} is never compared; the caller recomputes it after resolving.
 */
final class ClientEditConflict implements ConflictInput<SalesInvoice> {
  private final String collection;
  private final String id;
  private final String baseRev;
  private final String storedRev;
  private final SalesInvoice assumed;
  private final SalesInvoice mine;
  private final SalesInvoice real;

  /**
   * @param base the client's values, at {@code baseRev}, of the fields it changed
   * @param mine the client's new values of those fields
   * @param stored what is stored now, at {@code storedRev}
   */
  ClientEditConflict(String collection, String id, String baseRev, String storedRev,
      java.util.Map<InvoiceField, Object> base, java.util.Map<InvoiceField, Object> mine, SalesInvoice stored) {
    this.collection = collection;
    this.id = id;
    this.baseRev = baseRev;
    this.storedRev = storedRev;
    this.real = copy(stored);
    this.assumed = copy(stored);
    base.forEach((field, value) -> field.set(assumed, value));
    this.mine = copy(stored);
    mine.forEach((field, value) -> field.set(this.mine, value));
  }

  /** A detached invoice holding {@code source}'s field values: no id, no revision, not stored. */
  static SalesInvoice copy(SalesInvoice source) {
    SalesInvoice copy = new SalesInvoice();
    for (InvoiceField field : InvoiceField.values()) {
      Object value = field.get(source);
      // Lines are immutable records, but the list is not: each copy gets its own.
      field.set(copy, value instanceof java.util.List<?> list ? new java.util.ArrayList<>(list) : value);
    }
    return copy;
  }

  @Override
  public SalesInvoice assumedMasterState() {
    return copy(assumed);
  }

  @Override
  public SalesInvoice newDocumentState() {
    return copy(mine);
  }

  @Override
  public SalesInvoice realMasterState() {
    return copy(real);
  }

  @Override
  public Set<String> changedByThisWriter() {
    return differing(mine, assumed);
  }

  @Override
  public Set<String> changedByOthers() {
    return differing(real, assumed);
  }

  @Override
  public Set<String> conflictingFields() {
    Set<String> both = new LinkedHashSet<>(changedByThisWriter());
    both.retainAll(changedByOthers());
    both.removeIf(name -> {
      InvoiceField field = InvoiceField.byName(name).orElseThrow();
      return InvoiceJson.same(field.get(mine), field.get(real));
    });
    return Collections.unmodifiableSet(both);
  }

  @Override
  public SalesInvoice merged() {
    SalesInvoice merged = copy(real);
    for (String name : changedByThisWriter()) {
      InvoiceField field = InvoiceField.byName(name).orElseThrow();
      field.set(merged, field.get(mine));
    }
    return merged;
  }

  @Override
  public ConflictException conflict(Set<String> fields) {
    return new ConflictException(collection, id, baseRev, storedRev, fields);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String collection() {
    return collection;
  }

  private static Set<String> differing(SalesInvoice a, SalesInvoice b) {
    Set<String> names = new LinkedHashSet<>();
    for (InvoiceField field : InvoiceField.values()) {
      if (!field.derived() && !InvoiceJson.same(field.get(a), field.get(b))) {
        names.add(field.jsonName());
      }
    }
    return Collections.unmodifiableSet(names);
  }
}
