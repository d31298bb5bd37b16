package com.flowcrm.ui.contacts;

import com.flowcrm.model.Contact;
import java.util.function.Function;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.scene.control.TableCell;

/**
 * A table cell that renders one aspect of a contact and rewrites itself when that contact's revision ticks,
 * so a live change updates the visible row in place.
 */
class ContactCell extends TableCell<Contact, Contact> {
    private final Function<Contact, String> text;
    private final Function<Contact, String> styleClass;
    private final InvalidationListener changed = o -> render();
    private final WeakInvalidationListener weakChanged = new WeakInvalidationListener(changed);
    private Contact watched;
    private String appliedStyle;

    /** {@code styleClass} may return null for no extra style class. */
    ContactCell(Function<Contact, String> text, Function<Contact, String> styleClass) {
        this.text = text;
        this.styleClass = styleClass;
    }

    @Override
    protected void updateItem(Contact contact, boolean empty) {
        super.updateItem(contact, empty);
        Contact next = empty ? null : contact;
        if (next != watched) {
            if (watched != null) {
                watched.revisionProperty().removeListener(weakChanged);
            }
            watched = next;
            if (next != null) {
                next.revisionProperty().addListener(weakChanged);
            }
            shown(next);
        }
        render();
    }

    /** Called when the cell starts showing another contact (or none). */
    protected void shown(Contact contact) {
    }

    protected Contact watched() {
        return watched;
    }

    /**
     * The table gives every cell its size (the column's width, the fixed row height), so a changed text is laid out
     * inside this cell; asking the row would make the table lay out all its rows again.
     */
    @Override
    public void requestLayout() {
        setNeedsLayout(true);
    }

    protected void render() {
        Contact contact = watched;
        setText(contact == null ? null : text.apply(contact));
        String style = contact == null ? null : styleClass.apply(contact);
        if (appliedStyle != null && !appliedStyle.equals(style)) {
            getStyleClass().remove(appliedStyle);
        }
        if (style != null && !style.equals(appliedStyle)) {
            getStyleClass().add(style);
        }
        appliedStyle = style;
    }
}
