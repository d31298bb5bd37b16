package com.flowcrm.local;

import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;

/**
 * Loads SQLite's native library from a folder of the app's. sqlite-jdbc extracts its library into
 * {@code org.sqlite.tmpdir} (default: {@code java.io.tmpdir}) and loads it from there; on a machine whose temp
 * folder is mounted {@code noexec} that load fails (sqlite-jdbc #185, #1312) and no workspace can open.
 *
 * <p>The app calls {@link #prepare(Path)} once at start, before the first workspace opens, with a folder under its
 * own data folder (e.g. {@code <app home>/native}); on a background thread, since extracting and loading takes about
 * 200 ms on a cold start, which then overlaps with showing the window. A {@code -Dorg.sqlite.tmpdir=...} given on the
 * command line wins.
 */
public final class SqliteNativeLibrary {
    /** The system property sqlite-jdbc reads for its extraction folder. */
    public static final String TMPDIR_PROPERTY = "org.sqlite.tmpdir";
    private static final Logger LOG = LoggerFactory.getLogger(SqliteNativeLibrary.class);

    private SqliteNativeLibrary() {
    }

    /**
     * Points sqlite-jdbc at {@code folder} (created owner-only) unless the property is already set, and loads the
     * library now. Returns the folder used.
     *
     * @throws WorkspaceException {@code NATIVE_LIBRARY} with what to do when the library cannot be loaded
     */
    public static synchronized Path prepare(Path folder) {
        String preset = System.getProperty(TMPDIR_PROPERTY);
        Path used = preset != null && !preset.isBlank() ? Path.of(preset) : folder.toAbsolutePath();
        try {
            OwnerOnlyFiles.ensureFolder(used);
        } catch (IOException e) {
            throw new WorkspaceException(WorkspaceException.Kind.NATIVE_LIBRARY, "Could not create the folder " + used
                    + " for the database library: " + e.getMessage(), e);
        }
        if (preset == null || preset.isBlank()) {
            System.setProperty(TMPDIR_PROPERTY, used.toString());
        }
        try {
            SQLiteJDBCLoader.initialize();
            LOG.debug("SQLite {} loaded (native library folder {})", SQLiteJDBCLoader.getVersion(), used);
            return used;
        } catch (Exception | LinkageError e) {
            throw new WorkspaceException(WorkspaceException.Kind.NATIVE_LIBRARY, "The database library could not be "
                    + "loaded from " + used + " (" + e.getMessage() + "). The folder must allow running programs "
                    + "(not mounted noexec); start the app with -D" + TMPDIR_PROPERTY + "=<another folder> to use another.",
                    e);
        }
    }
}
