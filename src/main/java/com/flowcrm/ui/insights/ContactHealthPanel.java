package com.flowcrm.ui.insights;

import com.flowcrm.model.RelationshipHealth;
import com.flowcrm.store.insights.ContactHealth;
import com.flowcrm.store.insights.ContactHealth.FollowUpDue;
import com.flowcrm.ui.kit.ListItems;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.PieChart;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The contacts: the relationship health mix as a pie (slices updated in place) with counts, and the contacts
 * whose follow-up date has come, most overdue first; a click (or Enter) opens the contact.
 */
final class ContactHealthPanel {
    static final double ROW_HEIGHT = 46;

    private final PieChart pie = new PieChart();
    private final Map<RelationshipHealth, PieChart.Data> slices = new EnumMap<>(RelationshipHealth.class);
    private final Map<RelationshipHealth, Label> counts = new EnumMap<>(RelationshipHealth.class);
    private final Map<RelationshipHealth, Tooltip> tips = new EnumMap<>(RelationshipHealth.class);
    private final ListView<FollowUpDue> list = new ListView<>();
    private final Label dueTitle = new Label();
    private final VBox mix;
    private final HBox node;

    ContactHealthPanel(Consumer<String> openContact) {
        pie.setAnimated(false);
        pie.setLegendVisible(false);
        pie.setLabelsVisible(false);
        pie.setStartAngle(90);
        pie.setId("health-chart");
        pie.getStyleClass().add("health-chart");
        pie.setPrefSize(140, 140);
        pie.setMinSize(110, 110);
        pie.setMaxSize(160, 160);
        VBox legend = new VBox(6);
        legend.setAlignment(Pos.CENTER_LEFT);
        for (RelationshipHealth health : RelationshipHealth.values()) {
            PieChart.Data slice = new PieChart.Data(label(health), 0);
            pie.getData().add(slice);
            slices.put(health, slice);
            Region swatch = new Region();
            swatch.getStyleClass().addAll("health-swatch", "health-" + health.wireName());
            Label count = new Label();
            count.setId("health-count-" + health.wireName());
            count.getStyleClass().add("health-count");
            counts.put(health, count);
            Label name = new Label(label(health), swatch);
            name.getStyleClass().add("health-name");
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            HBox row = new HBox(8, name, spacer, count);
            row.setAlignment(Pos.CENTER_LEFT);
            row.setMinWidth(140);
            legend.getChildren().add(row);
        }
        // slice nodes exist once the data is in the chart
        for (RelationshipHealth health : RelationshipHealth.values()) {
            Node sliceNode = slices.get(health).getNode();
            sliceNode.getStyleClass().add("health-" + health.wireName());
            Tooltip tip = new Tooltip();
            Tooltip.install(sliceNode, tip);
            tips.put(health, tip);
        }
        mix = new VBox(10, pie, legend);
        mix.setAlignment(Pos.TOP_CENTER);
        mix.getStyleClass().add("health-mix");

        dueTitle.getStyleClass().add("insights-subtitle");
        dueTitle.setId("follow-ups-title");
        OpeningList.setUp(list, "follow-up-list", ROW_HEIGHT, "No follow-up is due.",
                due -> openContact.accept(due.contactId()));
        list.setCellFactory(v -> new Row(openContact));
        VBox.setVgrow(list, Priority.ALWAYS);
        VBox followUps = new VBox(6, dueTitle, list);
        HBox.setHgrow(followUps, Priority.ALWAYS);
        followUps.setMinWidth(0);
        node = new HBox(16, mix, followUps);
        node.setMinWidth(0);
    }

    Node node() {
        return node;
    }

    void show(ContactHealth health) {
        for (RelationshipHealth level : RelationshipHealth.values()) {
            int n = health.count(level);
            if (slices.get(level).getPieValue() != n) {
                slices.get(level).setPieValue(n);
            }
            String share = health.total() == 0 ? "" : String.format(Locale.US, " (%.0f%%)", 100.0 * n / health.total());
            counts.get(level).setText(n + share);
            tips.get(level).setText(label(level) + " health: " + n + (n == 1 ? " contact" : " contacts") + share);
        }
        dueTitle.setText(health.followUpsDue().isEmpty() ? "Follow-ups due"
                : "Follow-ups due (" + health.followUpsDue().size() + ")");
        ListItems.showComputed(list, health.followUpsDue());
    }

    static String label(RelationshipHealth health) {
        return switch (health) {
            case HIGH -> "High";
            case MEDIUM -> "Medium";
            case LOW -> "Low";
        };
    }

    private static final class Row extends ListCell<FollowUpDue> {
        private final Label badge = new Label();
        private final Label name = new Label();
        private final Label company = new Label();
        private final Label when = new Label();
        private final HBox graphic;

        Row(Consumer<String> openContact) {
            getStyleClass().add("follow-up-row");
            badge.getStyleClass().add("health-score");
            badge.setMinWidth(Region.USE_PREF_SIZE);
            name.getStyleClass().add("follow-up-name");
            name.setMinWidth(0);
            company.getStyleClass().add("follow-up-company");
            company.setMinWidth(0);
            when.getStyleClass().add("follow-up-when");
            when.setMinWidth(Region.USE_PREF_SIZE);
            company.setMinWidth(0);
            HBox second = new HBox(6, when, company);
            second.setMinWidth(0);
            VBox text = new VBox(1, name, second);
            text.setMinWidth(0);
            HBox.setHgrow(text, Priority.ALWAYS);
            graphic = new HBox(10, badge, text);
            graphic.setAlignment(Pos.CENTER_LEFT);
            graphic.setMinWidth(0);
            setPrefWidth(0);
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
            OpeningList.openOnClick(this, due -> openContact.accept(due.contactId()));
        }

        @Override
        protected void updateItem(FollowUpDue item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                setAccessibleText(null);
                return;
            }
            badge.setText(Integer.toString(item.healthScore()));
            for (RelationshipHealth level : RelationshipHealth.values()) {
                badge.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass(level.wireName()), level == item.health());
            }
            name.setText(item.name());
            company.setText(item.company().isBlank() ? "" : "\u00b7 " + item.company());
            when.setText(item.daysOverdue() == 0 ? "due today"
                    : "due " + item.daysOverdue() + (item.daysOverdue() == 1 ? " day ago" : " days ago"));
            setAccessibleText(item.name() + ", follow-up " + when.getText());
            setGraphic(graphic);
        }
    }
}
