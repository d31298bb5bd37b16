package com.flowcrm.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets exactly one process send a workspace's outbox at a time: the window and a command line process may have the
 * same workspace open (SQLite keeps their writes safe), but two senders could each find a waiting change and send it
 * twice. Whoever sends holds an OS file lock on {@code <workspace>.send-lock} for one pass over the outbox (read the
 * outbox, send what is due, record each answer) and lets go at its end; the other process waits for its turn and then
 * reads the outbox again, where every change the first one sent is gone or marked. An OS lock rather than a row in the
 * database because it needs no clock and no heartbeat: it ends with the process that held it, also after kill -9, so
 * a crashed sender never blocks the other one. Within one JVM (tests run the window and the commands in one) a
 * semaphore per file does the same, since the OS lock is per process. Thread-safe.
 */
final class SendLease {
    private static final Logger LOG = LoggerFactory.getLogger(SendLease.class);
    private static final Map<Path, Semaphore> IN_THIS_PROCESS = new ConcurrentHashMap<>();

    private final Path lockFile;
    private final Semaphore local;
    private FileChannel channel;
    private FileLock lock;

    SendLease(Path workspaceFile) {
        Path file = Objects.requireNonNull(workspaceFile, "workspaceFile").toAbsolutePath().normalize();
        this.lockFile = file.resolveSibling(file.getFileName() + ".send-lock");
        this.local = IN_THIS_PROCESS.computeIfAbsent(lockFile, k -> new Semaphore(1));
    }

    /** The lock file beside a workspace (removed with it). */
    static Path lockFileOf(Path workspaceFile) {
        Path file = workspaceFile.toAbsolutePath().normalize();
        return file.resolveSibling(file.getFileName() + ".send-lock");
    }

    /** Takes the lease if nobody holds it; false at once otherwise. */
    synchronized boolean tryAcquire() {
        if (lock != null || !local.tryAcquire()) {
            return false;
        }
        try {
            FileChannel opened = open();
            FileLock taken;
            try {
                taken = opened.tryLock();
            } catch (OverlappingFileLockException e) {
                taken = null;
            }
            if (taken == null) {
                opened.close();
                local.release();
                return false;
            }
            channel = opened;
            lock = taken;
            stamp();
            return true;
        } catch (IOException e) {
            local.release();
            LOG.warn("Cannot take the send lease {}: {}", lockFile, e.getMessage());
            return false;
        }
    }

    /** Waits up to {@code wait} for the lease; false when another process kept it that long. */
    boolean acquire(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            if (tryAcquire()) {
                return true;
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(100);
        }
    }

    /** Lets go (a no-op when not held). */
    synchronized void release() {
        if (lock == null) {
            return;
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            LOG.debug("Releasing the send lease {}: {}", lockFile, e.getMessage());
        } finally {
            lock = null;
            channel = null;
            local.release();
        }
    }

    private FileChannel open() throws IOException {
        if (!Files.exists(lockFile) && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            try {
                Files.createFile(lockFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // the other process created it first
            }
        }
        return FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    /** Who holds it, for a person looking at the folder. */
    private void stamp() throws IOException {
        byte[] text = ("sending: process " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(text), 0);
    }
}
