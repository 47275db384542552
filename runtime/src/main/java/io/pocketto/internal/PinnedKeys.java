package io.pocketto.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The one rule for sorting by the fields an equality pins, shared by both modules: the runtime applies it to a
 * typed query's condition when it first writes the query's statement, the processor to a repository method's
 * criteria when it writes the method's SQL constant. So {@code where(CUSTOMER.eq(c)).orderBy(ISSUED_ON.desc())}
 * and {@code findByCustomerOrderByIssuedOnDesc(c)} sort alike.
 *
 * <p>A field that an equality in the condition's top-level AND fixes to one value is the same in every row of the
 * result, so sorting by it first returns the same order. When an {@code @Index} is exactly such fields followed by
 * the declared keys, sorting by them first makes the ORDER BY the index's order: H2 only reads an index in order
 * when the ORDER BY names its leading columns, and otherwise reads every match and sorts them. A pinned field in
 * no such index is left out, since on H2 it would keep another index from serving the declared order.
 */
public final class PinnedKeys {
  /**
   * What a declared key sorting by the document id is named: a repository method's {@code OrderById}. No model field
   * may have that name.
   */
  public static final String DOCUMENT_ID = "id";

  private PinnedKeys() {}

  /**
   * One key of an order.
   *
   * @param field the field sorted by, in the caller's own terms
   * @param descending whether it sorts descending
   * @param <F> how the caller names a field
   */
  public record Key<F>(F field, boolean descending) {}

  /**
   * The keys to sort by: the pinned fields an index serves with the declared keys, in that index's order and in the
   * direction of the first declared key (ascending without one, as the id is then), followed by the declared
   * keys; the declared keys alone when no index is exactly pinned fields followed by them. Every index ends with
   * the document id, so declared keys that end with the id ({@value #DOCUMENT_ID}) are matched without it.
   *
   * @param indexes the model's {@code @Index} field lists, each in index order, in declaration order (the first
   *     that fits wins)
   * @param pinned the fields an equality in the condition's top-level AND fixes to one value
   * @param declared the keys the query or method declares, in order
   * @param name a field's name, as the indexes list it
   * @param <F> how the caller names a field
   */
  public static <F> List<Key<F>> sortKeys(List<List<String>> indexes, List<F> pinned, List<Key<F>> declared,
      Function<? super F, String> name) {
    if (pinned.isEmpty()) {
      return declared;
    }
    List<String> declaredNames = new ArrayList<>(declared.size());
    for (Key<F> key : declared) {
      declaredNames.add(name.apply(key.field()));
    }
    boolean descending = !declared.isEmpty() && declared.get(0).descending();
    boolean endsWithId = !declaredNames.isEmpty() && declaredNames.get(declaredNames.size() - 1).equals(DOCUMENT_ID);
    List<String> indexedNames = endsWithId ? declaredNames.subList(0, declaredNames.size() - 1) : declaredNames;
    for (List<String> index : indexes) {
      int lead = index.size() - indexedNames.size();
      if (lead < 1 || !index.subList(lead, index.size()).equals(indexedNames)) {
        continue;
      }
      List<Key<F>> keys = new ArrayList<>(index.size());
      for (String field : index.subList(0, lead)) {
        F match = named(pinned, field, name);
        if (match == null || declaredNames.contains(field)) {
          break;
        }
        keys.add(new Key<>(match, descending));
      }
      if (keys.size() == lead) {
        keys.addAll(declared);
        return List.copyOf(keys);
      }
    }
    return declared;
  }

  private static <F> F named(List<F> fields, String wanted, Function<? super F, String> name) {
    for (F field : fields) {
      if (name.apply(field).equals(wanted)) {
        return field;
      }
    }
    return null;
  }
}
