package com.flowcrm.ui.contacts;

import com.flowcrm.model.Contact;
import com.flowcrm.ui.offline.MarkState;
import com.flowcrm.ui.offline.PendingMarkStyle;
import com.flowcrm.ui.offline.PendingMarks;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The name column: the contact's name, and before it a small icon while a change of the rep's to the contact is
 * waiting to be sent, refused or in conflict. The icon is the cell's only extra node, set when the row's pending
 * state changes or the row shows another contact, never per live update.
 */
final class MarkedNameCell extends ContactCell {
    private final PendingMarks marks;
    private final FontIcon icon = new FontIcon();
    private final Tooltip tip = new Tooltip();
    private final InvalidationListener marksChanged = o -> showMark();
    private MarkState shown = MarkState.NONE;

    MarkedNameCell(PendingMarks marks) {
        super(Contact::getName, c -> "contact-name");
        this.marks = marks;
        icon.getStyleClass().add(PendingMarkStyle.ICON_STYLE_CLASS);
        marks.revisionProperty().addListener(new WeakInvalidationListener(marksChanged));
    }

    @Override
    protected void shown(Contact contact) {
        showMark();
    }

    private void showMark() {
        Contact contact = watched();
        MarkState next = contact == null ? MarkState.NONE : marks.contact(contact.getId());
        if (next != shown) {
            shown = next;
            PendingMarkStyle.showIcon(this, icon, tip, next);
        }
    }

    /** The row's mark now. */
    MarkState mark() {
        return shown;
    }
}
