package com.flowcrm.store.insights;

import com.flowcrm.model.DealStage;
import java.util.Objects;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the rotting limits are kept between runs (java.util.prefs, beside the desktop's other preferences), so
 * that the window and {@code report} use the same ones. The node is injectable so tests use a throw-away one.
 */
public final class InsightSettings {
    private static final Logger LOG = LoggerFactory.getLogger(InsightSettings.class);
    /** The node the app and the command line use for the signed-in OS user. */
    public static final String DEFAULT_NODE = "/com/flowcrm/desktop/insights";
    private static final String KEY_PREFIX = "rottingDays.";

    private final Preferences node;

    public InsightSettings(Preferences node) {
        this.node = Objects.requireNonNull(node, "node");
    }

    public static InsightSettings forCurrentUser() {
        return new InsightSettings(Preferences.userRoot().node(DEFAULT_NODE));
    }

    /** The saved limits; a missing or unusable value (edited by hand) falls back to that stage's default. */
    public RottingLimits rottingLimits() {
        RottingLimits limits = RottingLimits.DEFAULTS;
        for (DealStage stage : DealStage.values()) {
            if (stage.isClosed()) {
                continue;
            }
            String raw = node.get(KEY_PREFIX + stage.wireName(), null);
            if (raw == null) {
                continue;
            }
            try {
                limits = limits.with(stage, Integer.parseInt(raw.strip()));
            } catch (NumberFormatException e) {
                LOG.warn("Ignoring the saved rotting limit of {} ('{}'): not a whole number of days", stage.label(), raw);
            } catch (IllegalArgumentException e) {
                LOG.warn("Ignoring the saved rotting limit of {} ('{}'): {}", stage.label(), raw, e.getMessage());
            }
        }
        return limits;
    }

    /**
     * Saves the limits: at once for this process, on disk from a background thread (file I/O stays off the UI
     * thread); a failure to write costs only the remembered value, so it is logged.
     */
    public void saveRottingLimits(RottingLimits limits) {
        for (DealStage stage : DealStage.values()) {
            limits.daysFor(stage).ifPresent(days -> node.putInt(KEY_PREFIX + stage.wireName(), days));
        }
        Thread.ofPlatform().name("insight-settings-flush").daemon().start(() -> {
            try {
                node.flush();
            } catch (BackingStoreException | IllegalStateException e) {
                LOG.warn("Could not save the rotting limits: {}", e.toString());
            }
        });
    }
}
