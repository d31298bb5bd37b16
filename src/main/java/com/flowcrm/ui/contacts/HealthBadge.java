package com.flowcrm.ui.contacts;

import com.flowcrm.model.RelationshipHealth;
import com.flowcrm.ui.kit.DisplayFormats;
import com.flowcrm.ui.kit.FlashEffect;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/** The relationship health of a contact: a green / amber / red pill with the level and the score. */
final class HealthBadge extends StackPane {
    private final Label label = new Label();
    private final Region ring = new Region();
    private final FlashEffect flash = new FlashEffect(this, ring);
    private RelationshipHealth health;

    HealthBadge() {
        getStyleClass().add("health-badge-host");
        label.getStyleClass().add("health-badge");
        Region dot = new Region();
        dot.getStyleClass().add("health-dot");
        label.setGraphic(dot);
        ring.getStyleClass().add("health-flash");
        getChildren().addAll(label, ring);
        setMaxWidth(USE_PREF_SIZE);
    }

    void show(RelationshipHealth level, int score) {
        RelationshipHealth shown = level == null ? RelationshipHealth.fromScore(score) : level;
        if (shown != health) {
            label.getStyleClass().removeAll("health-high", "health-medium", "health-low");
            label.getStyleClass().add("health-" + shown.wireName());
            health = shown;
        }
        label.setText(DisplayFormats.label(shown) + " \u00b7 " + score);
    }

    RelationshipHealth shownHealth() {
        return health;
    }

    String text() {
        return label.getText();
    }

    FlashEffect flash() {
        return flash;
    }
}
