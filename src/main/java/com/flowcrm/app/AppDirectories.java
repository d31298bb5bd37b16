package com.flowcrm.app;

import ch.qos.logback.core.PropertyDefinerBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the app keeps the user's settings, logs and data on each OS; every directory is created on first use.
 *
 * <ul>
 *   <li>Linux: {@code $XDG_DATA_HOME/flow-crm}, else {@code ~/.local/share/flow-crm}</li>
 *   <li>Windows: {@code %APPDATA%\FlowCRM}, else {@code ~\AppData\Roaming\FlowCRM}</li>
 *   <li>macOS: {@code ~/Library/Application Support/FlowCRM}</li>
 *   <li>any OS: the system property {@value #HOME_PROPERTY} wins (tests and portable installs use it)</li>
 * </ul>
 *
 * <p>Logging needs no call from {@code Main}: {@link LogConfiguration} asks {@link LogDirectoryDefiner} for the log
 * directory when logback configures itself, i.e. at the first {@code LoggerFactory.getLogger}. Code that moves
 * the home at run time must therefore set {@value #HOME_PROPERTY} before the first logger is created.
 */
public final class AppDirectories {
    /** System property that replaces the per-OS home directory. */
    public static final String HOME_PROPERTY = "flow.home";
    /** System property that replaces only the log directory (read by {@link LogConfiguration}). */
    public static final String LOG_DIR_PROPERTY = "flow.log.dir";
    /** Name of the active log file inside {@link #logDir()}; rolled files sit beside it. */
    public static final String LOG_FILE_NAME = "flow-crm.log";

    private final Path home;

    AppDirectories(Path home) {
        this.home = home;
    }

    /** The directories of the user running this JVM (honours {@value #HOME_PROPERTY}). */
    public static AppDirectories forCurrentUser() {
        return new AppDirectories(resolveHome(System.getProperty(HOME_PROPERTY), System.getProperty("os.name", ""),
                System.getenv(), System.getProperty("user.home")));
    }

    /** Picks the home directory for the given OS and environment; package-private so every OS is testable here. */
    static Path resolveHome(String homeOverride, String osName, Map<String, String> env, String userHome) {
        if (homeOverride != null && !homeOverride.isBlank()) {
            return Path.of(homeOverride).toAbsolutePath();
        }
        String os = osName.toLowerCase(Locale.ROOT);
        Path user = Path.of(userHome);
        if (os.startsWith("windows")) {
            Path appData = absolutePathOrNull(env.get("APPDATA"));
            return (appData != null ? appData : user.resolve("AppData").resolve("Roaming")).resolve("FlowCRM");
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return user.resolve("Library").resolve("Application Support").resolve("FlowCRM");
        }
        // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
        Path xdgData = absolutePathOrNull(env.get("XDG_DATA_HOME"));
        return (xdgData != null ? xdgData : user.resolve(".local").resolve("share")).resolve("flow-crm");
    }

    private static Path absolutePathOrNull(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            Path path = Path.of(value);
            return path.isAbsolute() ? path : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** The root of everything the app stores for this user; not created by this call. */
    public Path home() {
        return home;
    }

    /** Directory for settings files (created on demand). */
    public Path settingsDir() {
        return ensureDirectory(home.resolve("settings"));
    }

    /** Directory for the rolling log files (created on demand). */
    public Path logDir() {
        return ensureDirectory(home.resolve("logs"));
    }

    /** The log file logback currently writes to, for a "Show logs" action. */
    public Path currentLogFile() {
        return logDir().resolve(LOG_FILE_NAME);
    }

    /** Directory for cached and exported data (created on demand). */
    public Path dataDir() {
        return ensureDirectory(home.resolve("data"));
    }

    /**
     * Where the embedded demo backend keeps its state (its SQLite database), so the demo's deals, sessions and
     * change log survive a restart of the app; not created by this call (the demo server creates it).
     */
    public Path demoServerDir() {
        return home.resolve("data").resolve("demo-server");
    }

    /**
     * The folder of the offline workspaces, one SQLite file per server and user ({@code data/workspaces}). Not created
     * here: {@code local.Workspaces} creates it owner-only (700) on first open.
     */
    public Path workspacesDir() {
        return home.resolve("data").resolve("workspaces");
    }

    /**
     * Where SQLite's native library is extracted and loaded from instead of the temp folder, which may be mounted
     * noexec; passed to {@code local.SqliteNativeLibrary.prepare} at start, which creates it owner-only.
     */
    public Path nativeLibraryDir() {
        return home.resolve("native");
    }

    private static Path ensureDirectory(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the app directory " + dir, e);
        }
    }

    /**
     * Gives the logging set-up ({@link LogConfiguration}) its log directory: {@value #LOG_DIR_PROPERTY} if set, else {@link #logDir()}, and
     * when that cannot be created (read-only home) a directory under {@code java.io.tmpdir}, so that a broken
     * home never stops the app or sends logback's complaints to stdout.
     */
    public static final class LogDirectoryDefiner extends PropertyDefinerBase {
        @Override
        public String getPropertyValue() {
            String explicit = System.getProperty(LOG_DIR_PROPERTY);
            if (explicit != null && !explicit.isBlank()) {
                return explicit;
            }
            try {
                return forCurrentUser().logDir().toString();
            } catch (RuntimeException e) {
                // No addWarn: logback would print its status to stdout, which the CLI keeps for data.
                return Path.of(System.getProperty("java.io.tmpdir"), "flow-crm-logs").toString();
            }
        }
    }
}
