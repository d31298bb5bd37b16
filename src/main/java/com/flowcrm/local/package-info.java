/**
 * The offline workspace on disk: per (server, user) one SQLite file holding the last state the server confirmed and
 * the outbox of the rep's changes, kept apart (the stores layer the outbox over the confirmed state), plus the OS
 * credential store for the refresh token ({@code local.credentials}). Depends on nothing of ours but may use the
 * model; {@code store} uses it, {@code cli} reaches it through {@code store}, {@code app} wires it (ArchitectureTest).
 *
 * <h2>Files</h2>
 * {@link com.flowcrm.local.Workspaces} owns {@code <app data>/workspaces/} (mode 700 on POSIX); each workspace is
 * {@code <host>[-port]_<email>_<10 hex of SHA-256(api URL + email)>.db} (mode 600, and so are its {@code -wal} and
 * {@code -shm}: SQLite gives them the database file's mode, and the file is created 600 before SQLite opens it). No
 * password or token is ever written: no method takes one. "Sign out and remove local data" is
 * {@link com.flowcrm.local.Workspaces#remove}.
 *
 * <h2>Schema (version 1, {@code schema/001-confirmed-state-and-outbox.sql})</h2>
 * <ul>
 *   <li>{@code deal}, {@code contact}, {@code notification}: {@code (id TEXT PRIMARY KEY, json TEXT)}, the JSON the
 *       store wrote with the api's writer and reads back with its tolerant mapper (one mapping, not two). Rowid tables:
 *       {@code WITHOUT ROWID} was 2-5 times slower here because the rows (1-1.5 KB) are large for it.</li>
 *   <li>{@code current_user (singleton, json)}; {@code sync_state (singleton, cursor, last_synced_at, change_log)}:
 *       the change-log cursor of issue 13, when the server last confirmed the state, and whether it has a log.</li>
 *   <li>{@code outbox (ord AUTOINCREMENT, id UNIQUE, idempotency_key UNIQUE, created_at, kind, target_type,
 *       target_id, fields JSON [{field, base, value, theirs}], payload, status, reason, attempts, next_attempt_at)}
 *       with an index on {@code (target_type, target_id, ord)}.</li>
 * </ul>
 *
 * <h2>Versions: {@code PRAGMA user_version} and numbered SQL files, not Flyway</h2>
 * Flyway 13.12 supports SQLite in {@code flyway-core} alone (no extra module). Measured in fresh JVMs on this machine
 * (JDK 25, 5 runs each, load average about 2.5): migrate + open in WAL took 610-650 ms with Flyway and 250-335 ms with
 * {@code user_version} (new or existing file alike), against 235-315 ms for loading SQLite and connecting at all; so
 * Flyway costs about 330 ms of start-up, more than the 100 ms the issue allows, and {@code user_version} 20-40 ms.
 * {@link com.flowcrm.local.SchemaMigrations} applies each missing file in its own transaction with the version it
 * reaches. Before anything writes (even switching to WAL writes the header), a read-only connection reads the
 * version: a file from a newer app is refused and left byte for byte as it was.
 *
 * <h2>Threads</h2>
 * Writes of confirmed state never block the caller: they are coalesced (latest JSON per id) under a short lock and
 * one writer thread commits all that is pending as one transaction; a cursor saved after records is committed with
 * them or later, never before. Outbox steps return futures completed after their commit. Reads run on the caller's
 * thread (never the FX thread) on short-lived read-only connections, each in one snapshot. See
 * {@link com.flowcrm.local.Workspace} and {@link com.flowcrm.local.Outbox}.
 *
 * <h2>Durability: WAL, {@code synchronous} chosen per transaction</h2>
 * FULL for every transaction that holds outbox work (a change shown as "saved locally" survives a power cut), NORMAL
 * for confirmed state only: in WAL mode NORMAL stays consistent after a power cut and may only lose the last
 * transactions, which carry their own cursor, so the next catch-up fetches them again. kill -9 loses nothing committed
 * in either mode (the OS still has the pages). What FULL costs is one fsync per commit: on this machine 0.1-0.3 ms
 * with little else running (a 75 MB full reload took 640-900 ms either way; a 100-record batch 0.45-0.75 ms), and
 * 2-5 ms per commit while five other builds share its disk ({@code WorkspaceBench}: 1.1-1.8 ms per live batch with
 * NORMAL, 3.2-7.1 ms with an outbox entry and FULL). Live state commits continuously during a burst, so it does not
 * pay that for data the server still has; the rep's changes always do.
 *
 * <h2>Reading at launch</h2>
 * 10,000 deals + 50,000 contacts (76 MB of JSON) stream out of one snapshot in a cold JVM with 230-600 ms of CPU
 * ({@code WorkspaceBench}, {@code cold_read_all_cpu_ms}); wall time is that on an idle machine and 0.6-1.5 s at a
 * load average of 10 on its 2 cores. A caller that wants the board first reads deals, then contacts (see
 * {@link com.flowcrm.local.Workspace#readRecords}).

 * <h2>Failures, each a named outcome with a message for the rep</h2>
 * {@link com.flowcrm.local.WorkspaceException.Kind}: a full disk refuses the outbox step whole ({@code DISK_FULL};
 * confirmed state is retried with back-off); a damaged file is set aside as
 * {@code <name>.corrupt-<UTC stamp>.db} with its outbox carried over where readable and a fresh workspace opened
 * ({@link com.flowcrm.local.WorkspaceRecovery}, also for a file that is not SQLite at all); a newer version's file is
 * refused untouched ({@code NEWER_VERSION}).
 *
 * <h2>Packaged app</h2>
 * sqlite-jdbc extracts its native library to the temp folder, which fails when that is mounted noexec: the app calls
 * {@link com.flowcrm.local.SqliteNativeLibrary#prepare} with {@code AppDirectories.nativeLibraryDir()} at start.
 */
package com.flowcrm.local;
