package com.flowcrm.local;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Whose workspace a file is: one per (server, user). The server is the REST API URL as configured (trailing slashes
 * dropped), the user their email (trimmed, lower case, as servers compare emails). Two users, or one user on two
 * servers, never share a file.
 */
public record WorkspaceId(String apiUrl, String email) {
    private static final int MAX_PART = 60;
    private static final int HASH_HEX_DIGITS = 10;

    public WorkspaceId {
        apiUrl = normalizeApiUrl(apiUrl);
        email = normalizeEmail(email);
    }

    private static String normalizeApiUrl(String apiUrl) {
        if (apiUrl == null || apiUrl.isBlank()) {
            throw new IllegalArgumentException("A workspace needs the server's API URL");
        }
        String url = apiUrl.strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null || uri.getScheme() == null) {
                throw new IllegalArgumentException("Not a server URL (scheme://host/...): " + apiUrl.strip());
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Not a server URL: " + apiUrl.strip(), e);
        }
        return url;
    }

    private static String normalizeEmail(String email) {
        if (email == null || email.isBlank()) {
            throw new IllegalArgumentException("A workspace needs the user's email");
        }
        return email.strip().toLowerCase(Locale.ROOT);
    }

    /** The server's host name as written in the URL (lower case). */
    public String host() {
        return URI.create(apiUrl).getHost().toLowerCase(Locale.ROOT);
    }

    /**
     * The database file name: readable and safe on every OS, e.g. {@code crm.example.com_dana@acme.com_3f9a1c2b7e.db}.
     * The host and port and the email are for people browsing the folder; the hash of the exact URL and email is what
     * keeps {@code /api} and {@code /api-staging} on one host, or two long emails with a common start, apart.
     */
    public String fileName() {
        URI uri = URI.create(apiUrl);
        String server = uri.getPort() > 0 ? host() + "-" + uri.getPort() : host();
        return safe(server) + "_" + safe(email) + "_" + hash() + ".db";
    }

    /** The file name without {@code .db}, the stem of the moved-aside copies. */
    String baseName() {
        String name = fileName();
        return name.substring(0, name.length() - ".db".length());
    }

    private String hash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((apiUrl + "\n" + email).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    private static String safe(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_PART));
        for (int i = 0; i < text.length() && out.length() < MAX_PART; i++) {
            char c = Character.toLowerCase(text.charAt(i));
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '@'
                    || c == '+';
            out.append(allowed ? c : '-');
        }
        // No leading dot (hidden on POSIX) and no trailing dot (stripped by Windows).
        while (out.length() > 0 && out.charAt(0) == '.') {
            out.setCharAt(0, '-');
        }
        while (out.length() > 0 && out.charAt(out.length() - 1) == '.') {
            out.setCharAt(out.length() - 1, '-');
        }
        return out.isEmpty() ? "x" : out.toString();
    }

    @Override
    public String toString() {
        return email + " on " + apiUrl;
    }
}
