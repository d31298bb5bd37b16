package com.flowcrm.demo;

import com.flowcrm.common.DaemonThreads;
import com.google.gson.stream.JsonWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A list answer: the seq of the latest change it reflects and its JSON, which a writer thread serializes under the
 * state's lock (so the list and the seq agree) into chunks that the exchange sends while the rest is still being
 * written. The client starts reading 50,000 contacts after the first chunk instead of after the whole 60 MB (and
 * its gzip) was built. The chunks queue without a bound, so that a slow client never holds the lock: at worst the
 * whole body waits in memory, as it did when it was built before sending. A body that fits in one chunk is known
 * whole before anything is sent, and goes out as before (with its length, plain when small).
 */
final class ListBody {
    static final int CHUNK_BYTES = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(ListBody.class);
    private static final byte[] END = new byte[0];
    /** Not the REST pool: an exchange waits for its writer, and four waiting exchanges would leave it none. */
    private static final Executor WRITERS = Executors.newCachedThreadPool(DaemonThreads.named("demo-list-writer"));

    private final CompletableFuture<Long> seq = new CompletableFuture<>();
    private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private volatile Throwable failure;
    private volatile boolean cancelled;
    /** Chunks the exchange took to look at and has not sent yet (its thread only). */
    private final ArrayDeque<byte[]> read = new ArrayDeque<>();

    private ListBody() {
    }

    /** A body known in full already (a short list made under the lock). */
    static ListBody whole(byte[] json, long seq) {
        ListBody body = new ListBody();
        body.seq.complete(seq);
        body.chunks.add(json);
        body.chunks.add(END);
        return body;
    }

    /**
     * Starts writing the records that pass {@code selection} as a JSON array, on a writer thread that holds
     * {@code lock} from reading {@code seq} to the array's end.
     */
    static <R> ListBody write(Object lock, LongSupplier seq, Class<R> type, Supplier<? extends Iterable<R>> records,
            Predicate<R> selection) {
        ListBody body = new ListBody();
        WRITERS.execute(() -> body.run(lock, seq, type, records, selection));
        return body;
    }

    private <R> void run(Object lock, LongSupplier lastSeq, Class<R> type, Supplier<? extends Iterable<R>> records,
            Predicate<R> selection) {
        try {
            ChunkSink sink = new ChunkSink();
            // buffered: JsonWriter writes a char at a time, and each one through the encoder cost half the server's time
            try (JsonWriter writer = new JsonWriter(new BufferedWriter(
                    new OutputStreamWriter(sink, StandardCharsets.UTF_8), CHUNK_BYTES))) {
                synchronized (lock) {
                    seq.complete(lastSeq.getAsLong());
                    writer.beginArray();
                    for (R record : records.get()) {
                        if (selection.test(record)) {
                            DemoJson.GSON.toJson(record, type, writer);
                        }
                    }
                    writer.endArray();
                    writer.flush();
                }
            }
            chunks.add(END);
        } catch (IOException | RuntimeException | Error e) {
            if (!cancelled) {
                LOG.error("Writing a list answer failed", e);
            }
            failure = e;
            seq.completeExceptionally(e);
            chunks.add(END);
        }
    }

    /** The seq of the latest change in the list; waits until the writer has the lock. */
    long seq() {
        try {
            return seq.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a list answer was being written", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("writing a list answer failed", e.getCause());
        }
    }

    /**
     * The whole body when it is one chunk (waits for it), else null: then {@link #transferTo} sends it as it comes.
     * Fails as {@link #seq} does when the writer failed before its second chunk.
     */
    byte[] wholeOrNull() {
        try {
            byte[] first = next();
            byte[] second = first == END ? END : next();
            if (second == END && failure != null) {
                throw new IllegalStateException("writing a list answer failed", failure);
            }
            read.add(first);
            read.add(second);
            return second == END ? first : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a list answer was being written", e);
        }
    }

    private byte[] next() throws InterruptedException {
        byte[] chunk = read.poll();
        return chunk != null ? chunk : chunks.take();
    }

    /**
     * Writes the body to {@code out} as the writer makes it; throws when the writer failed (the client then sees a
     * body that breaks off, never a short list that looks whole) and stops the writer when {@code out} fails.
     */
    void transferTo(OutputStream out) throws IOException {
        try {
            for (byte[] chunk = next(); chunk != END; chunk = next()) {
                out.write(chunk);
            }
        } catch (InterruptedException e) {
            cancel();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while sending a list answer");
        } catch (IOException | RuntimeException e) {
            cancel();
            throw e;
        }
        if (failure != null) {
            throw new IOException("writing the list answer failed", failure);
        }
    }

    /** Stops the writer at its next chunk (the exchange ended) so that it lets the lock go. */
    void cancel() {
        cancelled = true;
        chunks.clear();
    }

    /** The writer's side: fills {@value #CHUNK_BYTES}-byte chunks and queues each when it is full (the last at close). */
    private final class ChunkSink extends OutputStream {
        private byte[] buffer = new byte[CHUNK_BYTES];
        private int size;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            while (length > 0) {
                if (cancelled) {
                    throw new IOException("the exchange ended");
                }
                int n = Math.min(length, buffer.length - size);
                System.arraycopy(bytes, offset, buffer, size, n);
                size += n;
                offset += n;
                length -= n;
                if (size == buffer.length) {
                    chunks.add(buffer);
                    buffer = new byte[CHUNK_BYTES];
                    size = 0;
                }
            }
        }

        @Override
        public void close() {
            if (size > 0 && !cancelled) {
                chunks.add(Arrays.copyOf(buffer, size));
            }
            size = 0;
        }
    }
}
