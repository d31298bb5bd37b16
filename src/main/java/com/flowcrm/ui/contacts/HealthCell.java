package com.flowcrm.ui.contacts;

import com.flowcrm.model.Contact;
import com.flowcrm.ui.kit.RecentChanges;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.scene.control.ContentDisplay;

/** The health column: a badge that follows the contact's score live and flashes when someone else changed it. */
final class HealthCell extends ContactCell {
    private final HealthBadge badge = new HealthBadge();
    private final RecentChanges recentChanges;
    private final InvalidationListener remotePulse = o -> onRemoteChange();

    HealthCell(RecentChanges recentChanges) {
        super(c -> null, c -> null);
        this.recentChanges = recentChanges;
        getStyleClass().add("health-cell");
        setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        recentChanges.pulseProperty().addListener(new WeakInvalidationListener(remotePulse));
    }

    @Override
    protected void shown(Contact contact) {
        if (contact == null) {
            badge.flash().stop();
        } else {
            badge.flash().play(recentChanges.remaining(contact.getId()));
        }
    }

    @Override
    protected void render() {
        Contact contact = watched();
        if (contact == null) {
            setGraphic(null);
            setAccessibleText(null);
        } else {
            badge.show(contact.getRelationshipHealth(), contact.getHealthScore());
            setGraphic(badge);
            setAccessibleText("Health " + badge.text());
        }
    }

    private void onRemoteChange() {
        Contact contact = watched();
        if (contact != null && contact.getId().equals(recentChanges.lastMarked())) {
            badge.flash().play(recentChanges.remaining(contact.getId()));
        }
    }

    HealthBadge badge() {
        return badge;
    }
}
