package com.flowcrm.ui.contacts;

import com.flowcrm.model.AIInsight;
import com.flowcrm.model.CommunicationEvent;
import com.flowcrm.model.CommunicationType;
import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.model.Sentiment;
import com.flowcrm.ui.kit.DetailsLayout;
import com.flowcrm.ui.kit.DisplayFormats;
import com.flowcrm.ui.kit.LiveScrollPane;
import com.flowcrm.ui.kit.ViewChrome;
import com.flowcrm.ui.offline.PendingMarkStyle;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.InvalidationListener;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The side panel of one contact: health, figures, insights, communication history and the contact's deals, with a
 * pending mark while a change of the rep's to the contact is on its way.
 */
final class ContactDetailsPanel extends VBox {
    private final ContactsViewModel viewModel;
    private final Clock clock;
    private final Label name = new Label();
    private final Label role = new Label();
    private final Label email = new Label();
    private final Label phone = new Label();
    private final HealthBadge health = new HealthBadge();
    private final Label sentiment = new Label();
    private final Label churn = new Label();
    private final Label totalValue = new Label();
    private final Label lastContact = new Label();
    private final Label nextFollowUp = new Label();
    private final FlowPane tags = new FlowPane(6, 6);
    private final VBox notes = new VBox(4);
    private final VBox insights = new VBox(8);
    private final VBox history = new VBox(0);
    private final VBox deals = new VBox(6);
    private final FontIcon markIcon = new FontIcon();
    private final Tooltip markTip = new Tooltip();
    private final Label mark = PendingMarkStyle.newMark(markIcon, markTip);
    private final InvalidationListener contactChanged = o -> refresh();
    private final ListChangeListener<Deal> dealsChanged = c -> refreshDeals();
    private Contact shown;
    private Runnable onClose = () -> { };
    private Consumer<String> onOpenDeal = id -> { };

    ContactDetailsPanel(ContactsViewModel viewModel, Clock clock) {
        this.viewModel = viewModel;
        this.clock = clock;
        getStyleClass().add("contact-details");
        setId("contact-details");

        Button close = ViewChrome.iconButton(Feather.X, "Close details (Esc)", "Close details", () -> onClose.run());
        name.getStyleClass().add("details-title");
        name.setId("contact-details-name");
        role.getStyleClass().add("details-subtitle");
        email.setGraphic(new FontIcon(Feather.MAIL));
        phone.setGraphic(new FontIcon(Feather.PHONE));
        email.getStyleClass().add("section-note");
        phone.getStyleClass().add("section-note");
        health.setId("contact-details-health");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        mark.setId("contact-details-pending");
        HBox top = new HBox(8, health, sentiment, mark, spacer, close);
        top.setAlignment(Pos.CENTER_LEFT);
        VBox header = new VBox(6, top, name, role, email, phone);

        VBox figures = new VBox(8,
                new HBox(8, DetailsLayout.figure("Churn risk", churn), DetailsLayout.figure("Deals and value", totalValue)),
                new HBox(8, DetailsLayout.figure("Last contact", lastContact), DetailsLayout.figure("Next follow-up", nextFollowUp)));
        figures.getStyleClass().add("details-figures");

        Label loadMessage = new Label();
        loadMessage.textProperty().bind(viewModel.loadMessageProperty());
        loadMessage.visibleProperty().bind(viewModel.loadMessageProperty().isNotNull());
        loadMessage.managedProperty().bind(loadMessage.visibleProperty());
        loadMessage.getStyleClass().add("field-error");
        deals.setId("contact-deals");
        history.setId("communication-history");

        VBox content = new VBox(18, header, loadMessage, figures,
                DetailsLayout.section("Deals", deals),
                DetailsLayout.section("Insights", insights),
                DetailsLayout.section("Communication history", history),
                DetailsLayout.section("Tags and notes", tags, notes));
        content.getStyleClass().add("details-content");
        ScrollPane scroller = new LiveScrollPane(content);
        scroller.setFitToWidth(true);
        scroller.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroller.getStyleClass().add("details-scroller");
        VBox.setVgrow(scroller, Priority.ALWAYS);
        getChildren().add(scroller);

        viewModel.openContactDeals().addListener(dealsChanged);
        viewModel.openContactProperty().addListener((obs, old, contact) -> show(contact));
        viewModel.pendingMarks().revisionProperty().addListener(o -> showMark());
        show(viewModel.openContactProperty().get());
    }

    void setOnClose(Runnable action) {
        onClose = action;
    }

    /** What clicking one of the contact's deals does (the view asks the navigator to show it). */
    void setOnOpenDeal(Consumer<String> action) {
        onOpenDeal = action;
    }

    private void show(Contact contact) {
        if (shown != null) {
            shown.revisionProperty().removeListener(contactChanged);
        }
        shown = contact;
        showMark();
        if (contact != null) {
            contact.revisionProperty().addListener(contactChanged);
            refresh();
        }
    }

    private void showMark() {
        PendingMarkStyle.show(mark, markIcon, markTip,
                viewModel.pendingMarks().contact(shown == null ? null : shown.getId()));
    }

    private void refresh() {
        Contact contact = shown;
        if (contact == null) {
            return;
        }
        name.setText(contact.getName());
        role.setText(join(contact.getTitle(), contact.getCompany()));
        email.setText(contact.getEmail());
        phone.setText(contact.getPhone());
        health.show(contact.getRelationshipHealth(), contact.getHealthScore());
        Sentiment mood = contact.getSentiment() == null ? Sentiment.NEUTRAL : contact.getSentiment();
        sentiment.setText(DisplayFormats.label(mood) + " sentiment");
        sentiment.getStyleClass().removeIf(s -> s.startsWith("sentiment-"));
        sentiment.getStyleClass().add("sentiment-" + mood.wireName());
        churn.setText(contact.getChurnRisk() + "%");
        totalValue.setText(contact.getTotalDeals() + " \u00b7 " + DisplayFormats.compactMoney(contact.getTotalValue()));
        lastContact.setText(DisplayFormats.relative(contact.getLastContact(), clock));
        nextFollowUp.setText(contact.getNextFollowUp() == null ? "None" : DisplayFormats.relative(contact.getNextFollowUp(), clock));
        tags.getChildren().setAll(contact.getTags().stream().map(t -> {
            Label tag = new Label(t);
            tag.getStyleClass().add("tag");
            return (Node) tag;
        }).toList());
        notes.getChildren().setAll(contact.getNotes().stream().map(n -> {
            Label note = new Label(n, new FontIcon(Feather.FILE_TEXT));
            note.setWrapText(true);
            return (Node) note;
        }).toList());
        refreshInsights(contact);
        refreshHistory(contact);
        refreshDeals();
    }

    private void refreshInsights(Contact contact) {
        List<Node> cards = new ArrayList<>();
        for (AIInsight insight : contact.getAiInsights()) {
            cards.add(DetailsLayout.insightCard(Feather.ZAP, insight.title(),
                    DisplayFormats.label(insight.type()) + " \u00b7 " + insight.confidence() + "% confident",
                    insight.description(), insight.suggestedAction(),
                    insight.type() == null ? "other" : insight.type().wireName()));
        }
        if (cards.isEmpty()) {
            cards.add(DetailsLayout.note("No insights yet."));
        }
        insights.getChildren().setAll(cards);
    }

    private void refreshHistory(Contact contact) {
        List<CommunicationEvent> events = new ArrayList<>(contact.getCommunicationHistory());
        events.sort(Comparator.comparing(CommunicationEvent::date, Comparator.nullsLast(Comparator.reverseOrder())));
        List<Node> rows = new ArrayList<>();
        for (CommunicationEvent event : events) {
            StackPane dot = new StackPane(new FontIcon(icon(event.type())));
            dot.getStyleClass().add("timeline-dot");
            Label what = new Label(event.subject() == null || event.subject().isBlank()
                    ? DisplayFormats.label(event.type()) : event.subject());
            what.getStyleClass().add("timeline-type");
            Label when = new Label(DisplayFormats.relative(event.date(), clock));
            when.getStyleClass().add("section-note");
            Label summary = new Label(event.summary());
            summary.setWrapText(true);
            VBox body = new VBox(2, new HBox(8, what, when), summary);
            if (event.sentiment() != null) {
                Label mood = new Label(DisplayFormats.label(event.sentiment()));
                mood.getStyleClass().add("sentiment-" + event.sentiment().wireName());
                body.getChildren().add(mood);
            }
            if (event.aiAnalysis() != null && !event.aiAnalysis().isBlank()) {
                Label analysis = new Label(event.aiAnalysis(), new FontIcon(Feather.ZAP));
                analysis.setWrapText(true);
                analysis.getStyleClass().add("timeline-detail");
                body.getChildren().add(analysis);
            }
            HBox.setHgrow(body, Priority.ALWAYS);
            HBox entry = new HBox(10, dot, body);
            entry.getStyleClass().add("communication-entry");
            rows.add(entry);
        }
        if (rows.isEmpty()) {
            rows.add(DetailsLayout.note("No communication recorded."));
        }
        history.getChildren().setAll(rows);
    }

    private void refreshDeals() {
        List<Node> rows = new ArrayList<>();
        for (Deal deal : viewModel.openContactDeals()) {
            Label title = new Label(deal.getTitle());
            title.getStyleClass().add("timeline-type");
            Label meta = new Label(deal.getStage().label() + " \u00b7 " + DisplayFormats.compactMoney(deal.getValue())
                    + " \u00b7 " + deal.getProbability() + "%");
            meta.getStyleClass().add("section-note");
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            HBox row = new HBox(8, new VBox(2, title, meta), spacer, new FontIcon(Feather.CHEVRON_RIGHT));
            row.setAlignment(Pos.CENTER_LEFT);
            row.getStyleClass().add("contact-deal");
            row.setOnMouseClicked(e -> onOpenDeal.accept(deal.getId()));
            Tooltip.install(row, new Tooltip("Open in the pipeline"));
            rows.add(row);
        }
        if (rows.isEmpty()) {
            rows.add(DetailsLayout.note("No deals with this contact."));
        }
        deals.getChildren().setAll(rows);
    }

    private static Feather icon(CommunicationType type) {
        if (type == null) {
            return Feather.MESSAGE_SQUARE;
        }
        return switch (type) {
            case EMAIL -> Feather.MAIL;
            case CALL -> Feather.PHONE;
            case MEETING -> Feather.USERS;
            case NOTE -> Feather.EDIT_3;
        };
    }

    private static String join(String a, String b) {
        if (a == null || a.isBlank()) {
            return b;
        }
        return b == null || b.isBlank() ? a : a + " at " + b;
    }
}
