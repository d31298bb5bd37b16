package com.flowcrm.ui.insights;

import com.flowcrm.model.DealStage;
import com.flowcrm.store.insights.RottingLimits;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** Settings: how many idle days each open stage allows before its deals count as rotting. */
final class RottingLimitsDialog extends Dialog<RottingLimits> {
    private final Map<DealStage, Spinner<Integer>> spinners = new EnumMap<>(DealStage.class);

    RottingLimitsDialog(Window owner, RottingLimits current) {
        if (owner != null) {
            initOwner(owner);
        }
        setTitle("Rotting limits");
        setHeaderText("A deal is rotting when it has had no activity for more days than its stage allows.\n"
                + "The board's \"At risk\" chip and the Insights list use these limits.");
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        grid.setPadding(new javafx.geometry.Insets(12, 20, 4, 20));
        int row = 0;
        for (DealStage stage : StageStyles.OPEN) {
            Spinner<Integer> days = new Spinner<>(RottingLimits.MIN_DAYS, RottingLimits.MAX_DAYS,
                    current.daysFor(stage).orElseThrow());
            days.setEditable(true);
            days.setId("rotting-" + stage.wireName());
            days.setPrefWidth(110);
            spinners.put(stage, days);
            grid.addRow(row++, new Label(stage.label()), days, new Label("days"));
        }
        getDialogPane().setContent(grid);
        ButtonType defaults = new ButtonType("Restore defaults", ButtonBar.ButtonData.LEFT);
        getDialogPane().getButtonTypes().addAll(defaults, ButtonType.OK, ButtonType.CANCEL);
        Button restore = (Button) getDialogPane().lookupButton(defaults);
        restore.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            e.consume(); // keep the dialog open
            spinners.forEach((stage, spinner) -> spinner.getValueFactory().setValue(RottingLimits.DEFAULTS.daysFor(stage).orElseThrow()));
        });
        setResultConverter(button -> button == ButtonType.OK ? limits() : null);
    }

    /** What the spinners say; a spinner's value is always within its range. */
    RottingLimits limits() {
        return new RottingLimits(value(DealStage.PROSPECT), value(DealStage.QUALIFIED), value(DealStage.PROPOSAL),
                value(DealStage.NEGOTIATION));
    }

    private int value(DealStage stage) {
        Spinner<Integer> spinner = spinners.get(stage);
        // an edited text is committed only on Enter or focus loss; take it on OK too
        try {
            spinner.getValueFactory().setValue(Integer.parseInt(spinner.getEditor().getText().strip()));
        } catch (NumberFormatException e) {
            spinner.getEditor().setText(Integer.toString(spinner.getValue()));
        }
        return spinner.getValue();
    }

    Optional<RottingLimits> ask() {
        return showAndWait();
    }
}
