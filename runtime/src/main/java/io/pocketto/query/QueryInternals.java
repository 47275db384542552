package io.pocketto.query;

import io.pocketto.ActiveRecord;
import io.pocketto.ModelType;
import java.util.List;

/**
 * What Pocketto's engine reads from this package: the description a {@link Query}, a {@link Condition} and a
 * {@link Property} hold, which their public API keeps to itself. <b>Not application API</b>: it may change in any
 * release. It lives here, not in the engine, so that this package imports nothing from the engine; the engine
 * depends on the API, never the other way round.
 */
public final class QueryInternals {
  /** {@link #limit} of a query without one. */
  public static final long NO_LIMIT = -1;
  /** {@link #index} of {@code createdAt}: the {@code _created_at} column every document has. */
  public static final int CREATED_AT = Property.CREATED_AT;
  /** {@link #index} of {@code updatedAt}: the {@code _updated_at} column every document has. */
  public static final int UPDATED_AT = Property.UPDATED_AT;

  private QueryInternals() {}

  /**
   * What a criterion asks of its property: the one operator vocabulary of Pocketto. A typed query's property
   * methods and a repository method name's keywords both describe their criteria with it, and the engine renders
   * each constant as SQL, the same text for both. The negations ({@link #NE}, {@link #NOT_IN}, {@link #NOT_LIKE})
   * also match a null value, as {@code !Objects.equals(field, value)} would; every other comparison with a value
   * never matches one. {@link #NOT_LIKE}, {@link #TRUE} and {@link #FALSE} come only from repository method names
   * ({@code NotLike}, {@code True}, {@code False}); a typed query compares a boolean with {@code eq(true)}.
   */
  public enum Operator {
    /** Equal to the value. */
    EQ(1),
    /** Not equal to the value, or null. */
    NE(1),
    /** Greater than the value. */
    GT(1),
    /** Greater than or equal to the value. */
    GTE(1),
    /** Less than the value. */
    LT(1),
    /** Less than or equal to the value. */
    LTE(1),
    /** Between the two values, both included. */
    BETWEEN(2),
    /** Equal to an element of the list. */
    IN(1),
    /** Equal to no element of the list, or null. */
    NOT_IN(1),
    /** Like the pattern, in which {@code %} and {@code _} are wildcards and a backslash escapes the next character. */
    LIKE(1),
    /** Not like the pattern, or null. */
    NOT_LIKE(1),
    /** Starting with the text, taken literally. */
    STARTS_WITH(1),
    /** Ending with the text, taken literally. */
    ENDS_WITH(1),
    /** Containing the text, taken literally. */
    CONTAINS(1),
    /** Null. */
    IS_NULL(0),
    /** Not null. */
    IS_NOT_NULL(0),
    /** True; never matches a null boolean. */
    TRUE(0),
    /** False; never matches a null boolean. */
    FALSE(0);

    private final int operands;

    Operator(int operands) {
      this.operands = operands;
    }

    /** How many values a criterion with this operator holds; its SQL has one {@code ?} for each. */
    public int operands() {
      return operands;
    }

    /**
     * Whether the operator can compare text ignoring case: the equalities and the pattern matches ({@link #EQ},
     * {@link #NE}, {@link #LIKE}, {@link #NOT_LIKE}, {@link #STARTS_WITH}, {@link #ENDS_WITH}, {@link #CONTAINS}).
     */
    public boolean ignoresCase() {
      return switch (this) {
        case EQ, NE, LIKE, NOT_LIKE, STARTS_WITH, ENDS_WITH, CONTAINS -> true;
        default -> false;
      };
    }
  }

  /** A query over every live document, run by {@code engine}. */
  public static <T extends ActiveRecord<T>> Query<T> newQuery(QueryEngine<T> engine) {
    return Query.on(engine);
  }

  /**
   * What a query asks for, as the engine reads it.
   *
   * @param condition the query's condition; {@code null} without one
   * @param orders the query's sort keys, as declared
   * @param limit the most documents the query returns; {@link #NO_LIMIT} without a limit
   * @param offset how many documents the query skips
   * @param includesLive whether the query returns live documents
   * @param includesDeleted whether the query returns deleted documents (tombstones)
   * @param position where the query continues from, as the engine made it ({@link QueryEngine#position});
   *     {@code null} if nowhere
   * @param <T> the model class
   */
  public record QueryDescription<T extends ActiveRecord<T>>(Condition<T> condition, List<Order<T>> orders,
      long limit, long offset, boolean includesLive, boolean includesDeleted, Object position) {}

  /**
   * What a condition describes: one {@link Criterion}, or a {@link Group} of conditions.
   *
   * @param <T> the model class
   */
  public sealed interface ConditionDescription<T extends ActiveRecord<T>> permits Criterion, Group {}

  /**
   * One criterion: an operator on a property, with its values.
   *
   * @param operator what the criterion asks of its property
   * @param property the property
   * @param ignoreCase whether it compares lower-cased text
   * @param operands its values, never null, as many as its {@link Operator#operands()}; a list for IN and NOT IN
   * @param <T> the model class
   */
  public record Criterion<T extends ActiveRecord<T>>(Operator operator, Property<T, ?> property, boolean ignoreCase,
      List<Object> operands) implements ConditionDescription<T> {}

  /**
   * Conditions in parentheses.
   *
   * @param parts the group's conditions
   * @param joinedByOr whether they are joined by OR rather than AND
   * @param <T> the model class
   */
  public record Group<T extends ActiveRecord<T>>(List<Condition<T>> parts, boolean joinedByOr)
      implements ConditionDescription<T> {}

  /** What {@code query} asks for. */
  public static <T extends ActiveRecord<T>> QueryDescription<T> describe(Query<T> query) {
    return query.description();
  }

  /** What {@code condition} describes: a criterion or a group. */
  public static <T extends ActiveRecord<T>> ConditionDescription<T> describe(Condition<T> condition) {
    return condition.description();
  }

  /** The properties an equality in the condition's top-level AND holds to one value across its result. */
  public static <T extends ActiveRecord<T>> List<Property<T, ?>> pinned(Condition<T> condition) {
    return condition.pinned();
  }

  /** The model a property belongs to. */
  public static <T extends ActiveRecord<T>> ModelType<T> model(Property<T, ?> property) {
    return property.model();
  }

  /** A property's position in its model's field list, or {@link #CREATED_AT} or {@link #UPDATED_AT}. */
  public static int index(Property<?, ?> property) {
    return property.index();
  }

  /** The order by {@code property}, in either direction, whatever the property's class. */
  public static <T extends ActiveRecord<T>> Order<T> order(Property<T, ?> property, boolean descending) {
    return new Order<>(property, descending);
  }
}
