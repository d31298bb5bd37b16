package com.flowcrm.api;

import com.flowcrm.common.DaemonThreads;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A streamed body that brings no bytes for the limit is closed and fails as a timeout. java.net.http's request timeout
 * ends when the headers arrive, so without it a link that stalls in the middle of a list (a half-open connection that
 * never closes) would hold the list's reader, and the reload waiting for it, for ever: stale data with no error.
 */
final class IdleBodyLimit extends FilterInputStream {
    private static final ScheduledExecutorService WATCH =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("flow-http-body-watch"));

    private final Duration limit;
    private final ScheduledFuture<?> check;
    private volatile long lastBytesAt = System.nanoTime();
    private volatile boolean stalled;

    IdleBodyLimit(InputStream in, Duration limit) {
        super(in);
        this.limit = limit;
        long period = Math.max(10, limit.toMillis() / 4);
        this.check = WATCH.scheduleWithFixedDelay(this::checkIdle, period, period, TimeUnit.MILLISECONDS);
    }

    private void checkIdle() {
        if (stalled || System.nanoTime() - lastBytesAt <= limit.toNanos()) {
            return;
        }
        stalled = true;
        try {
            // wakes the reader blocked in read(): it then fails below with the timeout instead of what close says
            in.close();
        } catch (IOException ignored) {
            // closing a body the server stopped sending: nothing more to do with it
        }
    }

    @Override
    public int read() throws IOException {
        return watched(() -> super.read());
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return watched(() -> super.read(b, off, len));
    }

    private interface Read {
        int read() throws IOException;
    }

    /** The read, failing as a timeout once the watch closed the body; a read that returns counts as progress. */
    private int watched(Read read) throws IOException {
        int n;
        try {
            n = read.read();
        } catch (IOException e) {
            throw stalled ? timeout() : e;
        }
        if (stalled) {
            throw timeout();
        }
        lastBytesAt = System.nanoTime();
        return n;
    }

    private HttpTimeoutException timeout() {
        return new HttpTimeoutException("no bytes of the body for " + limit.toSeconds() + " s");
    }

    @Override
    public void close() throws IOException {
        check.cancel(false);
        super.close();
    }
}
