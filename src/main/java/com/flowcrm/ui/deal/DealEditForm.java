package com.flowcrm.ui.deal;

import atlantafx.base.theme.Styles;
import com.flowcrm.model.Priority;
import com.flowcrm.ui.kit.DetailsLayout;
import com.flowcrm.ui.offline.PendingMarkStyle;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * "Edit deal": title, value, priority and expected close, each bound both ways to its {@link EditableField} (its
 * error and the notice of someone else's change under it, its pending mark beside its name), with "Save changes" and
 * "Revert".
 */
final class DealEditForm extends VBox {

    DealEditForm(DealDetailsViewModel viewModel) {
        super(10);
        TextField titleField = new TextField();
        titleField.setId("edit-title");
        TextField valueField = new TextField();
        valueField.setId("edit-value");
        valueField.setPromptText("e.g. 125000");
        ComboBox<Priority> priorityBox = new ComboBox<>();
        priorityBox.getItems().setAll(Priority.values());
        priorityBox.setConverter(DetailsLayout.enumLabels());
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
        save.getStyleClass().add(Styles.ACCENT);
        save.setId("save-deal");
        save.setDefaultButton(false);
        save.disableProperty().bind(viewModel.savingProperty());
        save.setOnAction(e -> viewModel.save());
        Button revert = new Button("Revert");
        revert.getStyleClass().add(Styles.FLAT);
        revert.setOnAction(e -> viewModel.revert());
        Label status = DetailsLayout.message(viewModel.saveMessageProperty(), viewModel.saveFailedProperty());
        status.setId("save-message");
        HBox actions = new HBox(8, save, revert, status);
        actions.setAlignment(Pos.CENTER_LEFT);

        getChildren().addAll(
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

    /** The field's label, control, error and notice; the control wears the danger state while there is an error. */
    private static Node field(EditableField<?> field, Control control) {
        Label label = new Label(field.label());
        label.getStyleClass().add("field-label");
        label.setLabelFor(control);
        Label error = DetailsLayout.message(field.errorProperty(), null);
        error.getStyleClass().add("field-error");
        error.setGraphic(new FontIcon(Feather.ALERT_CIRCLE));
        FontIcon markIcon = new FontIcon();
        Tooltip markTip = new Tooltip();
        Label mark = PendingMarkStyle.newMark(markIcon, markTip);
        mark.setId(control.getId() + "-pending");
        PendingMarkStyle.show(mark, markIcon, markTip, field.pendingProperty().get());
        field.pendingProperty().addListener((obs, old, state) -> PendingMarkStyle.show(mark, markIcon, markTip, state));
        HBox labelRow = new HBox(8, label, mark);
        labelRow.setAlignment(Pos.CENTER_LEFT);
        Label notice = DetailsLayout.message(field.remoteNoticeProperty(), null);
        notice.getStyleClass().add("field-notice");
        notice.setGraphic(new FontIcon(Feather.USERS));
        field.errorProperty().addListener((obs, old, text) ->
                control.pseudoClassStateChanged(Styles.STATE_DANGER, text != null));
        control.setMaxWidth(Double.MAX_VALUE);
        String id = control.getId();
        error.setId(id + "-error");
        notice.setId(id + "-notice");
        return new VBox(4, labelRow, control, error, notice);
    }
}
