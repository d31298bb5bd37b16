package com.flowcrm.soak;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * How often the demo server executed each request made with an Idempotency-Key, read from its data directory
 * after the run (its {@code applied_requests} table: one row per execution, written in the same transaction as the
 * request's changes, so a kill -9 keeps both or neither). A key with two rows is a change applied twice.
 *
 * @param applications executions of keyed requests in all (0 would make the check empty)
 * @param twice        "user key xN" for every key executed more than once
 */
record AppliedKeys(long applications, List<String> twice) {

    static AppliedKeys read(Path dataDir) throws SQLException {
        Path db = dataDir.resolve("demo.db");
        if (!Files.isRegularFile(db)) {
            throw new IllegalStateException("the demo server's database is not at " + db);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            long applications;
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM applied_requests")) {
                applications = rs.next() ? rs.getLong(1) : 0;
            }
            List<String> twice = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT user_id, key, count(*) FROM applied_requests"
                    + " GROUP BY user_id, key HAVING count(*) > 1 ORDER BY user_id, key")) {
                while (rs.next()) {
                    twice.add(rs.getString(1) + " " + rs.getString(2) + " x" + rs.getLong(3));
                }
            }
            return new AppliedKeys(applications, List.copyOf(twice));
        }
    }
}
