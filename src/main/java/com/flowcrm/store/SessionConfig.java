package com.flowcrm.store;

import com.flowcrm.realtime.RealtimeSettings;
import java.util.Objects;

/**
 * Where the session connects and how: REST and WebSocket URLs, whether this is the embedded demo backend
 * (with its credentials to prefill), and the realtime timings (shortened in tests).
 */
public record SessionConfig(String apiUrl, String wsUrl, boolean demoMode, String demoEmail, String demoPassword,
        RealtimeSettings realtimeSettings) {
    public static final String DEFAULT_API_URL = "http://localhost:4000/api";
    public static final String DEFAULT_WS_URL = "ws://localhost:4545";

    public SessionConfig {
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(wsUrl, "wsUrl");
        realtimeSettings = realtimeSettings == null ? RealtimeSettings.defaults() : realtimeSettings;
    }

    /** A session against the given servers, not in demo mode, with the default realtime timings. */
    public static SessionConfig of(String apiUrl, String wsUrl) {
        return new SessionConfig(apiUrl, wsUrl, false, null, null, null);
    }

    public SessionConfig withServers(String newApiUrl, String newWsUrl) {
        return new SessionConfig(newApiUrl, newWsUrl, demoMode, demoEmail, demoPassword, realtimeSettings);
    }

    public SessionConfig withRealtimeSettings(RealtimeSettings settings) {
        return new SessionConfig(apiUrl, wsUrl, demoMode, demoEmail, demoPassword, settings);
    }
}
