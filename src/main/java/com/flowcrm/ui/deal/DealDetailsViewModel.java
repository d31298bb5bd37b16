package com.flowcrm.ui.deal;

import com.flowcrm.model.Deal;
import com.flowcrm.model.DealActivity;
import com.flowcrm.model.Priority;
import com.flowcrm.model.change.DealChanges;
import com.flowcrm.store.RemoteChange;
import com.flowcrm.store.SessionCommands;
import com.flowcrm.ui.kit.DisplayFormats;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open deal of the details panel: what it shows ({@link DealSummary}, following live changes), the edit of
 * title / value / priority / expected close with validation ({@link EditableField}s, saved through the session),
 * and the "Log activity" form ({@link ActivityFormModel}). UI thread.
 */
public final class DealDetailsViewModel {
    /** How dates are typed in the panel; ISO so that "2026-02-30" is recognisably not a date. */
    public static final DateTimeFormatter DATE_INPUT = DateTimeFormatter.ISO_LOCAL_DATE;
    private static final Logger LOG = LoggerFactory.getLogger(DealDetailsViewModel.class);
    /** What the panel says when the open deal was deleted on the server meanwhile. */
    public static final String DELETED_MESSAGE =
            "This deal was deleted on the server (by a colleague or another app). It is no longer on the board; "
                    + "nothing here can be saved.";

    private final SessionCommands commands;
    private final ReadOnlyObjectWrapper<Deal> deal = new ReadOnlyObjectWrapper<>(this, "deal");
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper(this, "saving");
    private final ReadOnlyStringWrapper saveMessage = new ReadOnlyStringWrapper(this, "saveMessage");
    private final ReadOnlyBooleanWrapper saveFailed = new ReadOnlyBooleanWrapper(this, "saveFailed");
    private final ReadOnlyStringWrapper loadMessage = new ReadOnlyStringWrapper(this, "loadMessage");
    private final ReadOnlyBooleanWrapper deleted = new ReadOnlyBooleanWrapper(this, "deleted");
    private final InvalidationListener dealChanged = o -> follow();
    private final ListChangeListener<DealActivity> activitiesChanged = c -> showSummary();
    private long refusedInputs;

    private final EditableField<String> title =
            new EditableField<>("Title", Deal::getTitle, v -> v);
    private final EditableField<String> value =
            new EditableField<>("Value", d -> plainNumber(d.getValue()), v -> DisplayFormats.money(Double.parseDouble(v)));
    private final EditableField<Priority> priority =
            new EditableField<>("Priority", Deal::getPriority, DisplayFormats::label);
    private final EditableField<String> expectedClose =
            new EditableField<>("Expected close", d -> dateText(d.getExpectedCloseDate()), v -> v == null ? "none" : v);

    private final DealSummary summary;
    private final ActivityFormModel activityForm;

    public DealDetailsViewModel(SessionCommands commands, Clock clock) {
        this.commands = commands;
        this.summary = new DealSummary(clock);
        // a deleted deal takes no activity: the form sees no open deal
        this.activityForm = new ActivityFormModel(commands, clock, () -> deleted.get() ? null : deal.get(),
                () -> refusedInputs++);
        commands.root().deals().addRemoteChangeListener(this::remoteChange);
        for (EditableField<?> field : fields()) {
            // leaving a field without changing it lets it catch up with what changed meanwhile
            field.editingProperty().addListener((obs, was, now) -> {
                if (!now) {
                    follow();
                }
            });
        }
    }

    /** Shows this deal (null closes the panel) and fetches its full record with activities and insights. */
    public void open(Deal next) {
        Deal previous = deal.get();
        if (previous != null) {
            previous.revisionProperty().removeListener(dealChanged);
            previous.getActivities().removeListener(activitiesChanged);
        }
        deal.set(next);
        saveMessage.set(null);
        activityForm.forgetMessage();
        loadMessage.set(null);
        deleted.set(false);
        if (next == null) {
            return;
        }
        next.revisionProperty().addListener(dealChanged);
        next.getActivities().addListener(activitiesChanged);
        summary.show(next);
        for (EditableField<?> field : fields()) {
            field.reset(next);
        }
        if (next != previous) {
            activityForm.clear();
        }
        commands.loadDealDetails(next.getId()).whenComplete((loaded, error) -> {
            if (error != null && deal.get() == next && !deleted.get()) {
                loadMessage.set("Could not load the full history: " + DisplayFormats.failureReason(error));
            }
        });
    }

    public ReadOnlyObjectProperty<Deal> dealProperty() {
        return deal.getReadOnlyProperty();
    }

    /** Whether the open deal was deleted on the server while it was open: the panel says so and saves nothing. */
    public ReadOnlyBooleanProperty deletedProperty() {
        return deleted.getReadOnlyProperty();
    }

    /** The store removed a deal (a live deal:deleted, or a reload that no longer lists it). */
    private void remoteChange(RemoteChange change) {
        Deal current = deal.get();
        if (change.kind() == RemoteChange.Kind.DELETED && current != null && current.getId().equals(change.id())) {
            deleted.set(true);
            saveMessage.set(null);
            loadMessage.set(DELETED_MESSAGE);
            LOG.info("Deal {} was deleted on the server while its details were open", change.id());
        }
    }

    /** The open deal, ready to read: what the header, the facts and the timeline show. */
    public DealSummary summary() {
        return summary;
    }

    /** The "Log activity" form. */
    public ActivityFormModel activityForm() {
        return activityForm;
    }

    /** The deal changed: the texts follow, and each field follows unless the rep is working in it. */
    private void follow() {
        Deal current = deal.get();
        if (current != null) {
            summary.show(current);
            for (EditableField<?> field : fields()) {
                field.follow(current);
            }
        }
    }

    private void showSummary() {
        Deal current = deal.get();
        if (current != null) {
            summary.show(current);
        }
    }

    public EditableField<String> title() {
        return title;
    }

    public EditableField<String> value() {
        return value;
    }

    public EditableField<Priority> priority() {
        return priority;
    }

    public EditableField<String> expectedClose() {
        return expectedClose;
    }

    List<EditableField<?>> fields() {
        return List.of(title, value, priority, expectedClose);
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return saving.getReadOnlyProperty();
    }

    /** "Saved." or why saving failed; null when there is nothing to say. */
    public ReadOnlyStringProperty saveMessageProperty() {
        return saveMessage.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty saveFailedProperty() {
        return saveFailed.getReadOnlyProperty();
    }

    /** Why the full record could not be loaded, or null. */
    public ReadOnlyStringProperty loadMessageProperty() {
        return loadMessage.getReadOnlyProperty();
    }

    /**
     * Validates the changed fields and sends them to the server; errors go to the fields and nothing is
     * sent while any is left. Completes with the saved deal, or null when nothing was sent.
     */
    public CompletableFuture<Deal> save() {
        Deal current = deal.get();
        if (current == null || saving.get() || deleted.get()) {
            return CompletableFuture.completedFuture(null);
        }
        fields().forEach(f -> f.setError(null));
        DealChanges changes = new DealChanges();
        boolean valid = true;
        if (title.isDirty()) {
            String text = title.draftProperty().get() == null ? "" : title.draftProperty().get().trim();
            if (text.isEmpty()) {
                title.setError("Enter a title.");
                valid = false;
            } else {
                changes.title(text);
            }
        }
        if (value.isDirty()) {
            Double amount = parseAmount(value.draftProperty().get());
            if (amount == null) {
                value.setError("Enter a non-negative number, e.g. 125000.");
                valid = false;
            } else {
                changes.value(amount);
            }
        }
        if (priority.isDirty() && priority.draftProperty().get() != null) {
            changes.priority(priority.draftProperty().get());
        }
        if (expectedClose.isDirty()) {
            LocalDate date = parseDate(expectedClose.draftProperty().get());
            if (date == null) {
                expectedClose.setError("Enter a real date as YYYY-MM-DD, e.g. 2026-03-15.");
                valid = false;
            } else {
                changes.expectedCloseDate(date.atStartOfDay(ZoneOffset.UTC).toInstant());
            }
        }
        if (!valid) {
            refusedInputs++;
            LOG.warn("Edit of deal {} not sent: {} ({} refused inputs so far)", current.getId(), invalidFields(),
                    refusedInputs);
            saveFailed.set(true);
            saveMessage.set("Fix the marked fields to save.");
            return CompletableFuture.completedFuture(null);
        }
        if (changes.isEmpty()) {
            saveFailed.set(false);
            saveMessage.set("No changes to save.");
            return CompletableFuture.completedFuture(null);
        }
        saving.set(true);
        saveMessage.set(null);
        return commands.updateDeal(current.getId(), changes).whenComplete((saved, error) -> {
            saving.set(false);
            if (deal.get() != current || deleted.get()) {
                return;
            }
            if (error != null) {
                String reason = DisplayFormats.failureReason(error);
                LOG.warn("Saving deal {} failed: {}", current.getId(), reason);
                saveFailed.set(true);
                saveMessage.set("Not saved: " + reason);
            } else {
                fields().forEach(f -> f.reset(current));
                saveFailed.set(false);
                saveMessage.set("Saved.");
            }
        });
    }

    private String invalidFields() {
        return String.join(", ", fields().stream().filter(f -> f.errorProperty().get() != null)
                .map(EditableField::label).toList()) + " invalid";
    }

    /** How many edits and activities the rep tried to send with invalid fields (none of them reached the server). */
    public long refusedInputs() {
        return refusedInputs;
    }

    /** Drops the drafts and shows the deal as it is now. */
    public void revert() {
        Deal current = deal.get();
        if (current != null) {
            fields().forEach(f -> f.reset(current));
            saveMessage.set(null);
        }
    }

    /** A non-negative amount from what a rep types ("125000", "$125,000.50"), or null. */
    static Double parseAmount(String text) {
        if (text == null) {
            return null;
        }
        String cleaned = text.replace("$", "").replace(",", "").replace(" ", "").trim();
        if (cleaned.isEmpty()) {
            return null;
        }
        try {
            double amount = Double.parseDouble(cleaned);
            return Double.isFinite(amount) && amount >= 0 ? amount : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A real calendar date typed as YYYY-MM-DD, or null (so "2026-02-30" is refused). */
    static LocalDate parseDate(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim(), DATE_INPUT);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Expected close dates are calendar dates; they are shown and typed in UTC like the server stores them. */
    static String dateText(Instant instant) {
        return instant == null ? null : LocalDate.ofInstant(instant, ZoneOffset.UTC).format(DATE_INPUT);
    }

    static String plainNumber(double amount) {
        return amount == Math.rint(amount) && Math.abs(amount) < 1e15
                ? String.format(Locale.ROOT, "%d", (long) amount)
                : String.format(Locale.ROOT, "%.2f", amount);
    }
}
