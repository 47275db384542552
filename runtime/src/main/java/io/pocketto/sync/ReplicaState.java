package io.pocketto.sync;

import io.pocketto.internal.ColumnType;
import io.pocketto.internal.Engine;
import io.pocketto.internal.Ids;
import io.pocketto.internal.SqlFragment;
import io.pocketto.internal.SqlParameter;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a client keeps about its replication, in its own database next to the documents: settings (the
 * client id, each collection's pull and push checkpoints) and, per document, the assumed master state
 * (the master's revision and body as last seen) and an open conflict (the master's state that a push
 * met). Every method runs on the calling thread's bundle when there is one, so that a pull's documents,
 * their assumed master states and its checkpoint commit together.
 *
 * <p>Only the {@link Replication} that owns the client database writes these rows, one operation at a
 * time, so an update that finds no row may insert it without a race.
 */
final class ReplicaState {
  static final String SETTINGS = "pocketto_sync_settings";
  static final String DOCUMENTS = "pocketto_sync_documents";

  /** The columns {@link #docState} reads, in order. */
  private static final String DOC_COLUMNS = "doc_id, master_rev, master_deleted, master_body, conflict_rev, conflict_deleted, "
      + "conflict_body, refused_rev, refused_status, refused_reason";
  private static final String NO_REFUSAL = "refused_rev = NULL, refused_status = NULL, refused_reason = NULL";

  /** Ids per {@code IN (...)} lookup: one statement per batch, never an unbounded parameter list. */
  private static final int IN_CHUNK = 500;

  private final Engine engine;

  ReplicaState(Engine engine) {
    this.engine = engine;
    engine.withConnection("creating the replication tables", c -> {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS " + SETTINGS
            + " (setting_name VARCHAR(300) NOT NULL PRIMARY KEY, setting_text VARCHAR(4000))");
        s.execute("CREATE TABLE IF NOT EXISTS " + DOCUMENTS + " ("
            + "collection_name VARCHAR(200) NOT NULL, doc_id VARCHAR(" + Ids.MAX_LENGTH + ") NOT NULL, "
            + "master_rev VARCHAR(64), master_deleted BOOLEAN, master_body CHARACTER VARYING, "
            + "conflict_rev VARCHAR(64), conflict_deleted BOOLEAN, conflict_body CHARACTER VARYING, "
            + "refused_rev VARCHAR(64), refused_status INT, refused_reason VARCHAR(2000), "
            // doc_id first: a batch's lookup is "collection_name = ? AND doc_id IN (...)", and H2 uses an
            // index for an IN list only on its leading column (with collection first it scanned every row).
            + "PRIMARY KEY (doc_id, collection_name))");
        // Client databases made before push refusals existed get the columns now.
        s.execute("ALTER TABLE " + DOCUMENTS + " ADD COLUMN IF NOT EXISTS refused_rev VARCHAR(64)");
        s.execute("ALTER TABLE " + DOCUMENTS + " ADD COLUMN IF NOT EXISTS refused_status INT");
        s.execute("ALTER TABLE " + DOCUMENTS + " ADD COLUMN IF NOT EXISTS refused_reason VARCHAR(2000)");
        // The revisions alone, so that deciding what to push or pull reads this index and not the rows with
        // their bodies: H2 reaches a row through its primary key index and then reads all of it.
        s.execute("CREATE INDEX IF NOT EXISTS " + DOCUMENTS + "_revisions ON " + DOCUMENTS
            + " (doc_id, collection_name, master_rev, conflict_rev, refused_rev)");
      }
      return null;
    });
  }

  /** A setting, or {@code null}. */
  String setting(String name) {
    return engine.withConnection("reading replication setting " + name, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT setting_text FROM " + SETTINGS + " WHERE setting_name = ?")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? rs.getString(1) : null;
        }
      }
    });
  }

  void setSetting(String name, String value) {
    engine.withConnection("writing replication setting " + name, c -> {
      try (PreparedStatement up = c.prepareStatement("UPDATE " + SETTINGS + " SET setting_text = ? WHERE setting_name = ?")) {
        up.setString(1, value);
        up.setString(2, name);
        if (up.executeUpdate() == 1) {
          return null;
        }
      }
      try (PreparedStatement in = c.prepareStatement("INSERT INTO " + SETTINGS + " (setting_name, setting_text) VALUES (?, ?)")) {
        in.setString(1, name);
        in.setString(2, value);
        in.executeUpdate();
      }
      return null;
    });
  }

  /** What the client knows of one document's master state; {@code null} when it knows nothing. */
  DocState doc(String collection, String id) {
    return engine.withConnection("reading the replication state of", collection, id, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + DOC_COLUMNS + " FROM " + DOCUMENTS + " WHERE collection_name = ? AND doc_id = ?")) {
        ps.setString(1, collection);
        ps.setString(2, id);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? docState(rs) : null;
        }
      }
    });
  }

  /**
   * The assumed master and open conflict revisions of these documents, by id, without their bodies (which
   * only a conflict needs); documents the client knows nothing of are absent.
   */
  Map<String, Known> known(String collection, Collection<String> ids) {
    Map<String, Known> out = new HashMap<>();
    readByIds("reading the replication state of " + collection, "SELECT doc_id, master_rev, conflict_rev, refused_rev FROM "
        + DOCUMENTS + " WHERE collection_name = ? AND doc_id", List.of(collection), ids,
        rs -> out.put(rs.getString(1), new Known(rs.getString(2), rs.getString(3), rs.getString(4))));
    return out;
  }

  /**
   * What a client knows of one document's master state, for deciding what to push and pull.
   *
   * @param masterRev the assumed master revision, {@code null} if the master never had it as far as known
   * @param conflictRev the master revision of an open conflict, {@code null} when none is open
   * @param refusedRev the local revision the server refused, {@code null} when none is
   */
  record Known(String masterRev, String conflictRev, String refusedRev) {}

  /**
   * The stored revisions of these documents in {@code table} (a quoted table name), tombstones included,
   * by id; documents not stored are absent.
   */
  Map<String, String> revisions(String table, Collection<String> ids) {
    Map<String, String> out = new HashMap<>();
    readByIds("reading the revisions of " + table, "SELECT \"_id\", \"_rev\" FROM " + table + " WHERE \"_id\"", List.of(), ids,
        rs -> out.put(rs.getString(1), rs.getString(2)));
    return out;
  }

  /** What {@link #readByIds} does with each row it reads. */
  private interface RowConsumer {
    void accept(ResultSet row) throws SQLException;
  }

  /**
   * Runs {@code select}, which ends in the id column, with {@code IN (...)} added for one batch of ids at a time
   * ({@link #IN_CHUNK}), and hands every row to {@code rows}. The {@code leading} values are the statement's
   * parameters before the ids.
   */
  private void readByIds(String action, String select, List<String> leading, Collection<String> ids,
      RowConsumer rows) {
    List<String> all = new ArrayList<>(ids);
    for (int from = 0; from < all.size(); from += IN_CHUNK) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
      engine.withConnection(action, c -> {
        try (PreparedStatement ps = c.prepareStatement(select + " IN (" + placeholders(chunk.size()) + ")")) {
          int index = 1;
          for (String value : leading) {
            ps.setString(index++, value);
          }
          for (String id : chunk) {
            ps.setString(index++, id);
          }
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              rows.accept(rs);
            }
          }
        }
        return null;
      });
    }
  }

  /**
   * The condition, on a row of {@code table} (the collection's quoted table, named in the statement),
   * that it has a change to push: no assumed master state, or one at another revision, with no open
   * conflict and not a revision the server refused. Read through the index of the revisions, so the
   * database passes documents in sync without reading a state row's body.
   */
  SqlFragment pushable(String collection, String table) {
    return new SqlFragment("NOT EXISTS (SELECT 1 FROM " + DOCUMENTS + " d WHERE d.doc_id = " + table + ".\"_id\" AND "
        + "d.collection_name = ? AND (d.conflict_rev IS NOT NULL OR d.master_rev = " + table + ".\"_rev\" OR d.refused_rev = "
        + table + ".\"_rev\"))", List.of(SqlParameter.of(ColumnType.STRING, collection)));
  }

  private static String placeholders(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }

  /** The documents of a collection with an open conflict, by id. */
  List<DocState> conflicts(String collection) {
    return listWhere(collection, "conflict_rev IS NOT NULL", "listing the replication conflicts of ");
  }

  /** The documents of a collection with a refused change, by id. */
  List<DocState> refusals(String collection) {
    return listWhere(collection, "refused_rev IS NOT NULL", "listing the refused changes of ");
  }

  private List<DocState> listWhere(String collection, String condition, String what) {
    return engine.withConnection(what + collection, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + DOC_COLUMNS + " FROM " + DOCUMENTS
          + " WHERE collection_name = ? AND " + condition + " ORDER BY doc_id")) {
        ps.setString(1, collection);
        try (ResultSet rs = ps.executeQuery()) {
          List<DocState> out = new ArrayList<>();
          while (rs.next()) {
            out.add(docState(rs));
          }
          return out;
        }
      }
    });
  }

  /**
   * How many documents of {@code table} (the collection's quoted table) differ from their assumed master
   * state: local changes not pushed yet, open conflicts included.
   */
  long pending(String collection, String table) {
    return engine.withConnection("counting the unpushed changes of " + collection, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table + " t LEFT JOIN " + DOCUMENTS
          + " d ON d.collection_name = ? AND d.doc_id = t.\"_id\" WHERE d.master_rev IS NULL OR d.master_rev <> t.\"_rev\"")) {
        ps.setString(1, collection);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  /** Records the master's state of a document as the assumed one, and closes any conflict on it. */
  void putMaster(String collection, String id, String rev, boolean deleted, String body) {
    upsert(collection, id, "master_rev = ?, master_deleted = ?, master_body = ?, conflict_rev = NULL, "
        + "conflict_deleted = NULL, conflict_body = NULL, " + NO_REFUSAL, "master_rev, master_deleted, master_body", rev, deleted, body);
  }

  /** A master state to record for a document; {@code known} if the client has a row for it already. */
  record MasterState(String id, String rev, boolean deleted, String body, boolean known) {}

  /**
   * {@link #putMaster} for many documents with two prepared statements in JDBC batches: a pull records
   * a whole batch this way.
   */
  void putMasters(String collection, List<MasterState> states) {
    if (states.isEmpty()) {
      return;
    }
    engine.withConnection("writing the replication state of " + collection, c -> {
      try (PreparedStatement up = c.prepareStatement("UPDATE " + DOCUMENTS + " SET master_rev = ?, master_deleted = ?, "
              + "master_body = ?, conflict_rev = NULL, conflict_deleted = NULL, conflict_body = NULL, " + NO_REFUSAL
              + " WHERE collection_name = ? AND doc_id = ?");
          PreparedStatement in = c.prepareStatement("INSERT INTO " + DOCUMENTS
              + " (master_rev, master_deleted, master_body, collection_name, doc_id) VALUES (?, ?, ?, ?, ?)")) {
        boolean updates = false;
        boolean inserts = false;
        for (MasterState m : states) {
          PreparedStatement ps = m.known() ? up : in;
          ps.setString(1, m.rev());
          ps.setBoolean(2, m.deleted());
          ps.setString(3, m.body());
          ps.setString(4, collection);
          ps.setString(5, m.id());
          ps.addBatch();
          updates |= m.known();
          inserts |= !m.known();
        }
        if (updates) {
          up.executeBatch();
        }
        if (inserts) {
          in.executeBatch();
        }
      }
      return null;
    });
  }

  /** Opens (or moves on) a conflict with the master's state; the assumed master state stays. */
  void putConflict(String collection, String id, String rev, boolean deleted, String body) {
    upsert(collection, id, "conflict_rev = ?, conflict_deleted = ?, conflict_body = ?",
        "conflict_rev, conflict_deleted, conflict_body", rev, deleted, body);
  }

  /**
   * Sets {@code values} in the document's row, in the order of {@code columns} (comma-separated), with
   * {@code sets} the UPDATE's assignments for them (which may clear other columns too); inserts the row
   * when there is none.
   */
  private void upsert(String collection, String id, String sets, String columns, Object... values) {
    engine.withConnection("writing the replication state of", collection, id, c -> {
      try (PreparedStatement up = c.prepareStatement("UPDATE " + DOCUMENTS + " SET " + sets
          + " WHERE collection_name = ? AND doc_id = ?")) {
        for (int i = 0; i < values.length; i++) {
          up.setObject(i + 1, values[i]);
        }
        up.setString(values.length + 1, collection);
        up.setString(values.length + 2, id);
        if (up.executeUpdate() == 1) {
          return null;
        }
      }
      try (PreparedStatement in = c.prepareStatement("INSERT INTO " + DOCUMENTS + " (collection_name, doc_id, "
          + columns + ") VALUES (?, ?" + ", ?".repeat(values.length) + ")")) {
        in.setString(1, collection);
        in.setString(2, id);
        for (int i = 0; i < values.length; i++) {
          in.setObject(i + 3, values[i]);
        }
        in.executeUpdate();
      }
      return null;
    });
  }

  /**
   * Marks the local revision {@code rev} of a document as refused by the server, with its status and
   * reason: it is not pushed again until it changes. The assumed master state stays.
   */
  void putRefusal(String collection, String id, String rev, int status, String reason) {
    String text = reason == null ? "" : reason.length() > 2000 ? reason.substring(0, 1997) + "..." : reason;
    upsert(collection, id, "refused_rev = ?, refused_status = ?, refused_reason = ?",
        "refused_rev, refused_status, refused_reason", rev, status, text);
  }

  /** Forgets everything about a document: it left this replica. */
  void forget(String collection, String id) {
    engine.withConnection("forgetting the replication state of", collection, id, c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + DOCUMENTS + " WHERE collection_name = ? AND doc_id = ?")) {
        ps.setString(1, collection);
        ps.setString(2, id);
        ps.executeUpdate();
      }
      return null;
    });
  }

  private static DocState docState(ResultSet rs) throws java.sql.SQLException {
    int status = rs.getInt(9);
    if (rs.wasNull()) {
      status = 0;
    }
    return new DocState(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4), rs.getString(5),
        rs.getBoolean(6), rs.getString(7), rs.getString(8), status, rs.getString(10));
  }

  /**
   * One document's replication state.
   *
   * @param masterRev the assumed master revision, {@code null} if the master never had it as far as known
   * @param conflictRev the master revision a push met and could not resolve, {@code null} when none is open
   * @param refusedRev the local revision the server refused, {@code null} when none is
   */
  record DocState(String id, String masterRev, boolean masterDeleted, String masterBody,
      String conflictRev, boolean conflictDeleted, String conflictBody, String refusedRev, int refusedStatus,
      String refusedReason) {}
}
