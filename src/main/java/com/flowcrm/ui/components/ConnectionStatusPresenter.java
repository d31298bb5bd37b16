package com.flowcrm.ui.components;

import com.flowcrm.common.UrlRedaction;
import com.flowcrm.store.ConnectionReport;
import com.flowcrm.store.ConnectionReport.Phase;
import com.flowcrm.store.SyncStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * Turns the stream of {@link ConnectionReport} snapshots into what the indicator shows at a given instant.
 *
 * <p>A short drop (under {@link #DEFAULT_BLIP_TOLERANCE}) of a live connection keeps showing "Live", so a
 * network hiccup does not flicker the status bar; a drop that lasts longer, and every decisive state
 * (offline, session expired), shows at once. Pure logic on an injectable clock, so it is unit-testable.
 */
public final class ConnectionStatusPresenter {
    /** Degradations shorter than this keep showing "Live". */
    public static final Duration DEFAULT_BLIP_TOLERANCE = Duration.ofSeconds(2);
    /** How long "Updated after reconnect" stays after a resync. */
    public static final Duration RESYNC_FLASH = Duration.ofSeconds(4);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Clock clock;
    private final ZoneId zone;
    private Duration blipTolerance = DEFAULT_BLIP_TOLERANCE;
    private ConnectionReport latest;
    private ConnectionReport shown;
    private Instant degradedSince;

    public ConnectionStatusPresenter(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = clock.getZone();
    }

    /** Tests and callers with a quicker reconnect schedule may shorten the tolerance; zero shows every change. */
    public void setBlipTolerance(Duration tolerance) {
        this.blipTolerance = tolerance == null || tolerance.isNegative() ? Duration.ZERO : tolerance;
    }

    /** Records the newest connection snapshot; {@link #status()} decides what of it to show. */
    public void accept(ConnectionReport connection) {
        Instant now = clock.instant();
        boolean degraded = connection != null && isBlipPhase(connection.phase());
        if (degraded && shown != null && shown.phase() == Phase.LIVE) {
            if (degradedSince == null) {
                degradedSince = now;
            }
        } else {
            degradedSince = null;
            shown = connection;
        }
        latest = connection;
    }

    /** What to show now. */
    public IndicatorState status() {
        Instant now = clock.instant();
        if (degradedSince != null && !now.isBefore(degradedSince.plus(blipTolerance))) {
            degradedSince = null;
            shown = latest;
        }
        return describe(shown, latest, now);
    }

    /** Whether the status changes with time alone (a countdown, a pending blip, a fading flash). */
    public boolean changesWithTime() {
        Instant now = clock.instant();
        if (degradedSince != null) {
            return true;
        }
        if (shown == null) {
            return false;
        }
        boolean countdown = (shown.phase() == Phase.RECONNECTING || shown.phase() == Phase.OFFLINE)
                && shown.retry().nextRetryAt() != null && shown.retry().nextRetryAt().isAfter(now.minusSeconds(1));
        return countdown || flashActive(shown, now);
    }

    private IndicatorState describe(ConnectionReport show, ConnectionReport details, Instant now) {
        if (show == null) {
            return new IndicatorState(IndicatorState.Tone.IDLE, "Not connected", false, false, "Not signed in");
        }
        String tooltip = details(details == null ? show : details);
        return switch (show.phase()) {
            case LIVE -> new IndicatorState(IndicatorState.Tone.LIVE, "Live", false, flashActive(show, now), tooltip);
            case CONNECTING -> new IndicatorState(IndicatorState.Tone.CONNECTING, "Connecting...", false, false, tooltip);
            case RECONNECTING -> new IndicatorState(IndicatorState.Tone.RETRYING, reconnectingText(show, now), false,
                    false, tooltip);
            case OFFLINE -> new IndicatorState(IndicatorState.Tone.DOWN, "Offline", true, false, tooltip);
            case SESSION_EXPIRED -> new IndicatorState(IndicatorState.Tone.DOWN, "Session expired - sign in again",
                    false, false, tooltip);
            case DISCONNECTED -> new IndicatorState(IndicatorState.Tone.IDLE, "Not connected", false, false, tooltip);
        };
    }

    /** "Reconnecting in 4 s (attempt 3 of 5)", counting down to the next try. */
    static String reconnectingText(ConnectionReport connection, Instant now) {
        String attempt = connection.retry().maxAttempts() > 0
                ? "attempt " + connection.retry().attempt() + " of " + connection.retry().maxAttempts()
                : "attempt " + connection.retry().attempt();
        long seconds = secondsUntil(connection.retry().nextRetryAt(), now);
        return seconds > 0 ? "Reconnecting in " + seconds + " s (" + attempt + ")" : "Reconnecting... (" + attempt + ")";
    }

    /** Whole seconds left, rounded up so the countdown shows 1 s until the very moment of the try. */
    static long secondsUntil(Instant target, Instant now) {
        if (target == null || !target.isAfter(now)) {
            return 0;
        }
        long millis = Duration.between(now, target).toMillis();
        return (millis + 999) / 1000;
    }

    private static boolean flashActive(ConnectionReport connection, Instant now) {
        Instant resync = connection.activity().lastResyncAt();
        return connection.phase() == Phase.LIVE && resync != null && !now.isBefore(resync)
                && now.isBefore(resync.plus(RESYNC_FLASH));
    }

    private static boolean isBlipPhase(Phase phase) {
        return phase == Phase.CONNECTING || phase == Phase.RECONNECTING;
    }

    /** The session already redacts; redacting again here keeps a token off the screen for sure. */
    private String details(ConnectionReport c) {
        StringBuilder text = new StringBuilder();
        text.append("Server: ").append(c.server() == null ? "not set" : UrlRedaction.redact(c.server()));
        text.append("\nLast message: ").append(time(c.activity().lastMessageAt(), "none yet"));
        text.append("\nQueued outgoing: ").append(c.activity().queuedOutgoing());
        text.append("\nEvents applied: ").append(c.activity().eventsApplied())
                .append(", rejected: ").append(c.activity().eventsRejected());
        text.append("\nLast resync: ").append(time(c.activity().lastResyncAt(), "none"));
        text.append("\nSync: ").append(syncMode(c.sync()));
        if ((c.phase() == Phase.RECONNECTING || c.phase() == Phase.OFFLINE) && c.retry().nextRetryAt() != null) {
            text.append("\nNext automatic try: ").append(time(c.retry().nextRetryAt(), ""));
        }
        if (c.lastError() != null && !c.lastError().isBlank()) {
            text.append("\nLast error: ").append(UrlRedaction.redact(c.lastError()));
        }
        return text.toString();
    }

    /** How a reconnect catches up: "resume from change 1234" or "full reload after reconnect". */
    static String syncMode(SyncStatus sync) {
        return switch (sync.mode()) {
            case RESUME -> "resume from change " + sync.position();
            case FULL_RELOAD -> "full reload after reconnect";
            case UNKNOWN -> "not known yet";
        };
    }

    private String time(Instant instant, String absent) {
        return instant == null ? absent : TIME.format(instant.atZone(zone));
    }

}
