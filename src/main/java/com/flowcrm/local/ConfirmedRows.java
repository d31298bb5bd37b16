package com.flowcrm.local;

import com.flowcrm.local.PendingWrites.CursorChange;
import com.flowcrm.local.PendingWrites.RecordKey;
import com.flowcrm.local.PendingWrites.RecordWrite;
import com.flowcrm.local.PendingWrites.SyncChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** The confirmed-state tables (records, current user, sync state) on one connection: the writer's SQL and the reads. */
final class ConfirmedRows {
    private ConfirmedRows() {
    }

    static void replaceAll(Connection connection, FullReload reload) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (RecordType type : RecordType.values()) {
                s.execute("DELETE FROM " + type.table());
            }
        }
        for (RecordType type : RecordType.values()) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT OR REPLACE INTO " + type.table() + " (id, json) VALUES (?, ?)")) {
                int batched = 0;
                for (ConfirmedRecord record : reload.records()) {
                    if (record.type() == type) {
                        insert.setString(1, record.id());
                        insert.setString(2, record.json());
                        insert.addBatch();
                        batched++;
                    }
                }
                if (batched > 0) {
                    insert.executeBatch();
                }
            }
        }
        if (reload.userJson() != null) {
            saveUser(connection, reload.userJson());
        }
    }

    /** Upserts and deletes, one prepared statement per table and kind, executed as JDBC batches. */
    static void write(Connection connection, Map<RecordKey, RecordWrite> records) throws SQLException {
        for (RecordType type : RecordType.values()) {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO " + type.table()
                    + " (id, json) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET json = excluded.json");
                    PreparedStatement delete = connection.prepareStatement(
                            "DELETE FROM " + type.table() + " WHERE id = ?")) {
                int upserts = 0;
                int deletes = 0;
                for (Map.Entry<RecordKey, RecordWrite> e : records.entrySet()) {
                    if (e.getKey().type() != type) {
                        continue;
                    }
                    if (e.getValue().isDelete()) {
                        delete.setString(1, e.getKey().id());
                        delete.addBatch();
                        deletes++;
                    } else {
                        upsert.setString(1, e.getKey().id());
                        upsert.setString(2, e.getValue().json());
                        upsert.addBatch();
                        upserts++;
                    }
                }
                if (upserts > 0) {
                    upsert.executeBatch();
                }
                if (deletes > 0) {
                    delete.executeBatch();
                }
            }
        }
    }

    static void saveUser(Connection connection, String json) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("INSERT INTO current_user (singleton, json) VALUES (1, ?) "
                + "ON CONFLICT (singleton) DO UPDATE SET json = excluded.json")) {
            p.setString(1, json);
            p.executeUpdate();
        }
    }

    static void writeSync(Connection connection, SyncChange sync) throws SQLException {
        CursorChange cursor = sync.cursor();
        if (cursor != null) {
            try (PreparedStatement p = connection.prepareStatement("UPDATE sync_state SET cursor = ? WHERE singleton = 1")) {
                if (cursor.seq() == null) {
                    p.setNull(1, Types.INTEGER);
                } else {
                    p.setLong(1, cursor.seq());
                }
                p.executeUpdate();
            }
        }
        if (sync.syncedAt() != null) {
            try (PreparedStatement p = connection.prepareStatement(
                    "UPDATE sync_state SET last_synced_at = ? WHERE singleton = 1")) {
                p.setLong(1, sync.syncedAt().toEpochMilli());
                p.executeUpdate();
            }
        }
        if (sync.changeLog() != null) {
            try (PreparedStatement p = connection.prepareStatement(
                    "UPDATE sync_state SET change_log = ? WHERE singleton = 1")) {
                p.setString(1, sync.changeLog().name());
                p.executeUpdate();
            }
        }
    }

    static SyncState readSync(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT cursor, last_synced_at, change_log FROM sync_state WHERE singleton = 1")) {
            if (!rs.next()) {
                return SyncState.NEVER_SYNCED;
            }
            long cursor = rs.getLong(1);
            OptionalLong cursorValue = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(cursor);
            long syncedAt = rs.getLong(2);
            Optional<Instant> synced = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(syncedAt));
            return new SyncState(cursorValue, synced, ChangeLogSupport.valueOf(rs.getString(3)));
        }
    }

    static Optional<String> readUser(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT json FROM current_user WHERE singleton = 1")) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    static Optional<String> readRecord(Connection connection, RecordType type, String id) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("SELECT json FROM " + type.table() + " WHERE id = ?")) {
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Streams the given types' records to the sink, table by table; returns how many each had. */
    static Map<RecordType, Integer> readRecords(Connection connection, List<RecordType> types, RecordSink sink)
            throws SQLException {
        Map<RecordType, Integer> counts = new EnumMap<>(RecordType.class);
        for (RecordType type : types) {
            int count = 0;
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery("SELECT id, json FROM " + type.table())) {
                while (rs.next()) {
                    sink.accept(type, rs.getString(1), rs.getString(2));
                    count++;
                }
            }
            counts.put(type, count);
        }
        return counts;
    }
}
