package io.pocketto.processor;

import io.pocketto.internal.ColumnType;
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

  /** The verb a method name starts with. */
  enum Action {
    FIND, COUNT, EXISTS, DELETE
  }

  /** A comparison, and how many method parameters it takes. */
  enum Operator {
    EQ(1, "equality"), NE(1, "Not"), GT(1, "GreaterThan"), GTE(1, "GreaterThanEqual"), LT(1, "LessThan"),
    LTE(1, "LessThanEqual"), BETWEEN(2, "Between"), IN(1, "In"), NOT_IN(1, "NotIn"), IS_NULL(0, "IsNull"),
    IS_NOT_NULL(0, "IsNotNull"), LIKE(1, "Like"), NOT_LIKE(1, "NotLike"), STARTING_WITH(1, "StartingWith"),
    ENDING_WITH(1, "EndingWith"), CONTAINING(1, "Containing"), TRUE(0, "True"), FALSE(0, "False");

    final int parameters;
    final String keyword;

    Operator(int parameters, String keyword) {
      this.parameters = parameters;
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
      return kind.operators() == ColumnType.Operators.COMPARABLE || kind.operators() == ColumnType.Operators.STRING;
    }

    boolean isString() {
      return kind.operators() == ColumnType.Operators.STRING;
    }

    boolean isJson() {
      return kind.operators() == ColumnType.Operators.JSON;
    }
  }

  /** One comparison of one property. */
  record Criterion(QueryProperty property, Operator operator, boolean ignoreCase) {}

  /** One sort key. */
  record Sort(QueryProperty property, boolean descending) {}
}
