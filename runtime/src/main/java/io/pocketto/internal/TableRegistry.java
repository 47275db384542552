package io.pocketto.internal;

import io.pocketto.ActiveRecord;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an {@link Engine} knows of the stored database: one {@link DocumentTable} per model, created (and
 * migrated) on first use, the DDL an application's own migrations run instead, the database's id (kept in
 * {@code pocketto_info}), and the in-process change numbers its tables hold and the turns of its documents, let go
 * of when it closes.
 */
final class TableRegistry {
  /** Facts about the stored database itself, such as its id. */
  static final String INFO_TABLE = "pocketto_info";

  private final Engine engine;
  private final Dialect dialect;
  private final ConcurrentHashMap<ModelBinding<?>, DocumentTable<?>> tables = new ConcurrentHashMap<>();
  /** The collections whose {@link LocalSequence} this engine holds, to let go of on close. */
  private final Set<String> sequencesHeld = new HashSet<>();
  private volatile String databaseId;
  /** How long a write waits for its document ({@link DocumentTurns}); negative if writes take no turns. */
  private final long turnWaitMillis;
  /** The turns of this database's documents, found at the first write. */
  private volatile DocumentTurns turns;

  TableRegistry(Engine engine, Dialect dialect) {
    this.engine = engine;
    this.dialect = dialect;
    this.turnWaitMillis = dialect.documentTurnWaitMillis(engine.url());
  }

  /**
   * The DDL that creates the tables of {@code models} in a new database, in order, without running it,
   * after the table of the database's id that they share.
   */
  List<String> schemaStatements(List<ModelBinding<?>> models) {
    Set<String> out = new LinkedHashSet<>();
    out.add(createInfoTable());
    for (ModelBinding<?> model : models) {
      out.addAll(new TableSchema(dialect, model).statements());
    }
    return List.copyOf(out);
  }

  /** The table of a model, created or migrated on first use. */
  @SuppressWarnings("unchecked")
  <T extends ActiveRecord<T>> DocumentTable<T> table(ModelBinding<T> binding) {
    DocumentTable<?> table = tables.get(binding);
    if (table == null) {
      table = tables.computeIfAbsent(binding, b -> new DocumentTable<>(engine, binding));
    }
    return (DocumentTable<T>) table;
  }

  /**
   * The in-process change numbers of {@code collection} in this database, shared with every other
   * {@code Database} of this process open on it, and let go of when this one closes.
   */
  LocalSequence localSequence(String collection, LocalSequences.LastStored lastStored) {
    String id = databaseId();
    synchronized (sequencesHeld) {
      if (engine.isClosed()) {
        throw new IllegalStateException("database " + engine.url() + " is closed");
      }
      LocalSequence sequence = LocalSequences.acquire(id, collection, lastStored);
      sequencesHeld.add(collection);
      return sequence;
    }
  }

  /**
   * The id of the stored database: made once, kept in the database itself ({@code pocketto_info}), so
   * every process and every {@code Database} open on it agree. Checkpoints of the changes feed carry it.
   */
  String databaseId() {
    String id = databaseId;
    if (id == null) {
      synchronized (this) {
        if (databaseId == null) {
          databaseId = engine.withOwnConnection("reading the database id", this::readOrCreateDatabaseId);
        }
        id = databaseId;
      }
    }
    return id;
  }

  /** The table that keeps the database's id, shared by every model. */
  private String createInfoTable() {
    return "CREATE TABLE IF NOT EXISTS " + dialect.quote(INFO_TABLE) + " (" + dialect.quote("name")
        + " CHARACTER VARYING(64) NOT NULL PRIMARY KEY, " + dialect.quote("value") + " CHARACTER VARYING(255) NOT NULL)";
  }

  private String readOrCreateDatabaseId(Connection c) throws SQLException {
    String info = dialect.quote(INFO_TABLE);
    String select = "SELECT " + dialect.quote("value") + " FROM " + info + " WHERE " + dialect.quote("name") + " = 'database_id'";
    try (Statement s = SqlLog.plain(c.createStatement())) {
      s.execute(createInfoTable());
      try (ResultSet rs = s.executeQuery(select)) {
        if (rs.next()) {
          return rs.getString(1);
        }
      }
      try {
        s.executeUpdate("INSERT INTO " + info + " VALUES ('database_id', '" + Ids.uuidV7() + "')");
      } catch (SQLException e) {
        if (!dialect.isUniqueViolation(e)) {
          throw e;
        }
        // Another process made it first; read theirs.
      }
      try (ResultSet rs = s.executeQuery(select)) {
        rs.next();
        return rs.getString(1);
      }
    }
  }


  /**
   * The turns of this database's documents ({@link DocumentTurns}), or {@code null} if its dialect needs none;
   * shared with every other {@code Database} of this process open on it, and let go of when this one closes.
   */
  DocumentTurns documentTurns() {
    if (turnWaitMillis < 0) {
      return null;
    }
    DocumentTurns known = turns;
    if (known == null) {
      String id = databaseId();
      synchronized (sequencesHeld) {
        if (engine.isClosed()) {
          throw new IllegalStateException("database " + engine.url() + " is closed");
        }
        if (turns == null) {
          turns = DocumentTurns.acquire(id);
        }
        known = turns;
      }
    }
    return known;
  }

  /** How long a write waits for a document another write of this process holds; see {@link DocumentTurns}. */
  long turnWaitMillis() {
    return turnWaitMillis;
  }

  /** Lets go of the change numbers this database's tables held, and of its documents' turns; the engine has closed. */
  void releaseSequences() {
    synchronized (sequencesHeld) {
      for (String collection : sequencesHeld) {
        LocalSequences.release(databaseId, collection);
      }
      sequencesHeld.clear();
      if (turns != null) {
        DocumentTurns.release(databaseId);
      }
    }
  }
}
