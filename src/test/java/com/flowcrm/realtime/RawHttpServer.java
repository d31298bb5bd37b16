package com.flowcrm.realtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A plain HTTP responder for what Java-WebSocket's server cannot do: refuse an upgrade with 401, or never answer. */
final class RawHttpServer implements AutoCloseable {

    final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final ServerSocket serverSocket;
    private final String response;

    /** @param response the raw HTTP response to every request, or null to read the request and never answer */
    RawHttpServer(String response) throws IOException {
        this.response = response;
        serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "raw-http-test-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static RawHttpServer refusing(int status, String reason) throws IOException {
        return new RawHttpServer("HTTP/1.1 " + status + " " + reason
                + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    }

    URI url() {
        return URI.create("ws://127.0.0.1:" + serverSocket.getLocalPort());
    }

    int requests() {
        return requestLines.size();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                open.add(socket);
                Thread handler = new Thread(() -> answer(socket), "raw-http-test-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void answer(Socket socket) {
        try {
            BufferedReader reader = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            String requestLine = reader.readLine();
            String line = requestLine;
            while (line != null && !line.isEmpty()) {
                line = reader.readLine();
            }
            requestLines.add(String.valueOf(requestLine));
            if (response != null) {
                socket.getOutputStream().write(response.getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                socket.close();
            }
        } catch (IOException e) {
            // The client hung up first; the recorded request line is what the tests look at.
        }
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        for (Socket socket : open) {
            socket.close();
        }
    }
}
