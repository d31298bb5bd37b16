package com.flowcrm.ui.shell;

import atlantafx.base.theme.Styles;
import com.flowcrm.ui.theme.ThemeSwitcher;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** What shows for the moment the local copy takes to read before the main window (instead of the sign-in screen). */
final class OpeningView {
    private final StackPane root = new StackPane();

    OpeningView(String email) {
        root.getStyleClass().add("sign-in-screen");
        root.setId("openingView");
        ThemeSwitcher.style(root);
        FontIcon logo = new FontIcon(Feather.ACTIVITY);
        logo.getStyleClass().add("brand-icon");
        StackPane badge = new StackPane(logo);
        badge.getStyleClass().add("brand-badge");
        Label product = new Label("Flow CRM");
        product.getStyleClass().addAll(Styles.TITLE_2, "brand-name");
        HBox brand = new HBox(12, badge, product);
        brand.setAlignment(Pos.CENTER_LEFT);
        ProgressIndicator progress = new ProgressIndicator();
        progress.getStyleClass().add("button-progress");
        Label what = new Label("Opening your workspace\u2026", progress);
        what.getStyleClass().add(Styles.TITLE_4);
        Label who = new Label(email);
        who.getStyleClass().add(Styles.TEXT_MUTED);
        VBox card = new VBox(18, brand, new VBox(4, what, who));
        card.getStyleClass().add("sign-in-card");
        card.setMaxSize(420, Region.USE_PREF_SIZE);
        root.getChildren().add(card);
    }

    Parent getNode() {
        return root;
    }
}
