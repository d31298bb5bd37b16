package com.flowcrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.model.DealStage;
import com.flowcrm.store.insights.InsightSettings;
import com.flowcrm.store.insights.RottingLimits;
import java.util.UUID;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;

/** The window starts with the rotting limits saved last time and saves every change, for itself and for `report`. */
class RottingLimitsWiringTest {
    @Test
    void savedLimitsAreLoadedAndChangesSaved() throws BackingStoreException {
        Preferences node = Preferences.userRoot().node("/com/flowcrm/test/" + UUID.randomUUID());
        try {
            RottingLimits saved = RottingLimits.DEFAULTS.with(DealStage.NEGOTIATION, 3);
            new InsightSettings(node).saveRottingLimits(saved);
            ObjectProperty<RottingLimits> limits = new SimpleObjectProperty<>(RottingLimits.DEFAULTS);

            FlowCrmApplication.keepRottingLimits(limits, new InsightSettings(node));
            assertThat(limits.get()).isEqualTo(saved);

            RottingLimits changed = saved.with(DealStage.PROSPECT, 30);
            limits.set(changed);
            assertThat(new InsightSettings(node).rottingLimits()).as("what `report` reads").isEqualTo(changed);
        } finally {
            node.removeNode();
        }
    }
}
