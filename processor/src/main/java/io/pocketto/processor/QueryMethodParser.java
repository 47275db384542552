package io.pocketto.processor;

import io.pocketto.processor.DerivedQuery.Action;
import io.pocketto.processor.DerivedQuery.Criterion;
import io.pocketto.processor.DerivedQuery.Operator;
import io.pocketto.processor.DerivedQuery.QueryProperty;
import io.pocketto.processor.DerivedQuery.Sort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a derived query method name against a model's properties. Grammar:
 * <pre>
 * name      = action [subject] "By" [predicate] ["OrderBy" sort {sort}]
 *           | action [subject] "OrderBy" sort {sort}
 * action    = "find" | "count" | "exists" | "delete"
 * subject   = ["Distinct"] ("All" | "First" [N] | "Top" [N])
 * predicate = criterion {("And" | "Or") criterion}      (And binds tighter than Or)
 * criterion = Property [operator] ["IgnoreCase"]
 * sort      = Property ["Asc" | "Desc"] ["And"]
 * </pre>
 * Keywords split the name only where a new capitalised word starts, so a property such as
 * {@code orderNumber} or {@code brand} is not cut apart.
 */
final class QueryMethodParser {
  private static final Pattern ACTION = Pattern.compile("^(find|count|exists|delete)(.*)$");
  /** Distinct changes nothing, and is accepted for that: a query returns whole documents, each once. */
  private static final Pattern SUBJECT = Pattern.compile("^(?:Distinct)?(?:All|(First|Top)([1-9][0-9]{0,8})?)?$");
  private static final Pattern OR = Pattern.compile("Or(?=\\p{Lu})");
  private static final Pattern AND = Pattern.compile("And(?=\\p{Lu})");
  private static final Pattern DIRECTION = Pattern.compile("(Asc|Desc)(?=\\p{Lu}|$)");

  /** Operator suffixes, longest first so that {@code GreaterThanEqual} wins over {@code GreaterThan}. */
  private static final List<Map.Entry<String, Operator>> SUFFIXES = List.of(
      Map.entry("IsNotNull", Operator.IS_NOT_NULL), Map.entry("NotNull", Operator.IS_NOT_NULL),
      Map.entry("IsNull", Operator.IS_NULL), Map.entry("Null", Operator.IS_NULL),
      Map.entry("GreaterThanEqual", Operator.GTE), Map.entry("GreaterThan", Operator.GT),
      Map.entry("LessThanEqual", Operator.LTE), Map.entry("LessThan", Operator.LT),
      Map.entry("Between", Operator.BETWEEN),
      Map.entry("IsNotIn", Operator.NOT_IN), Map.entry("NotIn", Operator.NOT_IN),
      Map.entry("IsIn", Operator.IN), Map.entry("In", Operator.IN),
      Map.entry("IsNotLike", Operator.NOT_LIKE), Map.entry("NotLike", Operator.NOT_LIKE),
      Map.entry("IsLike", Operator.LIKE), Map.entry("Like", Operator.LIKE),
      Map.entry("IsTrue", Operator.TRUE), Map.entry("True", Operator.TRUE),
      Map.entry("IsFalse", Operator.FALSE), Map.entry("False", Operator.FALSE),
      Map.entry("StartingWith", Operator.STARTING_WITH), Map.entry("StartsWith", Operator.STARTING_WITH),
      Map.entry("EndingWith", Operator.ENDING_WITH), Map.entry("EndsWith", Operator.ENDING_WITH),
      Map.entry("Containing", Operator.CONTAINING), Map.entry("Contains", Operator.CONTAINING),
      Map.entry("IsNot", Operator.NE), Map.entry("Not", Operator.NE),
      Map.entry("Equals", Operator.EQ), Map.entry("Is", Operator.EQ));

  private final String model;
  private final Map<String, QueryProperty> properties;

  /**
   * @param model the model's name, for messages
   * @param properties the properties a name may refer to, by Java name
   */
  QueryMethodParser(String model, Map<String, QueryProperty> properties) {
    this.model = model;
    this.properties = properties;
  }

  DerivedQuery parse(String method) throws QueryMethodException {
    Matcher action = ACTION.matcher(method);
    if (!action.matches()) {
      throw new QueryMethodException(Message.QUERY_UNSUPPORTED_NAME, method);
    }
    String rest = action.group(2);
    String subject;
    String predicate;
    String order;
    int by = keyword(rest, "By", 0);
    int orderBy = keyword(rest, "OrderBy", 0);
    if (orderBy >= 0 && (by < 0 || orderBy < by || orderBy + "Order".length() == by)) {
      // findAllOrderByTotalDesc: no predicate, the first "By" belongs to OrderBy.
      subject = rest.substring(0, orderBy);
      predicate = "";
      order = rest.substring(orderBy + "OrderBy".length());
    } else if (by >= 0) {
      subject = rest.substring(0, by);
      String tail = rest.substring(by + "By".length());
      int tailOrder = keyword(tail, "OrderBy", 0);
      predicate = tailOrder < 0 ? tail : tail.substring(0, tailOrder);
      order = tailOrder < 0 ? null : tail.substring(tailOrder + "OrderBy".length());
      if (predicate.isEmpty() && order == null) {
        throw new QueryMethodException(Message.QUERY_UNSUPPORTED_KEYWORD, method, "By",
            "name at least one property after By, e.g. " + action.group(1) + "ByCustomer");
      }
    } else {
      throw new QueryMethodException(Message.QUERY_UNSUPPORTED_NAME, method);
    }
    Action verb = Action.valueOf(action.group(1).toUpperCase(java.util.Locale.ROOT));
    int limit = subject(method, verb, subject);
    List<List<Criterion>> groups = predicate.isEmpty() ? List.of() : predicate(method, predicate);
    List<Sort> sorts = order == null ? List.of() : sorts(method, order);
    if (verb != Action.FIND && !sorts.isEmpty()) {
      throw new QueryMethodException(Message.QUERY_UNSUPPORTED_KEYWORD, method, "OrderBy",
          action.group(1) + " queries have no order; remove OrderBy");
    }
    return new DerivedQuery(verb, limit, groups, sorts);
  }

  /** The limit that {@code First}/{@code Top<N>} set, or 0. */
  private static int subject(String method, Action verb, String subject) throws QueryMethodException {
    Matcher m = SUBJECT.matcher(subject);
    if (!m.matches()) {
      throw new QueryMethodException(Message.QUERY_UNSUPPORTED_KEYWORD, method, subject,
          "between the verb and By only Distinct, All, First, First<N>, Top or Top<N> are supported");
    }
    if (m.group(1) == null) {
      return 0;
    }
    if (verb != Action.FIND) {
      throw new QueryMethodException(Message.QUERY_UNSUPPORTED_KEYWORD, method, m.group(1),
          "First and Top limit the documents a find returns; they do not apply to " + verb.name().toLowerCase(java.util.Locale.ROOT));
    }
    return m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
  }

  private List<List<Criterion>> predicate(String method, String predicate) throws QueryMethodException {
    List<List<Criterion>> groups = new ArrayList<>();
    for (String group : split(OR, predicate)) {
      List<Criterion> criteria = new ArrayList<>();
      for (String part : split(AND, group)) {
        if (part.isEmpty()) {
          throw new QueryMethodException(Message.QUERY_UNSUPPORTED_KEYWORD, method, "And/Or",
              "each And and Or must sit between two properties");
        }
        criteria.add(criterion(method, part));
      }
      groups.add(criteria);
    }
    return groups;
  }

  private Criterion criterion(String method, String part) throws QueryMethodException {
    boolean ignoreCase = false;
    String text = part;
    for (String suffix : List.of("IgnoringCase", "IgnoreCase")) {
      if (text.endsWith(suffix) && text.length() > suffix.length()) {
        text = text.substring(0, text.length() - suffix.length());
        ignoreCase = true;
        break;
      }
    }
    QueryProperty whole = property(text);
    if (whole != null) {
      return new Criterion(whole, Operator.EQ, ignoreCase);
    }
    String unknown = text;
    for (Map.Entry<String, Operator> suffix : SUFFIXES) {
      if (!text.endsWith(suffix.getKey()) || text.length() == suffix.getKey().length()) {
        continue;
      }
      String name = text.substring(0, text.length() - suffix.getKey().length());
      QueryProperty p = property(name);
      if (p == null && name.endsWith("Is") && name.length() > 2) {
        p = property(name.substring(0, name.length() - 2));
      }
      if (p != null) {
        return new Criterion(p, suffix.getValue(), ignoreCase);
      }
      if (unknown.equals(text)) {
        unknown = name;
      }
    }
    throw unknownProperty(method, unknown);
  }

  private List<Sort> sorts(String method, String order) throws QueryMethodException {
    if (order.isEmpty()) {
      throw new QueryMethodException(Message.QUERY_UNSUPPORTED_KEYWORD, method, "OrderBy",
          "name a property after OrderBy, e.g. OrderByIssuedOnDesc");
    }
    List<Sort> sorts = new ArrayList<>();
    Matcher m = DIRECTION.matcher(order);
    int start = 0;
    while (start < order.length()) {
      String name;
      boolean descending = false;
      if (m.find(start)) {
        name = order.substring(start, m.start());
        descending = m.group(1).equals("Desc");
        start = m.end();
      } else {
        name = order.substring(start);
        start = order.length();
      }
      if (name.startsWith("And") && name.length() > 3 && Character.isUpperCase(name.charAt(3))) {
        name = name.substring(3);
      }
      QueryProperty p = property(name);
      if (p == null) {
        throw unknownProperty(method, decapitalize(name));
      }
      sorts.add(new Sort(p, descending));
      if (start < order.length() && order.startsWith("And", start)) {
        start += 3;
      }
    }
    return sorts;
  }

  private QueryMethodException unknownProperty(String method, String name) {
    String property = decapitalize(name);
    return new QueryMethodException(Message.QUERY_UNKNOWN_PROPERTY, method, property, model,
        String.join(", ", properties.keySet()), DidYouMean.hint(property, properties.keySet()));
  }

  private QueryProperty property(String capitalised) {
    return capitalised.isEmpty() ? null : properties.get(decapitalize(capitalised));
  }

  /** {@code IssuedOn} gives {@code issuedOn}; {@code URL} stays {@code URL}, as in JavaBeans. */
  private static String decapitalize(String name) {
    if (name.isEmpty() || (name.length() > 1 && Character.isUpperCase(name.charAt(1)) && Character.isUpperCase(name.charAt(0)))) {
      return name;
    }
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  /** The index of a keyword that starts a capitalised word at or after {@code from}, or -1. */
  private static int keyword(String text, String keyword, int from) {
    Matcher m = Pattern.compile(Pattern.quote(keyword) + "(?=\\p{Lu}|$)").matcher(text);
    return m.find(from) ? m.start() : -1;
  }

  private static List<String> split(Pattern separator, String text) {
    return List.of(separator.split(text, -1));
  }
}
