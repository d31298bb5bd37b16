package com.flowcrm.ui.deal;

import com.flowcrm.model.ActivityType;
import com.flowcrm.model.Deal;
import com.flowcrm.model.change.NewActivity;
import com.flowcrm.store.SessionCommands;
import com.flowcrm.ui.kit.DisplayFormats;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "Log activity" form of the open deal: what the rep types, its errors, and logging it through the session.
 * The timeline shows the activity once the store has it. UI thread.
 */
public final class ActivityFormModel {
    private static final Logger LOG = LoggerFactory.getLogger(ActivityFormModel.class);

    private final SessionCommands commands;
    private final Clock clock;
    private final Supplier<Deal> openDeal;
    private final Runnable refused;
    private final ObjectProperty<ActivityType> type = new SimpleObjectProperty<>(this, "type", ActivityType.CALL);
    private final StringProperty date = new SimpleStringProperty(this, "date");
    private final StringProperty description = new SimpleStringProperty(this, "description", "");
    private final StringProperty outcome = new SimpleStringProperty(this, "outcome", "");
    private final StringProperty nextStep = new SimpleStringProperty(this, "nextStep", "");
    private final ReadOnlyStringWrapper dateError = new ReadOnlyStringWrapper(this, "dateError");
    private final ReadOnlyStringWrapper descriptionError = new ReadOnlyStringWrapper(this, "descriptionError");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(this, "failed");
    private final BooleanProperty logging = new SimpleBooleanProperty(this, "logging");

    /**
     * @param openDeal the deal the panel shows (an answer for another one is not reported in this form)
     * @param refused  counts a form the rep tried to send with invalid fields
     */
    ActivityFormModel(SessionCommands commands, Clock clock, Supplier<Deal> openDeal, Runnable refused) {
        this.commands = commands;
        this.clock = clock;
        this.openDeal = openDeal;
        this.refused = refused;
        date.set(today());
    }

    public ObjectProperty<ActivityType> typeProperty() {
        return type;
    }

    /** The activity's date as typed (YYYY-MM-DD); today by default. */
    public StringProperty dateProperty() {
        return date;
    }

    public StringProperty descriptionProperty() {
        return description;
    }

    public StringProperty outcomeProperty() {
        return outcome;
    }

    public StringProperty nextStepProperty() {
        return nextStep;
    }

    public ReadOnlyStringProperty dateErrorProperty() {
        return dateError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty descriptionErrorProperty() {
        return descriptionError.getReadOnlyProperty();
    }

    /** "Activity logged." or why it was not; null when there is nothing to say. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    /** True while the server has the activity and has not answered. */
    public BooleanProperty loggingProperty() {
        return logging;
    }

    /**
     * Validates the form and logs the activity on the open deal; the timeline shows it once the store has it.
     * Completes with null when the form was not valid.
     */
    public CompletableFuture<?> log() {
        Deal current = openDeal.get();
        if (current == null || logging.get()) {
            return CompletableFuture.completedFuture(null);
        }
        LocalDate day = DealDetailsViewModel.parseDate(date.get());
        String text = description.get() == null ? "" : description.get().trim();
        dateError.set(day == null ? "Enter a real date as YYYY-MM-DD." : null);
        descriptionError.set(text.isEmpty() ? "Describe what happened." : null);
        if (day == null || text.isEmpty()) {
            refused.run();
            LOG.warn("Activity on deal {} not sent: {}{}", current.getId(), day == null ? "no real date " : "",
                    text.isEmpty() ? "no description" : "");
            failed.set(true);
            message.set("Fix the marked fields to log the activity.");
            return CompletableFuture.completedFuture(null);
        }
        // today's activity gets the current time so it sorts above earlier ones of the same day
        Instant when = day.equals(LocalDate.now(clock)) ? clock.instant() : day.atStartOfDay(ZoneOffset.UTC).toInstant();
        NewActivity activity = new NewActivity(type.get(), when, text, outcome.get(), nextStep.get());
        logging.set(true);
        message.set(null);
        return commands.logActivity(current.getId(), activity).whenComplete((logged, error) -> {
            logging.set(false);
            if (openDeal.get() != current) {
                return;
            }
            if (error != null) {
                String reason = DisplayFormats.failureReason(error);
                LOG.warn("Logging an activity on deal {} failed: {}", current.getId(), reason);
                failed.set(true);
                message.set("Not logged: " + reason);
            } else {
                clear();
                failed.set(false);
                message.set("Activity logged.");
            }
        });
    }

    /** Empties the form (another deal opened, or the activity was logged). */
    void clear() {
        type.set(ActivityType.CALL);
        date.set(today());
        description.set("");
        outcome.set("");
        nextStep.set("");
        dateError.set(null);
        descriptionError.set(null);
    }

    /** The panel shows another deal: nothing to say about the last one. */
    void forgetMessage() {
        message.set(null);
    }

    private String today() {
        return LocalDate.now(clock).format(DealDetailsViewModel.DATE_INPUT);
    }
}
