package com.flowcrm.demo;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Between the demo state and its database: the row of each record, the first data set written in one transaction,
 * and the state read back on a restart (never generated again). Also where a new change log gets its first seq.
 */
final class DemoPersistence {
    static final String USER = "user";
    static final String DEAL = "deal";
    static final String CONTACT = "contact";
    static final String NOTIFICATION = "notification";
    static final String META_INITIALIZED = "initialized";
    static final String META_LOG_BASE = "log_base";
    static final String META_LOG_HEAD = "log_head";
    static final String META_PRUNED_THROUGH = "pruned_through";
    static final String META_NEXT_ID = "next_id";
    static final String META_JWT_KEY = "jwt_key";
    static final String META_CREATED_AT = "created_at";
    private static final int KEY_BYTES = 32;

    /** What a server starts from: the data, where its log stands, its signing key and its sessions. */
    record Opened(DemoState.Store store, long head, long prunedThrough, byte[] jwtKey, boolean loaded,
            List<DemoDatabase.RefreshRow> refreshGrants, List<String> endedSessions) {
    }

    private DemoPersistence() {
    }

    static DbWrite userRow(UserRecord user, long ord) {
        return new DbWrite.PutRecord(USER, user.id, ord, DemoJson.GSON.toJson(user), user.password);
    }

    static DbWrite dealRow(DealRecord deal, long ord) {
        return new DbWrite.PutRecord(DEAL, deal.id, ord, DemoJson.GSON.toJson(deal),
                deal.stageEnteredAt == null ? null : deal.stageEnteredAt.toString());
    }

    static DbWrite contactRow(ContactRecord contact, long ord) {
        return new DbWrite.PutRecord(CONTACT, contact.id, ord, DemoJson.GSON.toJson(contact), null);
    }

    static DbWrite notificationRow(NotificationRecord notification, long ord) {
        return new DbWrite.PutRecord(NOTIFICATION, notification.id, ord, DemoJson.GSON.toJson(notification), null);
    }

    /**
     * A new log's first seq is its creation time in microseconds, so the seqs of two logs (a data directory made
     * anew, an in-memory server started again) never overlap: a cursor from another log is always outside this
     * one's range and gets 410 instead of the wrong changes.
     */
    static long newLogBase(Clock clock) {
        Instant now = clock.instant();
        return Math.multiplyExact(now.getEpochSecond(), 1_000_000L) + now.getNano() / 1_000;
    }

    /** The state in the database, or the generated data set (written in one transaction when durable). */
    static Opened openOrGenerate(DemoDatabase db, DemoServerConfig config, Clock clock) {
        try {
            Map<String, String> meta = db.meta();
            if ("true".equals(meta.get(META_INITIALIZED))) {
                return load(db, meta);
            }
            return generate(db, config, clock);
        } catch (SQLException | RuntimeException e) {
            if (e instanceof DemoDataException data) {
                throw data;
            }
            throw new DemoDataException(DemoDataException.Reason.UNREADABLE, "cannot read the demo data in "
                    + db.file() + " (" + e.getMessage() + "); it was left as it is: move it away to start with new"
                    + " demo data", e);
        }
    }

    private static Opened generate(DemoDatabase db, DemoServerConfig config, Clock clock) throws SQLException {
        DemoState.Store store = DemoDataGenerator.generate(config.deals(), config.contacts(), config.seed(), clock);
        long base = newLogBase(clock);
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        if (db.durable()) {
            List<DbWrite> rows = new ArrayList<>();
            long ord = 0;
            for (UserRecord user : store.users.values()) {
                rows.add(userRow(user, ++ord));
            }
            for (ContactRecord contact : store.contacts.values()) {
                rows.add(contactRow(contact, ++ord));
            }
            for (DealRecord deal : store.deals.values()) {
                rows.add(dealRow(deal, ++ord));
            }
            for (NotificationRecord notification : store.notifications.values()) {
                rows.add(notificationRow(notification, ++ord));
            }
            Map<String, String> meta = new HashMap<>();
            meta.put(META_LOG_BASE, Long.toString(base));
            meta.put(META_LOG_HEAD, Long.toString(base));
            meta.put(META_PRUNED_THROUGH, Long.toString(base));
            meta.put(META_NEXT_ID, Long.toString(store.nextId));
            meta.put(META_JWT_KEY, Base64.getEncoder().encodeToString(key));
            meta.put(META_CREATED_AT, clock.instant().toString());
            meta.put(META_INITIALIZED, "true");
            db.writeInitial(rows, meta);
        }
        return new Opened(store, base, base, key, false, List.of(), List.of());
    }

    private static Opened load(DemoDatabase db, Map<String, String> meta) throws SQLException {
        DemoState.Store store = new DemoState.Store();
        db.readRecords(USER, (json, password) -> {
            UserRecord user = DemoJson.GSON.fromJson(json, UserRecord.class);
            user.password = password;
            store.users.put(user.id, user);
        });
        db.readRecords(CONTACT, (json, extra) -> {
            ContactRecord contact = DemoJson.GSON.fromJson(json, ContactRecord.class);
            store.contacts.put(contact.id, contact);
        });
        db.readRecords(DEAL, (json, stageEnteredAt) -> {
            DealRecord deal = DemoJson.GSON.fromJson(json, DealRecord.class);
            deal.stageEnteredAt = stageEnteredAt == null ? deal.createdDate : Instant.parse(stageEnteredAt);
            store.deals.put(deal.id, deal);
        });
        db.readRecords(NOTIFICATION, (json, extra) -> {
            NotificationRecord notification = DemoJson.GSON.fromJson(json, NotificationRecord.class);
            store.notifications.put(notification.id, notification);
        });
        store.nextId = Long.parseLong(required(meta, META_NEXT_ID));
        List<DemoDatabase.RefreshRow> grants = new ArrayList<>();
        db.readRefreshGrants(grants::add);
        return new Opened(store, Long.parseLong(required(meta, META_LOG_HEAD)),
                Long.parseLong(required(meta, META_PRUNED_THROUGH)),
                Base64.getDecoder().decode(required(meta, META_JWT_KEY)), true, grants, db.endedSessions());
    }

    private static String required(Map<String, String> meta, String key) {
        String value = meta.get(key);
        if (value == null) {
            throw new IllegalStateException("the database has no " + key);
        }
        return value;
    }
}
