package io.pocketto.processor;

import io.pocketto.internal.ColumnType;
import io.pocketto.query.Property;
import io.pocketto.query.QueryInternals;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.type.TypeMirror;

/**
 * A repository method name, parsed: {@code findTop3ByCustomerAndTotalGreaterThanOrderByIssuedOnDesc}
 * is a FIND with limit 3, one OR group of two criteria, and one sort key.
 *
 * @param action what the method does
 * @param limit the {@code First}/{@code Top<N>} row limit, or 0 for none
 * @param orGroups criteria: the groups are OR-ed, the criteria inside a group AND-ed; empty for none
 * @param sorts the {@code OrderBy} keys in order
 */
record DerivedQuery(Action action, int limit, List<List<Criterion>> orGroups, List<Sort> sorts) {

  /**
   * The properties an equality in the top-level AND fixes to one value ({@code Customer}, {@code PaidTrue}), as
   * the runtime's {@code eq} pins its property; none when the criteria are OR-ed.
   */
  List<QueryProperty> pinned() {
    if (orGroups.size() != 1) {
      return List.of();
    }
    List<QueryProperty> pinned = new ArrayList<>();
    for (Criterion c : orGroups.get(0)) {
      if (c.operator().pins() && !c.ignoreCase() && !pinned.contains(c.property())) {
        pinned.add(c.property());
      }
    }
    return List.copyOf(pinned);
  }

  /** The verb a method name starts with. */
  enum Action {
    FIND, COUNT, EXISTS, DELETE
  }

  /**
   * A comparison keyword of a method name, the operator of the query vocabulary it means (which the runtime's
   * {@code CriteriaSql} renders, the typed queries' SQL too), and how many method parameters it takes.
   */
  enum Operator {
    EQ(QueryInternals.Operator.EQ, "equality"), NE(QueryInternals.Operator.NE, "Not"),
    GT(QueryInternals.Operator.GT, "GreaterThan"), GTE(QueryInternals.Operator.GTE, "GreaterThanEqual"),
    LT(QueryInternals.Operator.LT, "LessThan"), LTE(QueryInternals.Operator.LTE, "LessThanEqual"),
    BETWEEN(QueryInternals.Operator.BETWEEN, "Between"), IN(QueryInternals.Operator.IN, "In"),
    NOT_IN(QueryInternals.Operator.NOT_IN, "NotIn"), IS_NULL(QueryInternals.Operator.IS_NULL, "IsNull"),
    IS_NOT_NULL(QueryInternals.Operator.IS_NOT_NULL, "IsNotNull"), LIKE(QueryInternals.Operator.LIKE, "Like"),
    NOT_LIKE(QueryInternals.Operator.NOT_LIKE, "NotLike"),
    STARTING_WITH(QueryInternals.Operator.STARTS_WITH, "StartingWith"),
    ENDING_WITH(QueryInternals.Operator.ENDS_WITH, "EndingWith"),
    CONTAINING(QueryInternals.Operator.CONTAINS, "Containing"),
    TRUE(QueryInternals.Operator.TRUE, "True"), FALSE(QueryInternals.Operator.FALSE, "False");

    final QueryInternals.Operator operator;
    final int parameters;
    final String keyword;

    Operator(QueryInternals.Operator operator, String keyword) {
      this.operator = operator;
      this.parameters = operator.operands();
      this.keyword = keyword;
    }

    boolean isOrdering() {
      return this == GT || this == GTE || this == LT || this == LTE || this == BETWEEN;
    }

    boolean isPattern() {
      return this == LIKE || this == NOT_LIKE || this == STARTING_WITH || this == ENDING_WITH || this == CONTAINING;
    }

    boolean isTruth() {
      return this == TRUE || this == FALSE;
    }

    /** Whether the comparison holds its property to one value: an equality with the argument or a truth value. */
    boolean pins() {
      return this == EQ || isTruth();
    }
  }

  /**
   * A field a query can name: a persisted field, or the document id.
   *
   * @param name the Java name
   * @param column the SQL column
   * @param kind how the field is stored, which decides the operators it allows
   * @param type the Java type
   * @param precision a decimal's {@code @Decimal} precision, 0 when it declares none (and for any other field)
   */
  record QueryProperty(String name, String column, ColumnType kind, TypeMirror type, int precision) {
    /** A property with no declared precision. */
    QueryProperty(String name, String column, ColumnType kind, TypeMirror type) {
      this(name, column, kind, type, 0);
    }

    boolean isComparable() {
      return kind.operators() == Property.Kind.COMPARABLE || kind.operators() == Property.Kind.STRING;
    }

    boolean isString() {
      return kind.operators() == Property.Kind.STRING;
    }

    boolean isJson() {
      return kind.operators() == Property.Kind.JSON;
    }
  }

  /** One comparison of one property. */
  record Criterion(QueryProperty property, Operator operator, boolean ignoreCase) {}

  /** One sort key. */
  record Sort(QueryProperty property, boolean descending) {}
}
