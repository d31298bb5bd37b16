package com.flowcrm.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaMigrationsTest {
    private static final String FOLDER = "/com/flowcrm/local/testschema/";
    private static final SchemaMigrations V1 = new SchemaMigrations(FOLDER, List.of("001-notes.sql"));
    private static final SchemaMigrations V2 = new SchemaMigrations(FOLDER, List.of("001-notes.sql", "002-pinned.sql"));
    private static final SchemaMigrations V3_BROKEN = new SchemaMigrations(FOLDER,
            List.of("001-notes.sql", "002-pinned.sql", "003-broken.sql"));

    @TempDir
    Path folder;

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(SqliteConnections.url(folder.resolve("w.db")));
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    void aNewFileGetsEveryMigrationInOrder() throws SQLException {
        try (Connection c = connect()) {
            assertThat(V2.migrate(c)).isZero();

            assertThat(SchemaMigrations.userVersion(c)).isEqualTo(2);
            assertThat(query(c, "SELECT body || ':' || pinned FROM note WHERE id = 'n1'")).isEqualTo("from version 1:1");
        }
    }

    @Test
    void aFileFromAnOlderVersionGetsOnlyTheMigrationsItLacksAndKeepsItsData() throws SQLException {
        try (Connection c = connect()) {
            V1.migrate(c);
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO note (id, body) VALUES ('n2', 'written by version 1')");
            }

            assertThat(V2.migrate(c)).isEqualTo(1);

            assertThat(SchemaMigrations.userVersion(c)).isEqualTo(2);
            assertThat(query(c, "SELECT body || ':' || pinned FROM note WHERE id = 'n2'")).isEqualTo("written by version 1:0");
            assertThat(query(c, "SELECT count(*) FROM note")).isEqualTo("2");
            assertThat(V2.migrate(c)).isEqualTo(2);
        }
    }

    @Test
    void aFailingMigrationLeavesTheFileWholeAtThePreviousVersion() throws SQLException {
        try (Connection c = connect()) {
            V2.migrate(c);

            assertThatThrownBy(() -> V3_BROKEN.migrate(c)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("no_such_table");

            assertThat(SchemaMigrations.userVersion(c)).isEqualTo(2);
            assertThat(query(c, "SELECT count(*) FROM sqlite_schema WHERE name = 'tag'")).isEqualTo("0");
        }
    }

    @Test
    void theAppsOwnMigrationsTakeAnEmptyDatabaseToTheLatestVersion() throws SQLException {
        try (Connection c = connect()) {
            SchemaMigrations.APP.migrate(c);

            assertThat(SchemaMigrations.userVersion(c)).isEqualTo(SchemaMigrations.APP.latestVersion());
            assertThat(query(c, "SELECT change_log FROM sync_state")).isEqualTo("UNKNOWN");
        }
    }

    @Test
    void scriptsSplitAtLineEndSemicolonsAndDropCommentLines() {
        assertThat(SchemaMigrations.statements("-- a comment\nCREATE TABLE a (x);\n\nUPDATE a\n  SET x = 1;\nSELECT 1"))
                .containsExactly("CREATE TABLE a (x);", "UPDATE a\n  SET x = 1;", "SELECT 1");
    }
}
