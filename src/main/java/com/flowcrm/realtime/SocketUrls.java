package com.flowcrm.realtime;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The URL a connection opens: the configured WebSocket URL with the session's token in its query (the client's
 * attempts and the doctor's handshake check build it the same way).
 */
public final class SocketUrls {
    private SocketUrls() {
    }

    /** The URL with {@code token=<url-encoded jwt>} as its only token parameter. */
    public static URI withToken(URI base, String token) {
        String kept = base.getRawQuery() == null ? "" : String.join("&",
                Arrays.stream(base.getRawQuery().split("&"))
                        .filter(p -> !p.isEmpty() && !p.toLowerCase(Locale.ROOT).startsWith("token="))
                        .toList());
        String query = kept;
        if (token != null && !token.isBlank()) {
            query = (kept.isEmpty() ? "" : kept + "&") + "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        }
        // Java-WebSocket only turns on TLS for the exact scheme "wss".
        String scheme = base.getScheme().toLowerCase(Locale.ROOT);
        StringBuilder url = new StringBuilder().append(scheme).append("://").append(base.getRawAuthority());
        if (base.getRawPath() != null) {
            url.append(base.getRawPath());
        }
        if (!query.isEmpty()) {
            url.append('?').append(query);
        }
        return URI.create(url.toString());
    }
}
