package io.pocketto.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQL log: every statement the runtime runs, with its time, at DEBUG under the one logger {@value
 * #NAME}; its parameters too at TRACE, since they hold the application's data. Off (the default), it
 * costs one level check per statement; on, statements are seen through a logging proxy.
 */
final class SqlLog {
  /** The logger's name: set it to DEBUG for statements and timings, TRACE for parameters as well. */
  static final String NAME = "io.pocketto.sql";
  private static final Logger LOG = LoggerFactory.getLogger(NAME);
  /** Longer parameter values are cut in the log, so that one large document does not flood it. */
  private static final int MAX_VALUE_LENGTH = 200;

  private SqlLog() {}

  /** Whether statements are logged now. */
  static boolean enabled() {
    return LOG.isDebugEnabled();
  }

  /** {@code statement}, seen through a proxy that logs each run of {@code sql}. */
  static PreparedStatement prepared(PreparedStatement statement, String sql) {
    return (PreparedStatement) Proxy.newProxyInstance(SqlLog.class.getClassLoader(),
        new Class<?>[] {PreparedStatement.class}, new Logging(statement, sql));
  }

  /** {@code statement}, seen through a proxy that logs each SQL text it runs, if the log is on. */
  static Statement plain(Statement statement) {
    if (!enabled()) {
      return statement;
    }
    return (Statement) Proxy.newProxyInstance(SqlLog.class.getClassLoader(), new Class<?>[] {Statement.class},
        new Logging(statement, null));
  }

  private static final class Logging implements InvocationHandler {
    private final Object target;
    private final String sql;
    private final Map<Integer, Object> parameters = new TreeMap<>();

    Logging(Object target, String sql) {
      this.target = target;
      this.sql = sql;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer index
          && LOG.isTraceEnabled()) {
        parameters.put(index, name.equals("setNull") ? null : args[1]);
      } else if (name.equals("clearParameters")) {
        parameters.clear();
      } else if (name.startsWith("execute")) {
        String text = args != null && args.length > 0 && args[0] instanceof String s ? s : sql;
        long start = System.nanoTime();
        try {
          Object result = call(method, args);
          log(text, start, result instanceof Integer rows ? rows + " rows" : "done");
          return result;
        } catch (Throwable e) {
          log(text, start, "failed: " + e.getMessage());
          throw e;
        }
      }
      return call(method, args);
    }

    private Object call(Method method, Object[] args) throws Throwable {
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }

    private void log(String text, long start, String outcome) {
      double millis = (System.nanoTime() - start) / 1_000_000.0;
      if (LOG.isTraceEnabled() && !parameters.isEmpty()) {
        LOG.trace("{} ms, {}: {} with {}", String.format("%.3f", millis), outcome, text, describe(parameters));
      } else {
        LOG.debug("{} ms, {}: {}", String.format("%.3f", millis), outcome, text);
      }
    }

    private static String describe(Map<Integer, Object> parameters) {
      StringBuilder sb = new StringBuilder("[");
      parameters.forEach((index, value) -> {
        if (sb.length() > 1) {
          sb.append(", ");
        }
        String text = value instanceof String s ? "'" + s + "'" : String.valueOf(value);
        sb.append(index).append('=').append(text.length() > MAX_VALUE_LENGTH
            ? text.substring(0, MAX_VALUE_LENGTH) + "...(" + text.length() + " chars)" : text);
      });
      return sb.append(']').toString();
    }
  }
}
