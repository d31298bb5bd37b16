package com.flowcrm.local;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Keeps the workspace folder (700) and its files (600) readable by their owner only on POSIX file systems. SQLite
 * gives the {@code -wal} and {@code -shm} files the mode of the database file, so creating that file with 600 before
 * SQLite opens it covers them; {@link #restrictFile} is applied again afterwards in case they predate us. On other
 * file systems (Windows) the user's profile folder already belongs to the user and this does nothing.
 */
final class OwnerOnlyFiles {
    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {
    }

    static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Creates the folder (and its parents) when missing and makes the folder itself owner-only. */
    static Path ensureFolder(Path folder) throws IOException {
        Files.createDirectories(folder);
        if (isPosix(folder)) {
            Files.setPosixFilePermissions(folder, FOLDER);
        }
        return folder;
    }

    /** Creates an empty file that is owner-only from its first byte; an existing file is only restricted. */
    static void createFile(Path file) throws IOException {
        try {
            if (isPosix(file)) {
                FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(FILE);
                Files.createFile(file, mode);
                // The umask may have taken bits away from the requested mode, never added: set it exactly.
                Files.setPosixFilePermissions(file, FILE);
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            restrictFile(file);
        }
    }

    /** Makes an existing file owner-only; a missing one is fine (SQLite removes -wal/-shm on a clean close). */
    static void restrictFile(Path file) throws IOException {
        if (!isPosix(file) || !Files.exists(file)) {
            return;
        }
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view != null && !view.readAttributes().permissions().equals(FILE)) {
            view.setPermissions(FILE);
        }
    }
}
