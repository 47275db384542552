package io.pocketto.sync;

import io.pocketto.internal.ColumnType;
import io.pocketto.internal.Engine;
import io.pocketto.internal.Ids;
import io.pocketto.internal.SqlFragment;
import io.pocketto.internal.SqlParameter;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The server's record of which documents each replica (a principal's client) holds of a scoped
 * collection: what lets a pull tell a replica to remove a document that left its scope. A row is
 * written when a pull sends the document; when a pull finds it out of scope, the row is marked as
 * leaving at the document's feed position and the replica is told to remove it; the row goes once the
 * replica presents a checkpoint at or past that position, which proves it committed the removal. So a
 * pull answer that is lost is simply given again.
 */
final class ScopeMembers {
  static final String TABLE = "pocketto_sync_members";
  /** Selects one replica's rows of a collection; its three values come first in every statement here. */
  private static final String OF_REPLICA = "principal_id = ? AND client_id = ? AND collection_name = ?";

  private final Engine engine;
  private final String upsert;

  ScopeMembers(Engine engine) {
    this.engine = engine;
    this.upsert = engine.dialect().upsert(TABLE,
        List.of("principal_id", "client_id", "collection_name", "doc_id", "leaving_major", "leaving_minor"), 4);
    engine.withConnection("creating the sync scope table", c -> {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (principal_id VARCHAR(" + Ids.MAX_LENGTH + ") NOT NULL, "
            + "client_id VARCHAR(" + Ids.MAX_LENGTH + ") NOT NULL, collection_name VARCHAR(200) NOT NULL, "
            + "doc_id VARCHAR(" + Ids.MAX_LENGTH + ") NOT NULL, leaving_major BIGINT, leaving_minor BIGINT, "
            + "PRIMARY KEY (principal_id, client_id, collection_name, doc_id))");
      }
      return null;
    });
  }

  /** The ids one replica holds, as a {@code SELECT} for the feed's statement. */
  SqlFragment held(String principal, String client, String collection) {
    return new SqlFragment("SELECT doc_id FROM " + TABLE + " WHERE " + OF_REPLICA,
        List.of(SqlParameter.of(ColumnType.STRING, principal), SqlParameter.of(ColumnType.STRING, client),
            SqlParameter.of(ColumnType.STRING, collection)));
  }

  /** One replica's change of a document: sent ({@code leaving == null}) or told to remove it at a position. */
  record Mark(String id, long[] leaving) {}

  /**
   * Records what one pull tells a replica, after forgetting the removals the replica confirmed by
   * presenting a checkpoint at or past them ({@code ackMajor}, {@code ackMinor}); one local transaction.
   */
  void record(String principal, String client, String collection, long ackMajor, long ackMinor, List<Mark> marks) {
    engine.bundle(tx -> engine.withConnection("recording the sync scope of " + collection, c -> {
      try (PreparedStatement forget = c.prepareStatement("DELETE FROM " + TABLE + " WHERE " + OF_REPLICA
          + " AND leaving_major IS NOT NULL AND (leaving_major < ? OR (leaving_major = ? AND leaving_minor <= ?))")) {
        bindReplica(forget, principal, client, collection);
        forget.setLong(4, ackMajor);
        forget.setLong(5, ackMajor);
        forget.setLong(6, ackMinor);
        forget.executeUpdate();
      }
      if (marks.isEmpty()) {
        return null;
      }
      try (PreparedStatement ps = c.prepareStatement(upsert)) {
        for (Mark m : marks) {
          bindReplica(ps, principal, client, collection);
          ps.setString(4, m.id());
          if (m.leaving() == null) {
            ps.setNull(5, java.sql.Types.BIGINT);
            ps.setNull(6, java.sql.Types.BIGINT);
          } else {
            ps.setLong(5, m.leaving()[0]);
            ps.setLong(6, m.leaving()[1]);
          }
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    }));
  }

  /** Binds the replica's collection to parameters 1 to 3, where every statement here names it. */
  private static void bindReplica(PreparedStatement ps, String principal, String client, String collection)
      throws SQLException {
    ps.setString(1, principal);
    ps.setString(2, client);
    ps.setString(3, collection);
  }
}
