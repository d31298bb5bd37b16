package com.flowcrm.demo;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.gson.io.GsonDeserializer;
import io.jsonwebtoken.gson.io.GsonSerializer;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.crypto.SecretKey;

/**
 * Issues and verifies the HS256 access tokens and the rotating refresh tokens of the demo backend. Refresh tokens
 * are kept by their SHA-256 only, and every grant, spent token and ended session is handed to {@code persist}, so
 * that with a data directory a restart keeps every session (the signing key is kept too).
 */
final class DemoTokens {
    static final Duration REFRESH_TTL = Duration.ofDays(7);
    static final int SECRET_BYTES = 32;

    /** Who a valid access token speaks for; {@code sessionId} ties it to its refresh token for logout. */
    record Principal(String userId, String email, String sessionId) {
    }

    private record RefreshGrant(String userId, String email, String sessionId, Instant expiresAt) {
    }

    private final SecretKey key;
    private final Clock clock;
    private final Duration accessTtl;
    private final Consumer<DbWrite> persist;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, RefreshGrant> refreshGrants = new ConcurrentHashMap<>();
    private final Set<String> endedSessions = ConcurrentHashMap.newKeySet();

    /** {@code keyBytes}: the HS256 key (at least 32 bytes); a configured passphrase goes through {@link #keyFor}. */
    DemoTokens(byte[] keyBytes, Duration accessTtl, Clock clock, Consumer<DbWrite> persist) {
        this.key = Keys.hmacShaKeyFor(keyBytes);
        this.accessTtl = accessTtl;
        this.clock = clock;
        this.persist = persist;
    }

    /** HS256 needs 256 bits of key; hashing lets any configured passphrase serve as the secret. */
    static byte[] keyFor(String secret) {
        return sha256(secret.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** What is stored of a refresh token: its hash, so a copy of the database signs nobody in. */
    private static String hash(String refreshToken) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                sha256(refreshToken.getBytes(StandardCharsets.UTF_8)));
    }

    /** Brings back the sessions of a previous run. */
    void restore(List<DemoDatabase.RefreshRow> grants, List<String> ended) {
        for (DemoDatabase.RefreshRow row : grants) {
            refreshGrants.put(row.tokenHash(), new RefreshGrant(row.userId(), row.email(), row.sessionId(),
                    Instant.ofEpochMilli(row.expiresAtMillis())));
        }
        endedSessions.addAll(ended);
    }

    /** A new session: an access token and a refresh token bound to it. */
    Map<String, String> startSession(String userId, String email) {
        String sessionId = UUID.randomUUID().toString();
        return Map.of("token", accessToken(userId, email, sessionId, clock.instant(), accessTtl),
                "refreshToken", refreshToken(userId, email, sessionId));
    }

    String accessToken(String userId, String email, String sessionId, Instant issuedAt, Duration ttl) {
        return Jwts.builder()
                .json(new GsonSerializer<>(DemoJson.GSON))
                .subject(userId)
                .claim("email", email)
                .claim("sid", sessionId)
                .issuedAt(Date.from(issuedAt))
                .expiration(Date.from(issuedAt.plus(ttl)))
                .signWith(key, Jwts.SIG.HS256)
                .compact();
    }

    private String refreshToken(String userId, String email, String sessionId) {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String tokenHash = hash(token);
        Instant expiresAt = clock.instant().plus(REFRESH_TTL);
        refreshGrants.put(tokenHash, new RefreshGrant(userId, email, sessionId, expiresAt));
        persist.accept(new DbWrite.PutRefreshGrant(tokenHash, userId, email, sessionId, expiresAt.toEpochMilli()));
        return token;
    }

    /** Rotates: the given refresh token is spent whatever happens, and a valid one yields a fresh pair. */
    Optional<Map<String, String>> refresh(String refreshToken) {
        String tokenHash = refreshToken == null ? null : hash(refreshToken);
        RefreshGrant grant = tokenHash == null ? null : refreshGrants.remove(tokenHash);
        if (grant != null) {
            persist.accept(new DbWrite.DeleteRefreshGrant(tokenHash));
        }
        if (grant == null || grant.expiresAt().isBefore(clock.instant()) || endedSessions.contains(grant.sessionId())) {
            return Optional.empty();
        }
        return Optional.of(Map.of(
                "token", accessToken(grant.userId(), grant.email(), grant.sessionId(), clock.instant(), accessTtl),
                "refreshToken", refreshToken(grant.userId(), grant.email(), grant.sessionId())));
    }

    /** The principal of a well-signed, unexpired token of a session that has not logged out. */
    Optional<Principal> verify(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            Claims claims = Jwts.parser()
                    .json(new GsonDeserializer<>(DemoJson.GSON))
                    .verifyWith(key)
                    .clock(() -> Date.from(clock.instant()))
                    .build()
                    .parseSignedClaims(token)
                    .getPayload();
            String sessionId = claims.get("sid", String.class);
            if (claims.getSubject() == null || sessionId == null || endedSessions.contains(sessionId)) {
                return Optional.empty();
            }
            return Optional.of(new Principal(claims.getSubject(), claims.get("email", String.class), sessionId));
        } catch (JwtException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Forgets every refresh token, as an administrator revoking sessions would; access tokens live until expiry. */
    void revokeRefreshTokens() {
        refreshGrants.clear();
        persist.accept(new DbWrite.ClearRefreshGrants());
    }

    /** Logout: the session's access tokens stop working and its refresh tokens are dropped. */
    void endSession(String sessionId) {
        endedSessions.add(sessionId);
        refreshGrants.values().removeIf(grant -> grant.sessionId().equals(sessionId));
        persist.accept(new DbWrite.EndSession(sessionId, clock.millis()));
    }
}
