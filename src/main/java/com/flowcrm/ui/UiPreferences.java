package com.flowcrm.ui;

import com.flowcrm.common.DaemonThreads;
import com.flowcrm.model.Theme;
import java.util.Objects;
import java.util.Optional;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the desktop remembers between runs (java.util.prefs): window bounds, last view, theme, last email and
 * server. Never a password or token. The node is injectable so tests write under their own throw-away path.
 */
public final class UiPreferences {
    private static final Logger LOG = LoggerFactory.getLogger(UiPreferences.class);
    /** The node the app uses for the signed-in OS user. */
    public static final String DEFAULT_NODE = "/com/flowcrm/desktop";

    private static final String X = "window.x";
    private static final String Y = "window.y";
    private static final String WIDTH = "window.width";
    private static final String HEIGHT = "window.height";
    private static final String MAXIMIZED = "window.maximized";
    private static final String LAST_VIEW = "lastView";
    private static final String THEME = "theme";
    private static final String EMAIL = "lastEmail";
    private static final String API_URL = "server.apiUrl";
    private static final String WS_URL = "server.wsUrl";
    private static final String CONFIGURED_API_URL = "server.configuredApiUrl";
    private static final String CONFIGURED_WS_URL = "server.configuredWsUrl";

    private final Preferences node;

    public UiPreferences(Preferences node) {
        this.node = Objects.requireNonNull(node, "node");
    }

    /** The preferences of the current OS user. */
    public static UiPreferences forCurrentUser() {
        return new UiPreferences(Preferences.userRoot().node(DEFAULT_NODE));
    }

    /** Window position and size; empty until a window was closed once. */
    public record WindowBounds(double x, double y, double width, double height, boolean maximized) {}

    public Optional<WindowBounds> windowBounds() {
        double width = node.getDouble(WIDTH, -1);
        double height = node.getDouble(HEIGHT, -1);
        if (width <= 0 || height <= 0) {
            return Optional.empty();
        }
        return Optional.of(new WindowBounds(node.getDouble(X, 0), node.getDouble(Y, 0), width, height,
                node.getBoolean(MAXIMIZED, false)));
    }

    public void saveWindowBounds(WindowBounds bounds) {
        node.putDouble(X, bounds.x());
        node.putDouble(Y, bounds.y());
        node.putDouble(WIDTH, bounds.width());
        node.putDouble(HEIGHT, bounds.height());
        node.putBoolean(MAXIMIZED, bounds.maximized());
    }

    public Optional<String> lastView() {
        return text(LAST_VIEW);
    }

    public void saveLastView(String view) {
        put(LAST_VIEW, view);
    }

    public Optional<Theme> theme() {
        return text(THEME).map(name -> name.equals(Theme.DARK.wireName()) ? Theme.DARK : Theme.LIGHT);
    }

    public void saveTheme(Theme theme) {
        put(THEME, theme.wireName());
    }

    public Optional<String> lastEmail() {
        return text(EMAIL);
    }

    public void saveLastEmail(String email) {
        put(EMAIL, email);
    }

    /** A REST base URL and the WebSocket URL that belongs to it. */
    public record ServerAddress(String apiUrl, String wsUrl) {}

    /**
     * The server to prefill: the one the user last chose in the "Server" section while the configuration said
     * {@code configured}; the configuration itself when it changed since (a new FLOW_API_URL wins).
     */
    public ServerAddress serverFor(ServerAddress configured) {
        Optional<String> chosenApi = text(API_URL);
        Optional<String> chosenWs = text(WS_URL);
        boolean sameConfig = configured.apiUrl().equals(node.get(CONFIGURED_API_URL, null))
                && configured.wsUrl().equals(node.get(CONFIGURED_WS_URL, null));
        if (sameConfig && chosenApi.isPresent() && chosenWs.isPresent()) {
            return new ServerAddress(chosenApi.get(), chosenWs.get());
        }
        return configured;
    }

    /** Remembers the server signed in with, and the configuration it was chosen under. */
    public void saveServer(ServerAddress configured, ServerAddress chosen) {
        node.put(CONFIGURED_API_URL, configured.apiUrl());
        node.put(CONFIGURED_WS_URL, configured.wsUrl());
        put(API_URL, chosen.apiUrl());
        put(WS_URL, chosen.wsUrl());
    }

    /**
     * Writes pending changes to the backing store on a background thread (file I/O stays off the FX thread); a
     * failure only costs the remembered state, so it is logged.
     */
    public void flush() {
        DaemonThreads.named("preferences-flush").newThread(() -> {
            try {
                node.flush();
            } catch (BackingStoreException | IllegalStateException e) {
                LOG.warn("Could not save the window preferences: {}", e.toString());
            }
        }).start();
    }

    private Optional<String> text(String key) {
        String value = node.get(key, null);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    private void put(String key, String value) {
        if (value == null || value.isBlank()) {
            node.remove(key);
        } else {
            node.put(key, value.strip());
        }
    }
}
