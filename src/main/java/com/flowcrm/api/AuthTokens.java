package com.flowcrm.api;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jsonwebtoken.io.Decoders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** An access token with its refresh token; never printed (toString redacts both). */
public record AuthTokens(String accessToken, String refreshToken) {
    public AuthTokens {
        Objects.requireNonNull(accessToken, "accessToken");
    }

    /**
     * The {@code exp} and {@code iat} claims of the access token. The signature is the server's business (the
     * client has no key): we only read the payload to schedule a refresh before expiry.
     */
    public Optional<Lifetime> lifetime() {
        String[] parts = accessToken.split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            byte[] payload = Decoders.BASE64URL.decode(parts[1]);
            JsonElement json = JsonParser.parseString(new String(payload, StandardCharsets.UTF_8));
            if (!json.isJsonObject()) {
                return Optional.empty();
            }
            JsonObject claims = json.getAsJsonObject();
            if (!claims.has("exp") || !claims.get("exp").isJsonPrimitive()) {
                return Optional.empty();
            }
            Instant exp = Instant.ofEpochSecond(claims.get("exp").getAsLong());
            Instant iat = claims.has("iat") && claims.get("iat").isJsonPrimitive()
                    ? Instant.ofEpochSecond(claims.get("iat").getAsLong()) : null;
            return Optional.of(new Lifetime(iat, exp));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** When a token was issued (may be null) and when it expires. */
    public record Lifetime(Instant issuedAt, Instant expiresAt) {
        /** The moment 80% of the token's life has passed (or one minute before expiry when iat is unknown). */
        public Instant refreshAt() {
            if (issuedAt == null || !issuedAt.isBefore(expiresAt)) {
                return expiresAt.minusSeconds(60);
            }
            long life = expiresAt.toEpochMilli() - issuedAt.toEpochMilli();
            return issuedAt.plusMillis(life * 8 / 10);
        }
    }

    @Override
    public String toString() {
        return "AuthTokens[***]";
    }
}
