package com.flowcrm.soak;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A TCP proxy on 127.0.0.1 in front of one port of the demo server (REST or WebSocket), with the network's faults:
 * {@link #dropAll()} cuts every connection (RST to both ends), a stall ({@link NetworkFaults#stall}) stops
 * forwarding while keeping every socket open, and latency spikes hold every chunk back by the current delay.
 * Delayed chunks keep their order and do not throttle: each direction has a reader stamping when a chunk may leave
 * and a writer sending it then. The upstream address is asked for on every connection, so a restarted server on new
 * ports is found at once; while the server is down a connection is refused (closed at once).
 */
final class FaultProxy implements AutoCloseable {
    private static final int CHUNK = 16 * 1024;
    /** Chunks queued per direction before the reader stops reading (TCP's own back pressure then). */
    private static final int QUEUED_CHUNKS = 256;
    private static final byte[] END = new byte[0];

    private final String name;
    private final Supplier<InetSocketAddress> upstream;
    private final NetworkFaults faults;
    private final ServerSocket listener;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    FaultProxy(String name, Supplier<InetSocketAddress> upstream, NetworkFaults faults) throws IOException {
        this.name = name;
        this.upstream = upstream;
        this.faults = faults;
        this.listener = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("soak-proxy-" + name).start(this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Cuts every open connection (both ends see a reset); returns how many there were. */
    int dropAll() {
        int cut = 0;
        for (Link link : links) {
            link.cut();
            cut++;
        }
        return cut;
    }

    long accepted() {
        return accepted.get();
    }

    /** Connections closed at once because the server was not there. */
    long refused() {
        return refused.get();
    }

    private void acceptLoop() {
        while (!closed.get()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (closed.get()) {
                    return;
                }
                continue;
            }
            accepted.incrementAndGet();
            Thread.ofVirtual().name("soak-proxy-" + name + "-connect").start(() -> connect(client));
        }
    }

    private void connect(Socket client) {
        Socket server = new Socket();
        try {
            server.connect(upstream.get(), 2_000);
        } catch (IOException | RuntimeException e) {
            refused.incrementAndGet();
            reset(client);
            closeQuietly(server);
            return;
        }
        Link link = new Link(client, server);
        links.add(link);
        link.start();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closeQuietly(listener);
            dropAll();
        }
    }

    /** One proxied connection: two directions, each a reader and a writer. */
    private final class Link {
        private final Socket client;
        private final Socket server;
        private final AtomicBoolean down = new AtomicBoolean();
        private final AtomicLong directionsDone = new AtomicLong();

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void start() {
            try {
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                pipe(client.getInputStream(), server.getOutputStream(), server, "up");
                pipe(server.getInputStream(), client.getOutputStream(), client, "down");
            } catch (IOException e) {
                cut();
            }
        }

        private void pipe(InputStream from, OutputStream to, Socket toSocket, String direction) {
            LinkedBlockingQueue<Chunk> queue = new LinkedBlockingQueue<>(QUEUED_CHUNKS);
            Thread.ofVirtual().name("soak-proxy-" + name + "-" + direction + "-read").start(() -> {
                long lastRelease = 0;
                byte[] buffer = new byte[CHUNK];
                try {
                    while (!down.get()) {
                        int n = from.read(buffer);
                        byte[] bytes = n < 0 ? END : Arrays.copyOf(buffer, n);
                        lastRelease = Math.max(lastRelease, System.nanoTime()
                                + TimeUnit.MILLISECONDS.toNanos(faults.latencyMillis()));
                        Chunk chunk = new Chunk(bytes, lastRelease);
                        while (!down.get() && !queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                            // the writer is held (stall, latency): wait, which stops reading from the socket
                        }
                        if (n < 0) {
                            return;
                        }
                    }
                } catch (IOException | InterruptedException e) {
                    cut();
                }
            });
            Thread.ofVirtual().name("soak-proxy-" + name + "-" + direction + "-write").start(() -> {
                try {
                    while (!down.get()) {
                        Chunk chunk = queue.poll(100, TimeUnit.MILLISECONDS);
                        if (chunk == null) {
                            continue;
                        }
                        waitUntil(chunk.releaseNanos());
                        while (faults.stalled() && !down.get()) {
                            Thread.sleep(20);
                        }
                        if (down.get()) {
                            return;
                        }
                        if (chunk.bytes() == END) {
                            toSocket.shutdownOutput();
                            if (directionsDone.incrementAndGet() == 2) {
                                close();
                            }
                            return;
                        }
                        to.write(chunk.bytes());
                        to.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    cut();
                }
            });
        }

        private void waitUntil(long releaseNanos) throws InterruptedException {
            long wait = releaseNanos - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }

        /** Both ends see a reset, as when a network path dies under an open connection. */
        void cut() {
            if (down.compareAndSet(false, true)) {
                links.remove(this);
                reset(client);
                reset(server);
            }
        }

        private void close() {
            if (down.compareAndSet(false, true)) {
                links.remove(this);
                closeQuietly(client);
                closeQuietly(server);
            }
        }
    }

    private record Chunk(byte[] bytes, long releaseNanos) {
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException e) {
            // already closed
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing is all that is left to do
        }
    }
}
