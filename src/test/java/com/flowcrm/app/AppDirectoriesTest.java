package com.flowcrm.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppDirectoriesTest {
    private static final String USER_HOME = Path.of("/home/rep").toAbsolutePath().toString();

    @Test
    void linuxUsesLocalShareWhenXdgDataHomeIsUnset() {
        assertThat(AppDirectories.resolveHome(null, "Linux", Map.of(), USER_HOME))
                .isEqualTo(Path.of(USER_HOME, ".local", "share", "flow-crm"));
    }

    @Test
    void linuxHonoursAnAbsoluteXdgDataHome() {
        String xdg = Path.of("/data/xdg").toAbsolutePath().toString();
        assertThat(AppDirectories.resolveHome(null, "Linux", Map.of("XDG_DATA_HOME", xdg), USER_HOME))
                .isEqualTo(Path.of(xdg, "flow-crm"));
    }

    @Test
    void linuxIgnoresARelativeXdgDataHomeAsTheSpecRequires() {
        assertThat(AppDirectories.resolveHome(null, "Linux", Map.of("XDG_DATA_HOME", "relative/dir"), USER_HOME))
                .isEqualTo(Path.of(USER_HOME, ".local", "share", "flow-crm"));
    }

    @Test
    void windowsUsesAppData() {
        String appData = Path.of("/users/rep/AppData/Roaming").toAbsolutePath().toString();
        assertThat(AppDirectories.resolveHome(null, "Windows 11", Map.of("APPDATA", appData), USER_HOME))
                .isEqualTo(Path.of(appData, "FlowCRM"));
    }

    @Test
    void windowsFallsBackToTheRoamingProfileWhenAppDataIsMissing() {
        assertThat(AppDirectories.resolveHome(null, "Windows 10", Map.of(), USER_HOME))
                .isEqualTo(Path.of(USER_HOME, "AppData", "Roaming", "FlowCRM"));
    }

    @Test
    void macUsesApplicationSupport() {
        assertThat(AppDirectories.resolveHome(null, "Mac OS X", Map.of("XDG_DATA_HOME", "/ignored"), USER_HOME))
                .isEqualTo(Path.of(USER_HOME, "Library", "Application Support", "FlowCRM"));
    }

    @Test
    void homePropertyOverridesEveryOs(@TempDir Path temp) {
        for (String os : new String[] {"Linux", "Windows 11", "Mac OS X"}) {
            assertThat(AppDirectories.resolveHome(temp.toString(), os, Map.of("APPDATA", "/x"), USER_HOME))
                    .isEqualTo(temp);
        }
    }

    @Test
    void forCurrentUserHonoursTheHomeSystemProperty(@TempDir Path temp) {
        String previous = System.getProperty(AppDirectories.HOME_PROPERTY);
        System.setProperty(AppDirectories.HOME_PROPERTY, temp.toString());
        try {
            assertThat(AppDirectories.forCurrentUser().home()).isEqualTo(temp.toAbsolutePath());
        } finally {
            restore(AppDirectories.HOME_PROPERTY, previous);
        }
    }

    @Test
    void directoriesAreCreatedOnlyWhenAskedFor(@TempDir Path temp) {
        AppDirectories dirs = new AppDirectories(temp.resolve("home"));
        assertThat(dirs.home()).doesNotExist();

        assertThat(dirs.logDir()).isDirectory().isEqualTo(temp.resolve("home/logs"));
        assertThat(dirs.settingsDir()).isDirectory().isEqualTo(temp.resolve("home/settings"));
        assertThat(dirs.dataDir()).isDirectory().isEqualTo(temp.resolve("home/data"));
        assertThat(dirs.currentLogFile()).isEqualTo(temp.resolve("home/logs/flow-crm.log"));
    }

    @Test
    void workspacesAndTheNativeLibraryLiveUnderTheHomeAndAreLeftToTheirOwnersToCreate(@TempDir Path temp) {
        AppDirectories dirs = new AppDirectories(temp.resolve("home"));

        assertThat(dirs.workspacesDir()).isEqualTo(temp.resolve("home/data/workspaces")).doesNotExist();
        assertThat(dirs.nativeLibraryDir()).isEqualTo(temp.resolve("home/native")).doesNotExist();
    }

    @Test
    void aHomeThatCannotBeCreatedIsReportedWithItsPath(@TempDir Path temp) throws Exception {
        Path blocker = Files.writeString(temp.resolve("a-file"), "not a directory");
        AppDirectories dirs = new AppDirectories(blocker.resolve("home"));

        assertThatThrownBy(dirs::logDir)
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(blocker.resolve("home").resolve("logs").toString());
    }

    @Test
    void logDefinerUsesTheHomeLogDirectory(@TempDir Path temp) {
        String previous = System.getProperty(AppDirectories.HOME_PROPERTY);
        System.setProperty(AppDirectories.HOME_PROPERTY, temp.toString());
        try {
            assertThat(new AppDirectories.LogDirectoryDefiner().getPropertyValue())
                    .isEqualTo(temp.resolve("logs").toString());
            assertThat(temp.resolve("logs")).isDirectory();
        } finally {
            restore(AppDirectories.HOME_PROPERTY, previous);
        }
    }

    @Test
    void logDefinerFallsBackToTheTempDirectoryWhenTheHomeIsUnusable(@TempDir Path temp) throws Exception {
        Path blocker = Files.writeString(temp.resolve("a-file"), "not a directory");
        String previous = System.getProperty(AppDirectories.HOME_PROPERTY);
        System.setProperty(AppDirectories.HOME_PROPERTY, blocker.toString());
        try {
            assertThat(new AppDirectories.LogDirectoryDefiner().getPropertyValue())
                    .isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "flow-crm-logs").toString());
        } finally {
            restore(AppDirectories.HOME_PROPERTY, previous);
        }
    }

    @Test
    void logDefinerPrefersAnExplicitLogDirectory(@TempDir Path temp) {
        String previous = System.getProperty(AppDirectories.LOG_DIR_PROPERTY);
        System.setProperty(AppDirectories.LOG_DIR_PROPERTY, temp.toString());
        try {
            assertThat(new AppDirectories.LogDirectoryDefiner().getPropertyValue()).isEqualTo(temp.toString());
        } finally {
            restore(AppDirectories.LOG_DIR_PROPERTY, previous);
        }
    }

    private static void restore(String key, String previous) {
        if (previous == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, previous);
        }
    }
}
