package com.flowcrm.realtime;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.Map;
import javax.net.ssl.SSLParameters;
import org.java_websocket.WebSocket;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ServerHandshake;

/**
 * One connection attempt of the {@link RealtimeClient}: a new socket per attempt, told apart by its generation, so
 * callbacks of an attempt the client has given up on are recognised and ignored. Its callbacks only post to the
 * client's scheduler or hand frames to the client's reader.
 */
final class AttemptSocket extends WebSocketClient {

    /** What the client does with the callbacks of an attempt. */
    interface Callbacks {
        /** Any frame, ping or pong arrived (for the silence timer); read thread. */
        void frameArrived();

        /** A text frame of this attempt; read thread. */
        void textArrived(AttemptSocket socket, String text);

        /** A binary frame of this attempt; read thread. */
        void binaryArrived(AttemptSocket socket, ByteBuffer bytes);

        void opened(AttemptSocket socket);

        void closed(AttemptSocket socket, int code, String reason, boolean remote);

        void failed(AttemptSocket socket, Exception error);
    }

    final long generation;
    private final RealtimeScheduler loop;
    private final Callbacks client;

    AttemptSocket(URI uri, long generation, RealtimeSettings settings, RealtimeScheduler loop, Callbacks client) {
        super(uri, new Draft_6455(Collections.emptyList(), settings.maxFrameBytes()), Map.of(),
                (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()));
        this.generation = generation;
        this.loop = loop;
        this.client = client;
        setConnectionLostTimeout(0); // the client's heartbeat replaces the library's own
        setDaemon(true);
        setTcpNoDelay(true);
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
        client.frameArrived();
        loop.execute(() -> client.opened(this));
    }

    @Override
    public void onMessage(String message) {
        client.textArrived(this, message);
    }

    @Override
    public void onMessage(ByteBuffer bytes) {
        client.binaryArrived(this, bytes);
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        loop.execute(() -> client.closed(this, code, reason, remote));
    }

    @Override
    public void onError(Exception error) {
        loop.execute(() -> client.failed(this, error));
    }

    @Override
    public void onWebsocketPing(WebSocket connection, Framedata frame) {
        client.frameArrived();
        super.onWebsocketPing(connection, frame);
    }

    @Override
    public void onWebsocketPong(WebSocket connection, Framedata frame) {
        client.frameArrived();
    }

    @Override
    protected void onSetSSLParameters(SSLParameters parameters) {
        super.onSetSSLParameters(parameters);
        // wss:// must check that the certificate belongs to the host (the JDK trust store decides the CA).
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
    }
}
