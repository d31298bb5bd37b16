package com.flowcrm.ui.deal;

import com.flowcrm.model.ActivityType;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealActivity;
import com.flowcrm.model.DealInsight;
import com.flowcrm.model.Priority;
import com.flowcrm.ui.kit.DetailsLayout;
import com.flowcrm.ui.kit.DisplayFormats;
import com.flowcrm.ui.kit.FlashEffect;
import com.flowcrm.ui.kit.RecentChanges;
import com.flowcrm.ui.kit.ViewChrome;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The side panel with everything about one deal: its facts, insights, risks and signals, the editable fields,
 * the "Log activity" form and the activity timeline (newest first). It follows the deal live.
 */
public final class DealDetailsPanel extends VBox {
    private final DealDetailsViewModel viewModel;
    private final Clock clock;
    private final Label heading = new Label();
    private final Label subheading = new Label();
    private final Label stageBadge = new Label();
    private final Label valueFigure = new Label();
    private final Label probabilityFigure = new Label();
    private final Label weightedFigure = new Label();
    private final GridPane facts = new GridPane();
    private final Label description = new Label();
    private final FlowPane tags = new FlowPane(6, 6);
    private final VBox risks = new VBox(4);
    private final VBox signals = new VBox(4);
    private final VBox insights = new VBox(8);
    private final VBox timeline = new VBox(0);
    private final Label timelineCount = new Label();
    private final InvalidationListener dealChanged = o -> refresh();
    private final ListChangeListener<DealActivity> activitiesChanged = c -> refreshTimeline();
    private final FlashEffect headerChanged;
    private Deal shown;
    private final Hyperlink contactLink = new Hyperlink("View contact");
    private Runnable onClose = () -> { };
    private Consumer<String> onOpenContact = id -> { };

    public DealDetailsPanel(DealDetailsViewModel viewModel, Clock clock) {
        this.viewModel = viewModel;
        this.clock = clock;
        getStyleClass().add("deal-details");
        setId("deal-details");

        Button close = ViewChrome.iconButton(Feather.X, "Close details (Esc)", "Close details", () -> onClose.run());
        close.setId("close-details");
        heading.getStyleClass().add("details-title");
        heading.setId("details-title");
        heading.setWrapText(true);
        subheading.getStyleClass().add("details-subtitle");
        stageBadge.getStyleClass().add("stage-badge");
        Region spacer = new Region();
        HBox.setHgrow(spacer, javafx.scene.layout.Priority.ALWAYS);
        HBox top = new HBox(8, stageBadge, spacer, close);
        top.setAlignment(Pos.CENTER_LEFT);
        contactLink.setGraphic(new FontIcon(Feather.USER));
        contactLink.setId("open-contact");
        contactLink.setOnAction(e -> {
            if (shown != null && shown.getContactId() != null) {
                onOpenContact.accept(shown.getContactId());
            }
        });
        HBox subtitleRow = new HBox(8, subheading, contactLink);
        subtitleRow.setAlignment(Pos.CENTER_LEFT);
        VBox headerContent = new VBox(6, top, heading, subtitleRow);
        Region headerFlash = new Region();
        headerFlash.getStyleClass().add("card-flash");
        StackPane header = new StackPane(headerFlash, headerContent);
        header.getStyleClass().add("details-header");
        headerChanged = new FlashEffect(header, headerFlash);

        HBox figures = new HBox(8, DetailsLayout.figure("Value", valueFigure), DetailsLayout.figure("Probability", probabilityFigure),
                DetailsLayout.figure("Weighted", weightedFigure));
        figures.getStyleClass().add("details-figures");
        valueFigure.setId("details-value");

        facts.getStyleClass().add("details-facts");
        facts.setHgap(12);
        facts.setVgap(6);
        ColumnConstraints keys = new ColumnConstraints();
        keys.setMinWidth(110);
        facts.getColumnConstraints().addAll(keys, new ColumnConstraints());
        description.setWrapText(true);
        description.getStyleClass().add("details-description");

        timeline.getStyleClass().add("timeline");
        timeline.setId("timeline");
        timelineCount.getStyleClass().add("section-note");

        Label loadMessage = message(viewModel.loadMessageProperty(), null);

        VBox content = new VBox(18,
                header, loadMessage, figures,
                DetailsLayout.section("Details", facts),
                DetailsLayout.section("Description", description, tags),
                DetailsLayout.section("Risk factors", risks),
                DetailsLayout.section("Positive signals", signals),
                DetailsLayout.section("Insights", insights),
                DetailsLayout.section("Edit deal", editForm()),
                DetailsLayout.section("Log activity", activityForm()),
                DetailsLayout.section("Activity", timelineCount, timeline));
        content.getStyleClass().add("details-content");
        ScrollPane scroller = new ScrollPane(content);
        scroller.setFitToWidth(true);
        scroller.getStyleClass().add("details-scroller");
        scroller.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        javafx.scene.layout.VBox.setVgrow(scroller, javafx.scene.layout.Priority.ALWAYS);
        getChildren().add(scroller);

        viewModel.dealProperty().addListener((obs, old, deal) -> show(deal));
        show(viewModel.dealProperty().get());
    }

    /** What the close button does (the hosting view hides the panel). */
    public void setOnClose(Runnable action) {
        onClose = action == null ? () -> { } : action;
    }

    /** Lights the header up for a moment: someone else just changed the open deal. */
    public void showRemoteChange() {
        headerChanged.play(RecentChanges.HIGHLIGHT);
    }

    /** What "View contact" does (the hosting view asks the navigator to show the contact). */
    public void setOnOpenContact(Consumer<String> action) {
        onOpenContact = action == null ? id -> { } : action;
    }

    private void show(Deal deal) {
        if (shown != null) {
            shown.revisionProperty().removeListener(dealChanged);
            shown.getActivities().removeListener(activitiesChanged);
        }
        shown = deal;
        if (deal != null) {
            deal.revisionProperty().addListener(dealChanged);
            deal.getActivities().addListener(activitiesChanged);
            refresh();
        }
    }

    private void refresh() {
        Deal deal = shown;
        if (deal == null) {
            return;
        }
        heading.setText(deal.getTitle());
        subheading.setText(deal.getCompany() + (deal.getContactName().isBlank() ? "" : " \u00b7 " + deal.getContactName()));
        contactLink.setVisible(deal.getContactId() != null);
        contactLink.setManaged(contactLink.isVisible());
        stageBadge.setText(deal.getStage().label());
        stageBadge.getStyleClass().removeIf(s -> s.startsWith("stage-") && !s.equals("stage-badge"));
        stageBadge.getStyleClass().add("stage-" + deal.getStage().wireName());
        valueFigure.setText(DisplayFormats.money(deal.getValue()));
        probabilityFigure.setText(deal.getProbability() + "%");
        weightedFigure.setText(DisplayFormats.money(deal.getWeightedValue()));

        facts.getChildren().clear();
        int row = 0;
        row = fact(row, "Contact", deal.getContactName());
        row = fact(row, "Company", deal.getCompany());
        row = fact(row, "Stage", deal.getStage().label());
        row = fact(row, "Confidence", DisplayFormats.label(deal.getConfidence()));
        row = fact(row, "Priority", DisplayFormats.label(deal.getPriority()));
        row = fact(row, "Expected close", DisplayFormats.date(deal.getExpectedCloseDate(), ZoneOffset.UTC)
                + (deal.isOverdue(clock.instant()) ? "  (overdue)" : ""));
        row = fact(row, "Created", DisplayFormats.date(deal.getCreatedDate(), clock.getZone()));
        row = fact(row, "Last activity", DisplayFormats.relative(deal.getLastActivity(), clock));
        fact(row, "Competitor", deal.getCompetitorMentioned() == null ? "None named" : deal.getCompetitorMentioned());

        description.setText(deal.getDescription().isBlank() ? "No description." : deal.getDescription());
        tags.getChildren().setAll(deal.getTags().stream().map(t -> {
            Label tag = new Label(t);
            tag.getStyleClass().add("tag");
            return (Node) tag;
        }).toList());
        fillList(risks, deal.getRiskFactors(), Feather.ALERT_TRIANGLE, "risk-item", "No known risks.");
        fillList(signals, deal.getPositiveSignals(), Feather.CHECK_CIRCLE, "signal-item", "No positive signals yet.");
        refreshInsights(deal);
        refreshTimeline();
    }

    private int fact(int row, String key, String value) {
        Label k = new Label(key);
        k.getStyleClass().add("fact-key");
        Label v = new Label(value == null || value.isBlank() ? "\u2014" : value);
        v.getStyleClass().add("fact-value");
        v.setWrapText(true);
        facts.addRow(row, k, v);
        return row + 1;
    }

    private static void fillList(VBox box, List<String> items, Feather icon, String styleClass, String empty) {
        List<Node> rows = new ArrayList<>();
        for (String item : items) {
            Label label = new Label(item, new FontIcon(icon));
            label.getStyleClass().add(styleClass);
            label.setWrapText(true);
            rows.add(label);
        }
        if (rows.isEmpty()) {
            rows.add(DetailsLayout.note(empty));
        }
        box.getChildren().setAll(rows);
    }

    private void refreshInsights(Deal deal) {
        List<Node> cards = new ArrayList<>();
        for (DealInsight insight : deal.getAiInsights()) {
            cards.add(DetailsLayout.insightCard(insightIcon(insight), insight.title(),
                    DisplayFormats.label(insight.type()) + " \u00b7 impact " + DisplayFormats.label(insight.impact())
                            + " \u00b7 " + insight.confidence() + "% confident",
                    insight.description(), insight.suggestedAction(),
                    insight.type() == null ? "other" : insight.type().wireName()));
        }
        if (cards.isEmpty()) {
            cards.add(DetailsLayout.note("No insights yet."));
        }
        insights.getChildren().setAll(cards);
    }

    private static Feather insightIcon(DealInsight insight) {
        if (insight.type() == null) {
            return Feather.INFO;
        }
        return switch (insight.type()) {
            case OPPORTUNITY -> Feather.TRENDING_UP;
            case RISK -> Feather.ALERT_TRIANGLE;
            case SUGGESTION -> Feather.ZAP;
            case COMPETITOR -> Feather.USERS;
        };
    }

    private void refreshTimeline() {
        Deal deal = shown;
        if (deal == null) {
            return;
        }
        List<DealActivity> activities = new ArrayList<>(deal.getActivities());
        activities.sort(Comparator.comparing(DealActivity::date).reversed());
        List<Node> rows = new ArrayList<>();
        for (DealActivity activity : activities) {
            rows.add(timelineEntry(activity));
        }
        if (rows.isEmpty()) {
            rows.add(DetailsLayout.note("Nothing logged yet."));
        }
        timeline.getChildren().setAll(rows);
        timelineCount.setText(activities.size() == 1 ? "1 activity" : activities.size() + " activities");
    }

    private Node timelineEntry(DealActivity activity) {
        FontIcon icon = new FontIcon(activityIcon(activity.type()));
        StackPane dot = new StackPane(icon);
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
            Label outcome = new Label("Outcome: " + activity.outcome());
            outcome.setWrapText(true);
            outcome.getStyleClass().add("timeline-detail");
            body.getChildren().add(outcome);
        }
        if (activity.nextStep() != null && !activity.nextStep().isBlank()) {
            Label next = new Label("Next step: " + activity.nextStep());
            next.setWrapText(true);
            next.getStyleClass().add("timeline-detail");
            body.getChildren().add(next);
        }
        HBox.setHgrow(body, javafx.scene.layout.Priority.ALWAYS);
        HBox entry = new HBox(10, dot, body);
        entry.getStyleClass().add("timeline-entry");
        entry.setUserData(activity.id());
        return entry;
    }

    private static Feather activityIcon(ActivityType type) {
        return switch (type) {
            case CALL -> Feather.PHONE;
            case EMAIL -> Feather.MAIL;
            case MEETING -> Feather.USERS;
            case PROPOSAL -> Feather.FILE_TEXT;
            case DEMO -> Feather.MONITOR;
            case NOTE -> Feather.EDIT_3;
        };
    }

    private Node editForm() {
        TextField titleField = new TextField();
        titleField.setId("edit-title");
        TextField valueField = new TextField();
        valueField.setId("edit-value");
        valueField.setPromptText("e.g. 125000");
        ComboBox<Priority> priorityBox = new ComboBox<>();
        priorityBox.getItems().setAll(Priority.values());
        priorityBox.setConverter(labelConverter());
        priorityBox.setId("edit-priority");
        priorityBox.setMaxWidth(Double.MAX_VALUE);
        TextField closeField = new TextField();
        closeField.setId("edit-close");
        closeField.setPromptText("YYYY-MM-DD");

        bindText(titleField, viewModel.title());
        bindText(valueField, viewModel.value());
        priorityBox.valueProperty().bindBidirectional(viewModel.priority().draftProperty());
        viewModel.priority().editingProperty().bind(priorityBox.focusedProperty().or(priorityBox.showingProperty()));
        bindText(closeField, viewModel.expectedClose());

        Button save = new Button("Save changes", new FontIcon(Feather.CHECK));
        save.getStyleClass().add("accent");
        save.setId("save-deal");
        save.setDefaultButton(false);
        save.disableProperty().bind(viewModel.savingProperty());
        save.setOnAction(e -> viewModel.save());
        Button revert = new Button("Revert");
        revert.getStyleClass().add("flat");
        revert.setOnAction(e -> viewModel.revert());
        Label status = message(viewModel.saveMessageProperty(), viewModel.saveFailedProperty());
        status.setId("save-message");
        HBox actions = new HBox(8, save, revert, status);
        actions.setAlignment(Pos.CENTER_LEFT);

        return new VBox(10,
                field(viewModel.title(), titleField),
                field(viewModel.value(), valueField),
                field(viewModel.priority(), priorityBox),
                field(viewModel.expectedClose(), closeField),
                actions);
    }

    private static void bindText(TextField control, EditableField<String> field) {
        control.textProperty().bindBidirectional(field.draftProperty());
        field.editingProperty().bind(control.focusedProperty());
    }

    private static Node field(EditableField<?> field, Control control) {
        Label label = new Label(field.label());
        label.getStyleClass().add("field-label");
        label.setLabelFor(control);
        Label error = message(field.errorProperty(), null);
        error.getStyleClass().add("field-error");
        error.setGraphic(new FontIcon(Feather.ALERT_CIRCLE));
        Label notice = message(field.remoteNoticeProperty(), null);
        notice.getStyleClass().add("field-notice");
        notice.setGraphic(new FontIcon(Feather.USERS));
        field.errorProperty().addListener((obs, old, text) ->
                control.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("danger"), text != null));
        control.setMaxWidth(Double.MAX_VALUE);
        String id = control.getId();
        error.setId(id + "-error");
        notice.setId(id + "-notice");
        return new VBox(4, label, control, error, notice);
    }

    private Node activityForm() {
        ComboBox<ActivityType> type = new ComboBox<>();
        type.getItems().setAll(ActivityType.values());
        type.setConverter(labelConverter());
        type.valueProperty().bindBidirectional(viewModel.activityTypeProperty());
        type.setId("activity-type");
        TextField date = new TextField();
        date.setPromptText("YYYY-MM-DD");
        date.setId("activity-date");
        date.textProperty().bindBidirectional(viewModel.activityDateProperty());
        TextArea what = new TextArea();
        what.setPromptText("What happened?");
        what.setPrefRowCount(3);
        what.setWrapText(true);
        what.setId("activity-description");
        what.textProperty().bindBidirectional(viewModel.activityDescriptionProperty());
        TextField outcome = new TextField();
        outcome.setPromptText("Outcome (optional)");
        outcome.setId("activity-outcome");
        outcome.textProperty().bindBidirectional(viewModel.activityOutcomeProperty());
        TextField next = new TextField();
        next.setPromptText("Next step (optional)");
        next.setId("activity-next-step");
        next.textProperty().bindBidirectional(viewModel.activityNextStepProperty());

        Label dateError = message(viewModel.activityDateErrorProperty(), null);
        dateError.getStyleClass().add("field-error");
        Label whatError = message(viewModel.activityDescriptionErrorProperty(), null);
        whatError.getStyleClass().add("field-error");
        whatError.setId("activity-description-error");

        Button log = new Button("Log activity", new FontIcon(Feather.PLUS));
        log.getStyleClass().add("accent");
        log.setId("log-activity");
        log.disableProperty().bind(viewModel.loggingActivityProperty());
        log.setOnAction(e -> viewModel.logActivity());
        Label status = message(viewModel.activityMessageProperty(), viewModel.activityFailedProperty());
        status.setId("activity-message");
        HBox actions = new HBox(8, log, status);
        actions.setAlignment(Pos.CENTER_LEFT);

        type.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(type, javafx.scene.layout.Priority.ALWAYS);
        HBox.setHgrow(date, javafx.scene.layout.Priority.ALWAYS);
        HBox typeAndDate = new HBox(8, type, date);
        return new VBox(8, typeAndDate, dateError, what, whatError, outcome, next, actions);
    }

    private static <E extends Enum<E>> StringConverter<E> labelConverter() {
        return new StringConverter<>() {
            @Override
            public String toString(E value) {
                return value == null ? "" : DisplayFormats.label(value);
            }

            @Override
            public E fromString(String text) {
                return null;
            }
        };
    }

    /** A label that shows the text while there is one and takes no space otherwise. */
    private static Label message(ReadOnlyStringProperty text, ObservableValue<Boolean> failed) {
        Label label = new Label();
        label.setWrapText(true);
        label.textProperty().bind(text);
        label.visibleProperty().bind(text.isNotNull().and(text.isNotEmpty()));
        label.managedProperty().bind(label.visibleProperty());
        label.getStyleClass().add("form-message");
        if (failed != null) {
            failed.addListener((obs, was, isFailed) -> label.pseudoClassStateChanged(
                    javafx.css.PseudoClass.getPseudoClass("danger"), isFailed));
        }
        return label;
    }
}
