package com.flowcrm.app;

import com.flowcrm.realtime.RealtimeSettings;
import com.flowcrm.store.SessionConfig;
import java.util.Map;

/**
 * Where the app connects: command-line options win over FLOW_API_URL / FLOW_WS_URL; with neither an option nor
 * FLOW_API_URL the GUI runs against the embedded demo backend (demo mode).
 */
public record AppConfig(String apiUrl, String wsUrl, boolean demoMode, RealtimeSettings realtimeSettings) {
    public static final String API_VARIABLE = "FLOW_API_URL";
    public static final String WS_VARIABLE = "FLOW_WS_URL";

    /** Reads the options (null when not given) and the environment. */
    public static AppConfig resolve(String apiOption, String wsOption, Map<String, String> environment) {
        String api = firstNonBlank(apiOption, environment.get(API_VARIABLE));
        String ws = firstNonBlank(wsOption, environment.get(WS_VARIABLE));
        if (api == null) {
            return new AppConfig(SessionConfig.DEFAULT_API_URL, ws != null ? ws : SessionConfig.DEFAULT_WS_URL, true, null);
        }
        return new AppConfig(api, ws != null ? ws : SessionConfig.DEFAULT_WS_URL, false, null);
    }

    /** A real (non-demo) server, as tests and the headless commands use it. */
    public static AppConfig forServer(String apiUrl, String wsUrl) {
        return new AppConfig(apiUrl, wsUrl, false, null);
    }

    public AppConfig withRealtimeSettings(RealtimeSettings settings) {
        return new AppConfig(apiUrl, wsUrl, demoMode, settings);
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }
}
