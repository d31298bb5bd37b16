package com.flowcrm.ui.deal;

import atlantafx.base.theme.Styles;
import com.flowcrm.model.ActivityType;
import com.flowcrm.ui.kit.DetailsLayout;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * "Log activity": kind, date, what happened, outcome and next step, bound both ways to the
 * {@link ActivityFormModel}.
 */
final class ActivityForm extends VBox {

    ActivityForm(ActivityFormModel model) {
        super(8);
        ComboBox<ActivityType> type = new ComboBox<>();
        type.getItems().setAll(ActivityType.values());
        type.setConverter(DetailsLayout.enumLabels());
        type.valueProperty().bindBidirectional(model.typeProperty());
        type.setId("activity-type");
        TextField date = new TextField();
        date.setPromptText("YYYY-MM-DD");
        date.setId("activity-date");
        date.textProperty().bindBidirectional(model.dateProperty());
        TextArea what = new TextArea();
        what.setPromptText("What happened?");
        what.setPrefRowCount(3);
        what.setWrapText(true);
        what.setId("activity-description");
        what.textProperty().bindBidirectional(model.descriptionProperty());
        TextField outcome = new TextField();
        outcome.setPromptText("Outcome (optional)");
        outcome.setId("activity-outcome");
        outcome.textProperty().bindBidirectional(model.outcomeProperty());
        TextField next = new TextField();
        next.setPromptText("Next step (optional)");
        next.setId("activity-next-step");
        next.textProperty().bindBidirectional(model.nextStepProperty());

        Label dateError = DetailsLayout.message(model.dateErrorProperty(), null);
        dateError.getStyleClass().add("field-error");
        Label whatError = DetailsLayout.message(model.descriptionErrorProperty(), null);
        whatError.getStyleClass().add("field-error");
        whatError.setId("activity-description-error");

        Button log = new Button("Log activity", new FontIcon(Feather.PLUS));
        log.getStyleClass().add(Styles.ACCENT);
        log.setId("log-activity");
        log.disableProperty().bind(model.loggingProperty());
        log.setOnAction(e -> model.log());
        Label status = DetailsLayout.message(model.messageProperty(), model.failedProperty());
        status.setId("activity-message");
        HBox actions = new HBox(8, log, status);
        actions.setAlignment(Pos.CENTER_LEFT);

        type.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(type, Priority.ALWAYS);
        HBox.setHgrow(date, Priority.ALWAYS);
        getChildren().addAll(new HBox(8, type, date), dateError, what, whatError, outcome, next, actions);
    }
}
