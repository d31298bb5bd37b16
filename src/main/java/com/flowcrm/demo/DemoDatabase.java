package com.flowcrm.demo;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The demo backend's SQLite database: a file in the data directory (WAL, {@code synchronous=FULL}) or, without one,
 * an in-memory database with the same schema, so the change log and the idempotency records have one
 * implementation. One connection; every call is serialized on this object (the journal's writes, the REST
 * threads' reads of the change feed and of stored responses).
 */
final class DemoDatabase implements AutoCloseable {
    static final String FILE_NAME = "demo.db";
    static final int SCHEMA_VERSION = 2;

    /** A page of the change feed as stored: rows in seq order and whether more follow. */
    record Page(List<Row> rows, boolean hasMore, long next) {
    }

    record Row(long seq, String event, String dataJson) {
    }

    /** A stored answer to an idempotent request. */
    record StoredResponse(String fingerprint, int status, byte[] body) {
    }

    record RefreshRow(String tokenHash, String userId, String email, String sessionId, long expiresAtMillis) {
    }

    /**
     * One row per execution of a request made with an Idempotency-Key (written with its stored answer, in the same
     * transaction as its changes): never read by the server, it lets a test count how often a key was applied (the
     * soak's {@code duplicates}: a key with two rows was applied twice). Pruned with the stored answers.
     */
    private static final String APPLIED_REQUESTS = "CREATE TABLE applied_requests(user_id TEXT NOT NULL,"
            + " key TEXT NOT NULL, at INTEGER NOT NULL)";
    private static final String APPLIED_REQUESTS_INDEX = "CREATE INDEX applied_requests_key ON applied_requests(user_id, key)";

    private static final String[] SCHEMA = {
        "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "CREATE TABLE records(kind TEXT NOT NULL, id TEXT NOT NULL, ord INTEGER NOT NULL, json TEXT NOT NULL,"
                + " extra TEXT, PRIMARY KEY(kind, id))",
        "CREATE INDEX records_order ON records(kind, ord)",
        "CREATE TABLE changes(seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, event TEXT NOT NULL, recipient TEXT,"
                + " data TEXT NOT NULL)",
        "CREATE TABLE idempotency(user_id TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL,"
                + " status INTEGER NOT NULL, body BLOB NOT NULL, created_at INTEGER NOT NULL, PRIMARY KEY(user_id, key))",
        "CREATE INDEX idempotency_age ON idempotency(created_at)",
        APPLIED_REQUESTS,
        APPLIED_REQUESTS_INDEX,
        "CREATE TABLE refresh_tokens(token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, email TEXT NOT NULL,"
                + " session_id TEXT NOT NULL, expires_at INTEGER NOT NULL)",
        "CREATE TABLE ended_sessions(session_id TEXT PRIMARY KEY, ended_at INTEGER NOT NULL)",
    };

    private final Connection connection;
    private final Path file;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DemoDatabase(Connection connection, Path file, FileChannel lockChannel, FileLock lock) {
        this.connection = connection;
        this.file = file;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** A database nobody else sees and nothing outlives: the demo backend without a data directory. */
    static DemoDatabase inMemory() {
        try {
            Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:");
            DemoDatabase db = new DemoDatabase(connection, null, null, null);
            db.createSchema();
            return db;
        } catch (SQLException e) {
            throw new IllegalStateException("SQLite is not usable: " + e.getMessage(), e);
        }
    }

    /**
     * Opens (or creates) {@code dir/demo.db}. Refuses, leaving every file as it is, a directory another server
     * holds, a database of a newer schema, and a file that is not a readable demo database.
     */
    static DemoDatabase open(Path dir) {
        FileChannel channel = null;
        FileLock lock = null;
        Connection connection = null;
        Path file = dir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dir);
            ownerOnly(dir, "rwx------");
            channel = FileChannel.open(dir.resolve("demo.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = tryLock(channel);
            if (lock == null) {
                throw new DemoDataException(DemoDataException.Reason.IN_USE,
                        "the data directory " + dir + " is in use by another demo server", null);
            }
            boolean existed = Files.exists(file) && Files.size(file) > 0;
            connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            DemoDatabase db = new DemoDatabase(connection, file, channel, lock);
            db.prepare(existed);
            ownerOnly(file, "rw-------");
            return db;
        } catch (DemoDataException e) {
            closeQuietly(connection, channel, lock);
            throw e;
        } catch (SQLException e) {
            closeQuietly(connection, channel, lock);
            throw new DemoDataException(DemoDataException.Reason.UNREADABLE, file + " is not a readable demo database ("
                    + e.getMessage() + "); it was left as it is: move it away to start with new demo data", e);
        } catch (IOException e) {
            closeQuietly(connection, channel, lock);
            throw new DemoDataException(DemoDataException.Reason.UNREADABLE, "cannot use the data directory " + dir
                    + ": " + e.getMessage(), e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // this JVM holds it already: another server in the same process
        }
    }

    private static void ownerOnly(Path path, String permissions) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix") && Files.exists(path)) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }

    /** Checks the version before anything is written, so a newer or foreign file stays byte for byte the same. */
    private void prepare(boolean existed) throws SQLException {
        int version;
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("PRAGMA user_version")) {
            version = rs.next() ? rs.getInt(1) : 0;
        }
        if (version > SCHEMA_VERSION) {
            throw new DemoDataException(DemoDataException.Reason.NEWER_VERSION, file + " was written by a newer"
                    + " version of Flow CRM (schema " + version + ", this version reads up to " + SCHEMA_VERSION
                    + "); it was left as it is: use that version, or another --data directory", null);
        }
        if (version == 0 && existed && hasTables()) {
            throw new DemoDataException(DemoDataException.Reason.UNREADABLE, file + " is an SQLite database but not"
                    + " a demo backend's; it was left as it is: use another --data directory", null);
        }
        if (existed) {
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("PRAGMA quick_check(1)")) {
                String result = rs.next() ? rs.getString(1) : "no answer";
                if (!"ok".equals(result)) {
                    throw new SQLException("integrity check: " + result);
                }
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("PRAGMA synchronous=FULL");
            // the first data set passes through the WAL; without a limit the file keeps that size for good
            statement.execute("PRAGMA journal_size_limit=" + (16 * 1024 * 1024));
        }
        if (version == 0) {
            createSchema();
        } else if (version == 1) {
            migrate(APPLIED_REQUESTS, APPLIED_REQUESTS_INDEX);
        }
    }

    /** Runs schema statements and sets this schema's version, in one transaction (a new database, or the previous schema). */
    private void migrate(String... statements) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
            statement.execute("PRAGMA user_version=" + SCHEMA_VERSION);
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private boolean hasTables() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT count(*) FROM sqlite_master")) {
            return rs.next() && rs.getInt(1) > 0;
        }
    }

    private void createSchema() throws SQLException {
        migrate(SCHEMA);
    }

    /** True for a data directory, false for the in-memory database. */
    boolean durable() {
        return file != null;
    }

    Path file() {
        return file;
    }

    // ------------------------------------------------------------------ reading at start

    synchronized Map<String, String> meta() throws SQLException {
        Map<String, String> meta = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT key, value FROM meta")) {
            while (rs.next()) {
                meta.put(rs.getString(1), rs.getString(2));
            }
        }
        return meta;
    }

    /** Streams one kind of record in list order, so 50,000 contacts never sit in memory twice. */
    synchronized void readRecords(String kind, BiConsumer<String, String> jsonAndExtra) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT json, extra FROM records WHERE kind = ? ORDER BY ord")) {
            select.setString(1, kind);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    jsonAndExtra.accept(rs.getString(1), rs.getString(2));
                }
            }
        }
    }

    synchronized void readRefreshGrants(Consumer<RefreshRow> grants) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(
                "SELECT token_hash, user_id, email, session_id, expires_at FROM refresh_tokens")) {
            while (rs.next()) {
                grants.accept(new RefreshRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5)));
            }
        }
    }

    synchronized List<String> endedSessions() throws SQLException {
        List<String> sessions = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT session_id FROM ended_sessions")) {
            while (rs.next()) {
                sessions.add(rs.getString(1));
            }
        }
        return sessions;
    }

    /** The newest change the user may see, for the {@code prev} of the next frame after a restart. */
    synchronized Optional<Long> lastVisibleSeq(String userId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT seq FROM changes WHERE recipient IS NULL"
                + " OR recipient = ? ORDER BY seq DESC LIMIT 1")) {
            select.setString(1, userId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    // ------------------------------------------------------------------ writing

    /** Writes the first data set and its meta in one transaction: an interrupted first start leaves nothing. */
    synchronized void writeInitial(List<DbWrite> records, Map<String, String> meta) throws SQLException {
        inTransaction(writer -> {
            for (DbWrite write : records) {
                writer.apply(write);
            }
            for (Map.Entry<String, String> entry : meta.entrySet()) {
                writer.putMeta(entry.getKey(), entry.getValue());
            }
        });
    }

    /** One commit for everything the journal collected: change rows, record snapshots, stored answers, meta. */
    synchronized void commit(List<ChangeEntry> entries, List<DbWrite> writes, Map<String, String> meta)
            throws SQLException {
        inTransaction(writer -> {
            for (ChangeEntry entry : entries) {
                writer.insertChange(entry);
            }
            for (DbWrite write : writes) {
                writer.apply(write);
            }
            for (Map.Entry<String, String> entry : meta.entrySet()) {
                writer.putMeta(entry.getKey(), entry.getValue());
            }
        });
    }

    private interface Work {
        void run(Writer writer) throws SQLException;
    }

    private void inTransaction(Work work) throws SQLException {
        connection.setAutoCommit(false);
        try (Writer writer = new Writer(connection)) {
            work.run(writer);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    // ------------------------------------------------------------------ reading while serving

    /**
     * Changes with {@code since < seq <= head} the user may see, at most {@code limit}. {@code next} is the cursor
     * for the following call: the last seq of a full page, else {@code head}, since everything up to it was read.
     */
    synchronized Page changes(long since, long head, int limit, String userId) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT seq, event, data FROM changes"
                + " WHERE seq > ? AND seq <= ? AND (recipient IS NULL OR recipient = ?) ORDER BY seq LIMIT ?")) {
            select.setLong(1, since);
            select.setLong(2, head);
            select.setString(3, userId);
            select.setInt(4, limit + 1);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        boolean hasMore = rows.size() > limit;
        if (hasMore) {
            rows.remove(rows.size() - 1);
            return new Page(rows, true, rows.get(rows.size() - 1).seq());
        }
        return new Page(rows, false, Math.max(since, head));
    }

    synchronized Optional<StoredResponse> storedResponse(String userId, String key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT fingerprint, status, body FROM idempotency WHERE user_id = ? AND key = ?")) {
            select.setString(1, userId);
            select.setString(2, key);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(new StoredResponse(rs.getString(1), rs.getInt(2), rs.getBytes(3)))
                        : Optional.empty();
            }
        }
    }

    /**
     * Forgets changes beyond the last {@code keepChanges} or older than {@code cutoffMillis}, answers and ended
     * sessions older than it, and expired refresh tokens; returns the new {@code pruned_through} (the highest seq
     * forgotten, or the previous value).
     */
    synchronized long prune(long head, long prunedThrough, int keepChanges, long cutoffMillis, long nowMillis)
            throws SQLException {
        long byCount = head - keepChanges;
        long byAge = prunedThrough;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT max(seq) FROM changes WHERE at < ?")) {
            select.setLong(1, cutoffMillis);
            try (ResultSet rs = select.executeQuery()) {
                if (rs.next() && rs.getObject(1) != null) {
                    byAge = rs.getLong(1);
                }
            }
        }
        long cut = Math.max(prunedThrough, Math.max(byCount, byAge));
        long newPrunedThrough = cut;
        inTransaction(writer -> {
            writer.execute("DELETE FROM changes WHERE seq <= ?", cut);
            writer.execute("DELETE FROM idempotency WHERE created_at < ?", cutoffMillis);
            writer.execute("DELETE FROM applied_requests WHERE at < ?", cutoffMillis);
            writer.execute("DELETE FROM ended_sessions WHERE ended_at < ?", cutoffMillis);
            writer.execute("DELETE FROM refresh_tokens WHERE expires_at < ?", nowMillis);
            writer.putMeta(DemoPersistence.META_PRUNED_THROUGH, Long.toString(newPrunedThrough));
        });
        return newPrunedThrough;
    }

    @Override
    public synchronized void close() {
        closeQuietly(connection, lockChannel, lock);
    }

    private static void closeQuietly(Connection connection, FileChannel channel, FileLock lock) {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException ignored) {
            // closing after a failure: the failure is what gets reported
        }
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // the lock goes with the process anyway
        }
    }

    /** The prepared statements of one transaction. */
    private static final class Writer implements AutoCloseable {
        private final Connection connection;
        private final Map<String, PreparedStatement> statements = new HashMap<>();

        Writer(Connection connection) {
            this.connection = connection;
        }

        private PreparedStatement statement(String sql) throws SQLException {
            PreparedStatement statement = statements.get(sql);
            if (statement == null) {
                statement = connection.prepareStatement(sql);
                statements.put(sql, statement);
            }
            return statement;
        }

        void execute(String sql, Object... parameters) throws SQLException {
            PreparedStatement statement = statement(sql);
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }

        void putMeta(String key, String value) throws SQLException {
            execute("INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    key, value);
        }

        void insertChange(ChangeEntry entry) throws SQLException {
            execute("INSERT INTO changes(seq, at, event, recipient, data) VALUES(?, ?, ?, ?, ?)", entry.seq(),
                    entry.atMillis(), entry.event(), entry.recipient(), entry.dataJson());
        }

        void apply(DbWrite write) throws SQLException {
            switch (write) {
                case DbWrite.PutRecord r -> execute("INSERT INTO records(kind, id, ord, json, extra) VALUES(?, ?, ?, ?, ?)"
                        + " ON CONFLICT(kind, id) DO UPDATE SET json = excluded.json, extra = excluded.extra",
                        r.kind(), r.id(), r.ord(), r.json(), r.extra());
                case DbWrite.DeleteRecord d -> execute("DELETE FROM records WHERE kind = ? AND id = ?", d.kind(), d.id());
                case DbWrite.PutIdempotent i -> {
                    execute("INSERT INTO idempotency(user_id, key, fingerprint, status, body, created_at)"
                            + " VALUES(?, ?, ?, ?, ?, ?) ON CONFLICT(user_id, key) DO NOTHING",
                            i.userId(), i.key(), i.fingerprint(), i.status(), i.body(), i.createdAtMillis());
                    execute("INSERT INTO applied_requests(user_id, key, at) VALUES(?, ?, ?)", i.userId(), i.key(),
                            i.createdAtMillis());
                }
                case DbWrite.PutRefreshGrant g -> execute("INSERT OR REPLACE INTO refresh_tokens(token_hash, user_id,"
                        + " email, session_id, expires_at) VALUES(?, ?, ?, ?, ?)", g.tokenHash(), g.userId(), g.email(),
                        g.sessionId(), g.expiresAtMillis());
                case DbWrite.DeleteRefreshGrant g -> execute("DELETE FROM refresh_tokens WHERE token_hash = ?",
                        g.tokenHash());
                case DbWrite.EndSession s -> {
                    execute("INSERT OR REPLACE INTO ended_sessions(session_id, ended_at) VALUES(?, ?)", s.sessionId(),
                            s.endedAtMillis());
                    execute("DELETE FROM refresh_tokens WHERE session_id = ?", s.sessionId());
                }
                case DbWrite.ClearRefreshGrants c -> execute("DELETE FROM refresh_tokens");
            }
        }

        @Override
        public void close() throws SQLException {
            for (PreparedStatement statement : statements.values()) {
                statement.close();
            }
        }
    }
}
