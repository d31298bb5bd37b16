package com.flowcrm.demo;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** The HTTP side of the demo REST API: bodies in, answers out (gzip for large ones when asked), paths and queries. */
final class DemoHttp {
    static final int MAX_BODY_BYTES = 1024 * 1024;
    /** Smaller answers stay plain: compressing them saves less than it costs. */
    static final int GZIP_MIN_BYTES = 1024;
    private static final long MAX_DRAINED_BYTES = 16L * MAX_BODY_BYTES;
    private static final String JSON = "application/json; charset=utf-8";

    /** An answer: status, JSON bytes (or a list that streams: {@code body} is then null) and extra headers. */
    record Response(int status, byte[] body, Map<String, String> headers, ListBody streamed) {
        static Response json(int status, byte[] body) {
            return new Response(status, body, new LinkedHashMap<>(), null);
        }

        /** A list: whole when it is short, else sent while it is written. */
        static Response list(int status, ListBody list) {
            byte[] whole = list.wholeOrNull();
            return whole != null ? json(status, whole) : new Response(status, null, new LinkedHashMap<>(), list);
        }

        static Response json(int status, JsonElement body) {
            return json(status, DemoJson.GSON.toJson(body).getBytes(StandardCharsets.UTF_8));
        }

        static Response error(int status, String message) {
            JsonObject error = new JsonObject();
            error.addProperty("error", message);
            return json(status, error);
        }

        Response with(String header, String value) {
            headers.put(header, value);
            return this;
        }
    }

    private DemoHttp() {
    }

    /**
     * Writes the answer; gzip (fastest level, streamed) when the body is {@value #GZIP_MIN_BYTES} bytes or more and
     * the request's Accept-Encoding takes gzip.
     */
    static void send(HttpExchange exchange, Response response) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", JSON);
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        if (response.streamed() != null) {
            sendStreamed(exchange, response);
            return;
        }
        byte[] bytes = response.body();
        if (bytes.length >= GZIP_MIN_BYTES) {
            exchange.getResponseHeaders().set("Vary", "Accept-Encoding");
        }
        if (bytes.length >= GZIP_MIN_BYTES && acceptsGzip(exchange.getRequestHeaders().get("Accept-Encoding"))) {
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            exchange.sendResponseHeaders(response.status(), 0);
            try (OutputStream out = new FastGzip(exchange.getResponseBody())) {
                out.write(bytes);
            }
            return;
        }
        exchange.sendResponseHeaders(response.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * A long list: headers first (chunked: its length is not known yet), then each chunk as the writer makes it,
     * gzipped on the way when asked. When the writer fails the body breaks off unfinished (the exchange's close
     * ends the chunks, but the JSON or the gzip stream stays cut), so the client cannot take it for a whole list.
     */
    private static void sendStreamed(HttpExchange exchange, Response response) throws IOException {
        exchange.getResponseHeaders().set("Vary", "Accept-Encoding");
        boolean gzip = acceptsGzip(exchange.getRequestHeaders().get("Accept-Encoding"));
        if (gzip) {
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        try {
            exchange.sendResponseHeaders(response.status(), 0);
        } catch (IOException | RuntimeException e) {
            response.streamed().cancel();
            throw e;
        }
        OutputStream out = gzip ? new FastGzip(exchange.getResponseBody()) : exchange.getResponseBody();
        response.streamed().transferTo(out);
        out.close();
    }

    /** Level 1: JSON still shrinks about tenfold, at a fraction of the default level's CPU on a 60 MB list. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 64 * 1024);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    /** Whether any Accept-Encoding header lists gzip (or *) without {@code q=0}. */
    static boolean acceptsGzip(List<String> headers) {
        if (headers == null) {
            return false;
        }
        for (String header : headers) {
            for (String coding : header.split(",")) {
                String[] parts = coding.trim().split(";");
                String name = parts[0].trim().toLowerCase(Locale.ROOT);
                if ((name.equals("gzip") || name.equals("*")) && !refused(parts)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean refused(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String parameter = parameters[i].trim().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2)) <= 0;
                } catch (NumberFormatException e) {
                    return true;
                }
            }
        }
        return false;
    }

    static List<String> segments(String path, String basePath) {
        String rest = path.length() > basePath.length() ? path.substring(basePath.length()) : "";
        return Arrays.stream(rest.split("/")).filter(part -> !part.isEmpty())
                .map(part -> URLDecoder.decode(part, StandardCharsets.UTF_8)).toList();
    }

    static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> query = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(name, value);
        }
        return query;
    }

    /** Reads at most 1 MiB; a larger body is drained (so the client sees the answer, not a reset) and refused with 413. */
    static Optional<String> readBody(HttpExchange exchange) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        boolean tooLarge = false;
        if (length != null) {
            try {
                tooLarge = Long.parseLong(length.trim()) > MAX_BODY_BYTES;
            } catch (NumberFormatException e) {
                throw DemoRequestException.badRequest("Content-Length is not a number");
            }
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[16 * 1024];
        try (InputStream in = exchange.getRequestBody()) {
            int read;
            long total = 0;
            while ((read = in.read(chunk)) >= 0) {
                total += read;
                if (!tooLarge && total > MAX_BODY_BYTES) {
                    tooLarge = true;
                }
                if (total > MAX_DRAINED_BYTES) {
                    // past this the client is not a confused one; closing the exchange drops the connection
                    break;
                }
                if (!tooLarge) {
                    buffer.write(chunk, 0, read);
                }
            }
        }
        if (tooLarge) {
            throw new DemoRequestException(413, "request body exceeds " + MAX_BODY_BYTES + " bytes");
        }
        return buffer.size() == 0 ? Optional.empty() : Optional.of(buffer.toString(StandardCharsets.UTF_8));
    }
}
