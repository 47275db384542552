package io.pocketto.processor;

import io.pocketto.internal.ColumnType;
import io.pocketto.internal.CriteriaSql;
import io.pocketto.query.Property;
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
   * A comparison, the runtime operator whose SQL it is (the {@code LIKE} family differ only in how the
   * argument becomes the pattern), and how many method parameters it takes.
   */
  enum Operator {
    EQ(CriteriaSql.Operator.EQ, "equality"), NE(CriteriaSql.Operator.NE, "Not"),
    GT(CriteriaSql.Operator.GT, "GreaterThan"), GTE(CriteriaSql.Operator.GTE, "GreaterThanEqual"),
    LT(CriteriaSql.Operator.LT, "LessThan"), LTE(CriteriaSql.Operator.LTE, "LessThanEqual"),
    BETWEEN(CriteriaSql.Operator.BETWEEN, "Between"), IN(CriteriaSql.Operator.IN, "In"),
    NOT_IN(CriteriaSql.Operator.NOT_IN, "NotIn"), IS_NULL(CriteriaSql.Operator.IS_NULL, "IsNull"),
    IS_NOT_NULL(CriteriaSql.Operator.IS_NOT_NULL, "IsNotNull"), LIKE(CriteriaSql.Operator.LIKE, "Like"),
    NOT_LIKE(CriteriaSql.Operator.NOT_LIKE, "NotLike"), STARTING_WITH(CriteriaSql.Operator.LIKE, "StartingWith"),
    ENDING_WITH(CriteriaSql.Operator.LIKE, "EndingWith"), CONTAINING(CriteriaSql.Operator.LIKE, "Containing"),
    TRUE(CriteriaSql.Operator.TRUE, "True"), FALSE(CriteriaSql.Operator.FALSE, "False");

    final CriteriaSql.Operator sql;
    final int parameters;
    final String keyword;

    Operator(CriteriaSql.Operator sql, String keyword) {
      this.sql = sql;
      this.parameters = sql.parameters();
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
   */
  record QueryProperty(String name, String column, ColumnType kind, TypeMirror type) {
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
