package com.flowcrm.local;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import java.lang.reflect.Type;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The outbox table on one connection: rows to {@link OutboxEntry} and back, field changes encoded as JSON by Gson. */
final class OutboxRows {
    private static final Gson GSON = new Gson();
    private static final Type FIELD_LIST = new TypeToken<List<StoredField>>() { }.getType();
    private static final String COLUMNS = "ord, id, idempotency_key, created_at, kind, target_type, target_id, fields, "
            + "payload, status, reason, attempts, next_attempt_at";

    /** A field change as stored: values stay JSON text (kept exactly as given, compared by the sender parsed). */
    private record StoredField(String field, String base, String value, String theirs, Boolean kept) {
    }

    private final Connection connection;

    OutboxRows(Connection connection) {
        this.connection = connection;
    }

    Connection connection() {
        return connection;
    }

    /** Inserts a new entry (its order is assigned here) and returns it with that order. */
    OutboxEntry insert(OutboxEntry entry) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("INSERT INTO outbox (id, idempotency_key, created_at, "
                + "kind, target_type, target_id, fields, payload, status, reason, attempts, next_attempt_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, entry.id().toString());
            p.setString(2, entry.idempotencyKey().toString());
            p.setLong(3, entry.createdAt().toEpochMilli());
            p.setString(4, entry.kind().name());
            p.setString(5, entry.target().type().wireName());
            p.setString(6, entry.target().id());
            p.setString(7, encodeFields(entry.fields()));
            p.setString(8, entry.payloadJson());
            p.setString(9, entry.status().name());
            p.setString(10, entry.reason());
            p.setInt(11, entry.attempts());
            setInstant(p, 12, entry.nextAttemptAt());
            p.executeUpdate();
        }
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT last_insert_rowid()")) {
            rs.next();
            return entry.withOrder(rs.getLong(1));
        }
    }

    /** Rewrites everything that can change about an entry (status, key, fields, reason, attempts, next attempt). */
    void update(OutboxEntry entry) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("UPDATE outbox SET idempotency_key = ?, fields = ?, "
                + "status = ?, reason = ?, attempts = ?, next_attempt_at = ? WHERE id = ?")) {
            p.setString(1, entry.idempotencyKey().toString());
            p.setString(2, encodeFields(entry.fields()));
            p.setString(3, entry.status().name());
            p.setString(4, entry.reason());
            p.setInt(5, entry.attempts());
            setInstant(p, 6, entry.nextAttemptAt());
            p.setString(7, entry.id().toString());
            p.executeUpdate();
        }
    }

    boolean delete(UUID id) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("DELETE FROM outbox WHERE id = ?")) {
            p.setString(1, id.toString());
            return p.executeUpdate() > 0;
        }
    }

    Optional<OutboxEntry> find(UUID id) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("SELECT " + COLUMNS + " FROM outbox WHERE id = ?")) {
            p.setString(1, id.toString());
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(entry(rs)) : Optional.empty();
            }
        }
    }

    /** The entry, or a refusal naming it: the outbox steps' common start. */
    OutboxEntry require(UUID id) throws SQLException {
        return find(id).orElseThrow(() -> new WorkspaceException(WorkspaceException.Kind.ENTRY_NOT_FOUND,
                "The change " + id + " is no longer in the outbox (it was sent or discarded)."));
    }

    /** Every entry in outbox order. */
    List<OutboxEntry> list() throws SQLException {
        List<OutboxEntry> entries = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + COLUMNS + " FROM outbox ORDER BY ord")) {
            while (rs.next()) {
                entries.add(entry(rs));
            }
        }
        return entries;
    }

    static OutboxEntry entry(ResultSet rs) throws SQLException {
        long nextAttempt = rs.getLong("next_attempt_at");
        Instant nextAttemptAt = rs.wasNull() ? null : Instant.ofEpochMilli(nextAttempt);
        return new OutboxEntry(UUID.fromString(rs.getString("id")), UUID.fromString(rs.getString("idempotency_key")),
                rs.getLong("ord"), Instant.ofEpochMilli(rs.getLong("created_at")),
                OutboxKind.valueOf(rs.getString("kind")),
                new OutboxTarget(RecordType.fromWireName(rs.getString("target_type")), rs.getString("target_id")),
                decodeFields(rs.getString("fields")), rs.getString("payload"),
                OutboxStatus.valueOf(rs.getString("status")), rs.getString("reason"), rs.getInt("attempts"),
                nextAttemptAt);
    }

    private static String encodeFields(List<FieldChange> fields) {
        List<StoredField> stored = new ArrayList<>(fields.size());
        for (FieldChange f : fields) {
            stored.add(new StoredField(f.field(), f.base(), f.value(), f.theirs(), f.kept() ? Boolean.TRUE : null));
        }
        return GSON.toJson(stored, FIELD_LIST);
    }

    private static List<FieldChange> decodeFields(String json) {
        List<StoredField> stored = GSON.fromJson(json, FIELD_LIST);
        List<FieldChange> fields = new ArrayList<>(stored.size());
        for (StoredField f : stored) {
            fields.add(new FieldChange(f.field(), f.base(), f.value(), f.theirs(), Boolean.TRUE.equals(f.kept())));
        }
        return fields;
    }

    private static void setInstant(PreparedStatement p, int index, Instant instant) throws SQLException {
        if (instant == null) {
            p.setNull(index, Types.INTEGER);
        } else {
            p.setLong(index, instant.toEpochMilli());
        }
    }
}
