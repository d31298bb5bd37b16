package com.flowcrm.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.demo.RestCalls.Reply;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo backend's record of every execution of a keyed request ({@code applied_requests}, what the soak counts
 * duplicates by): one row per execution, none for a replay (also across a kill -9), and a data directory of the
 * previous schema gains the table without losing its data.
 */
class AppliedRequestsTest {
    @TempDir
    Path temp;

    @Test
    void aKeyedRequestIsRecordedOnceHoweverOftenItIsRepeatedAndAnOlderDirectoryIsMigrated() throws Exception {
        Path data = temp.resolve("data");
        String body = "{\"title\":\"Fleet rollout\",\"company\":\"Initech\",\"value\":48000}";
        try (ChildDemoServer server = ChildDemoServer.start(data, temp, "--deals", "10", "--contacts", "5",
                "--no-simulator"); RestCalls rest = new RestCalls(server.apiUrl)) {
            String token = rest.login(DemoServer.DEMO_EMAIL, DemoServer.DEMO_PASSWORD).get("token").getAsString();
            assertThat(rest.call("POST", "/deals", token, body, Map.of("Idempotency-Key", "k-1")).status()).isEqualTo(200);
            Reply replay = rest.call("POST", "/deals", token, body, Map.of("Idempotency-Key", "k-1"));
            assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
            String dealId = rest.get("/deals", token).body().getAsJsonArray().get(0).getAsJsonObject().get("id")
                    .getAsString();
            assertThat(rest.call("PATCH", "/deals/" + dealId + "/stage", token, "{\"stage\":\"proposal\"}",
                    Map.of("Idempotency-Key", "k-2")).status()).isEqualTo(200);
            server.kill9();
        }
        assertThat(appliedCount(data, "k-1")).isEqualTo(1);
        assertThat(appliedCount(data, "k-2")).isEqualTo(1);

        // the directory as the previous version left it: no such table, schema 1
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("demo.db"));
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE applied_requests");
            s.execute("PRAGMA user_version=1");
        }
        try (ChildDemoServer server = ChildDemoServer.start(data, temp, "--no-simulator");
                RestCalls rest = new RestCalls(server.apiUrl)) {
            String token = rest.login(DemoServer.DEMO_EMAIL, DemoServer.DEMO_PASSWORD).get("token").getAsString();
            Reply replay = rest.call("POST", "/deals", token, body, Map.of("Idempotency-Key", "k-1"));
            assertThat(replay.header("Idempotent-Replayed")).as("the stored answers survived").isEqualTo("true");
            String dealId = rest.get("/deals", token).body().getAsJsonArray().get(0).getAsJsonObject().get("id")
                    .getAsString();
            assertThat(rest.call("PATCH", "/deals/" + dealId + "/stage", token, "{\"stage\":\"won\"}",
                    Map.of("Idempotency-Key", "k-3")).status()).isEqualTo(400);
            assertThat(rest.call("PATCH", "/deals/" + dealId + "/stage", token, "{\"stage\":\"negotiation\"}",
                    Map.of("Idempotency-Key", "k-3")).status()).isEqualTo(200);
        }
        assertThat(appliedCount(data, "k-3")).as("only the request that succeeded").isEqualTo(1);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("demo.db"));
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            assertThat(rs.next() && rs.getInt(1) == DemoDatabase.SCHEMA_VERSION).isTrue();
        }
    }

    private static int appliedCount(Path data, String key) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("demo.db"));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM applied_requests WHERE key = '" + key + "'")) {
            return rs.next() ? rs.getInt(1) : -1;
        }
    }
}
