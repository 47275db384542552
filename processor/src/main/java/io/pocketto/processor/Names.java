package io.pocketto.processor;

import java.util.Locale;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;

/** Name conventions: generated class names, column and collection names. */
final class Names {
  static final String MODEL_SUFFIX = "Model";
  private static final Pattern COLLECTION = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  private Names() {}

  /** {@code SalesInvoiceModel} gives {@code SalesInvoice}; any other name gives {@code null}. */
  static String derivedClassName(String modelSimpleName) {
    if (modelSimpleName.endsWith(MODEL_SUFFIX) && modelSimpleName.length() > MODEL_SUFFIX.length()) {
      return modelSimpleName.substring(0, modelSimpleName.length() - MODEL_SUFFIX.length());
    }
    return null;
  }

  static boolean isValidClassName(String name) {
    return SourceVersion.isIdentifier(name) && !SourceVersion.isKeyword(name) && !name.contains("$");
  }

  static boolean isValidCollection(String name) {
    return COLLECTION.matcher(name).matches();
  }

  /** {@code issuedOn} gives {@code issued_on}; {@code URLPath} gives {@code url_path}. */
  static String snakeCase(String camel) {
    StringBuilder sb = new StringBuilder(camel.length() + 8);
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        char prev = camel.charAt(i - 1);
        boolean nextIsLower = i + 1 < camel.length() && Character.isLowerCase(camel.charAt(i + 1));
        if (Character.isLowerCase(prev) || Character.isDigit(prev) || (Character.isUpperCase(prev) && nextIsLower)) {
          sb.append('_');
        }
      }
      sb.append(Character.toLowerCase(c));
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }

  /** {@code SalesInvoice} gives {@code sales_invoices}; {@code Category} gives {@code categories}. */
  static String collectionName(String className) {
    String snake = snakeCase(className);
    if (snake.endsWith("y") && snake.length() > 1 && "aeiou".indexOf(snake.charAt(snake.length() - 2)) < 0) {
      return snake.substring(0, snake.length() - 1) + "ies";
    }
    if (snake.endsWith("s") || snake.endsWith("x") || snake.endsWith("z") || snake.endsWith("ch") || snake.endsWith("sh")) {
      return snake + "es";
    }
    return snake + "s";
  }

  /** {@code number} gives {@code getNumber}; a primitive boolean {@code paid} gives {@code isPaid}. */
  static String getter(String field, boolean primitiveBoolean) {
    return (primitiveBoolean ? "is" : "get") + capitalize(field);
  }

  static String setter(String field) {
    return "set" + capitalize(field);
  }

  static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** The query constant of a field: {@code issuedOn} gives {@code ISSUED_ON}. */
  static String constantName(String field) {
    return snakeCase(field).toUpperCase(Locale.ROOT);
  }
}
