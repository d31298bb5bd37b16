package com.flowcrm.ui.contacts;

import com.flowcrm.model.Contact;
import com.flowcrm.ui.kit.BeforePulse;
import java.time.Clock;
import java.util.function.Function;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.scene.control.TableCell;

/**
 * A table cell that renders one aspect of a contact and rewrites itself when that contact's revision ticks,
 * so a live change updates the visible row in place.
 *
 * <p>It renders once per pulse, just before its CSS and layout ({@link BeforePulse}), and only when the row shows
 * another contact, a new revision of it, or a new minute (relative times): a contact changed ten times in one batch
 * of live events is rendered once.
 */
class ContactCell extends TableCell<Contact, Contact> {
    private final Function<Contact, String> text;
    private final Function<Contact, String> styleClass;
    private final Clock clock;
    private final Runnable renderIfChanged = this::renderIfChanged;
    private final InvalidationListener changed = o -> requestRender();
    private final WeakInvalidationListener weakChanged = new WeakInvalidationListener(changed);
    private Contact watched;
    private String appliedStyle;
    // what the cell shows now: it renders again only when one of these differs
    private boolean rendered;
    private Contact renderedContact;
    private long renderedRevision;
    private long renderedMinute;
    private int renders;

    /** {@code styleClass} may return null for no extra style class. */
    ContactCell(Function<Contact, String> text, Function<Contact, String> styleClass) {
        this(text, styleClass, Clock.systemUTC());
    }

    /** {@code clock} is the one the texts are written with (relative times follow its minute). */
    ContactCell(Function<Contact, String> text, Function<Contact, String> styleClass, Clock clock) {
        this.text = text;
        this.styleClass = styleClass;
        this.clock = clock;
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
        requestRender();
    }

    private void requestRender() {
        BeforePulse.request(this, renderIfChanged);
    }

    private void renderIfChanged() {
        Contact contact = watched;
        long revision = contact == null ? 0 : contact.getRevision();
        long minute = clock.millis() / 60_000;
        if (rendered && contact == renderedContact && revision == renderedRevision && minute == renderedMinute) {
            return;
        }
        rendered = true;
        renderedContact = contact;
        renderedRevision = revision;
        renderedMinute = minute;
        renders++;
        render();
    }

    /** How often the cell rendered (tests: once per pulse, none for a row re-bound to its unchanged contact). */
    int renders() {
        return renders;
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
