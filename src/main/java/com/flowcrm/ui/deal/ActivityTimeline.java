package com.flowcrm.ui.deal;

import com.flowcrm.model.ActivityType;
import com.flowcrm.model.DealActivity;
import com.flowcrm.ui.kit.DetailsLayout;
import com.flowcrm.ui.kit.DisplayFormats;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The deal's activities, newest first, and how many there are. Follows the summary's list: an entry is drawn when
 * its activity first appears and kept while the panel shows the deal, so a new activity adds one entry.
 */
final class ActivityTimeline extends VBox {
    private final Clock clock;
    private final VBox entries = new VBox(0);
    private final Label count = new Label();
    private final Map<DealActivity, Node> drawn = new HashMap<>();

    ActivityTimeline(ObservableList<DealActivity> activities, Clock clock) {
        super(8);
        this.clock = clock;
        entries.getStyleClass().add("timeline");
        entries.setId("timeline");
        count.getStyleClass().add("section-note");
        getChildren().addAll(count, entries);
        activities.addListener((ListChangeListener<DealActivity>) change -> show(activities));
        show(activities);
    }

    private void show(List<DealActivity> activities) {
        List<Node> rows = new ArrayList<>(activities.size());
        Map<DealActivity, Node> kept = new HashMap<>();
        for (DealActivity activity : activities) {
            Node row = drawn.get(activity);
            if (row == null) {
                row = entry(activity);
            }
            kept.put(activity, row);
            rows.add(row);
        }
        drawn.clear();
        drawn.putAll(kept);
        if (rows.isEmpty()) {
            rows.add(DetailsLayout.note("Nothing logged yet."));
        }
        entries.getChildren().setAll(rows);
        count.setText(activities.size() == 1 ? "1 activity" : activities.size() + " activities");
    }

    private Node entry(DealActivity activity) {
        StackPane dot = new StackPane(new FontIcon(icon(activity.type())));
        dot.getStyleClass().add("timeline-dot");
        Label what = new Label(DisplayFormats.label(activity.type()));
        what.getStyleClass().add("timeline-type");
        Label when = new Label(DisplayFormats.dateTime(activity.date(), clock.getZone()) + " \u00b7 "
                + DisplayFormats.relative(activity.date(), clock));
        when.getStyleClass().add("section-note");
        Label text = new Label(activity.description());
        text.setWrapText(true);
        text.getStyleClass().add("timeline-description");
        VBox body = new VBox(2, new HBox(8, what, when), text);
        if (activity.outcome() != null && !activity.outcome().isBlank()) {
            body.getChildren().add(detail("Outcome: " + activity.outcome()));
        }
        if (activity.nextStep() != null && !activity.nextStep().isBlank()) {
            body.getChildren().add(detail("Next step: " + activity.nextStep()));
        }
        HBox.setHgrow(body, Priority.ALWAYS);
        HBox entry = new HBox(10, dot, body);
        entry.getStyleClass().add("timeline-entry");
        entry.setUserData(activity.id());
        return entry;
    }

    private static Label detail(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.getStyleClass().add("timeline-detail");
        return label;
    }

    private static Feather icon(ActivityType type) {
        return switch (type) {
            case CALL -> Feather.PHONE;
            case EMAIL -> Feather.MAIL;
            case MEETING -> Feather.USERS;
            case PROPOSAL -> Feather.FILE_TEXT;
            case DEMO -> Feather.MONITOR;
            case NOTE -> Feather.EDIT_3;
        };
    }
}
