package com.flowcrm.ui.signin;

import atlantafx.base.theme.Styles;
import com.flowcrm.ui.theme.ThemeSwitcher;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The sign-in screen: email, password, a collapsible "Server" section and errors in plain words. */
public final class SignInView {
    private final SignInViewModel model;
    private StackPane root;
    private final TextField email = new TextField();
    private final PasswordField password = new PasswordField();

    public SignInView(SignInViewModel model) {
        this.model = model;
        build();
    }

    public Parent getNode() {
        return root;
    }

    /** Puts the cursor where typing is needed: the password when the email is known, else the email. */
    public void focusFirstEmptyField() {
        Platform.runLater(() -> (email.getText().isBlank() ? email : password).requestFocus());
    }

    private void build() {
        FontIcon logo = new FontIcon(Feather.ACTIVITY);
        logo.getStyleClass().add("brand-icon");
        StackPane logoBadge = new StackPane(logo);
        logoBadge.getStyleClass().add("brand-badge");
        Label product = new Label("Flow CRM");
        product.getStyleClass().addAll(Styles.TITLE_2, "brand-name");
        HBox brand = new HBox(12, logoBadge, product);
        brand.setAlignment(Pos.CENTER_LEFT);

        Label heading = new Label("Sign in");
        heading.getStyleClass().add(Styles.TITLE_3);
        Label subheading = new Label("Your pipeline, contacts and alerts, live.");
        subheading.getStyleClass().add(Styles.TEXT_MUTED);

        Label demo = new Label("Demo mode: the sample account is filled in for you.", new FontIcon(Feather.INFO));
        demo.setId("demoHint");
        demo.getStyleClass().add("demo-hint");
        demo.setWrapText(true);
        demo.setMaxWidth(Double.MAX_VALUE);
        bindShown(demo, model.demoModeProperty());

        Label notice = new Label(null, new FontIcon(Feather.INFO));
        notice.setId("signInNotice");
        notice.getStyleClass().add("demo-hint");
        notice.setWrapText(true);
        notice.setMaxWidth(Double.MAX_VALUE);
        notice.textProperty().bind(model.noticeProperty());
        bindShown(notice, model.noticeProperty().isNotNull());

        email.setId("email");
        email.setPromptText("you@company.com");
        email.textProperty().bindBidirectional(model.emailProperty());
        password.setId("password");
        password.setPromptText("Password");
        password.textProperty().bindBidirectional(model.passwordProperty());

        Label error = new Label();
        error.setId("signInError");
        error.setGraphic(new FontIcon(Feather.ALERT_CIRCLE));
        error.getStyleClass().add("form-error");
        error.setWrapText(true);
        error.setMaxWidth(Double.MAX_VALUE);
        error.textProperty().bind(Bindings.createStringBinding(
                () -> model.errorProperty().get() == null ? "" : model.errorProperty().get(), model.errorProperty()));
        bindShown(error, model.errorProperty().isNotNull());

        // the embedded demo server starts behind the window; the button says so until sign-in can go through
        var working = model.busyProperty().or(model.startingProperty());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setId("signInProgress");
        progress.getStyleClass().add("button-progress");
        progress.visibleProperty().bind(working);
        Button signIn = new Button();
        signIn.setId("signIn");
        signIn.textProperty().bind(Bindings.when(model.busyProperty()).then("Signing in...")
                .otherwise(Bindings.when(model.startingProperty()).then("Starting the demo server...")
                        .otherwise("Sign in")));
        signIn.graphicProperty().bind(Bindings.when(working).<Node>then(progress).otherwise((Node) null));
        signIn.getStyleClass().addAll(Styles.ACCENT, "sign-in-button");
        signIn.setDefaultButton(true);
        signIn.setMaxWidth(Double.MAX_VALUE);
        signIn.disableProperty().bind(model.canSubmitProperty().not());
        signIn.setOnAction(e -> model.signIn());

        // The section starts collapsed: its fields (two text fields with their skins) are made when it first opens, so
        // the first window's CSS pass and layout do not style what nobody sees yet.
        TitledPane serverSection = new TitledPane();
        serverSection.setText("Server");
        serverSection.setId("serverSection");
        serverSection.setExpanded(false);
        serverSection.setAnimated(false);
        serverSection.getStyleClass().add("server-section");
        serverSection.expandedProperty().addListener((obs, was, expanded) -> {
            if (expanded && serverSection.getContent() == null) {
                serverSection.setContent(serverFields());
            }
        });

        VBox form = new VBox(6,
                fieldLabel("Email", email), email,
                spacer(6),
                fieldLabel("Password", password), password,
                spacer(10),
                error,
                signIn);
        form.disableProperty().bind(model.busyProperty());

        // the notice last: it can appear after the form shows, and then must not push the fields or the Server section
        VBox card = new VBox(18, brand, new VBox(4, heading, subheading), demo, form, serverSection, notice);
        card.getStyleClass().add("sign-in-card");
        card.setMaxSize(420, Region.USE_PREF_SIZE);
        serverSection.disableProperty().bind(model.busyProperty());

        Label footer = new Label("Flow CRM Desktop");
        footer.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        VBox column = new VBox(24, card, footer);
        column.setAlignment(Pos.CENTER);
        column.setMaxWidth(420);
        VBox.setVgrow(card, Priority.NEVER);
        // a notice that appears after the form (the credential store answers behind the window) or an error grows
        // the card below the fields: they stay under the rep's cursor
        root = new SteadyFieldsPane(column, form);
        root.getStyleClass().add("sign-in-screen");
        ThemeSwitcher.style(root);
    }

    /** The server's addresses, bound to the form's model both ways. */
    private VBox serverFields() {
        TextField apiUrl = new TextField();
        apiUrl.setId("apiUrl");
        apiUrl.textProperty().bindBidirectional(model.apiUrlProperty());
        TextField wsUrl = new TextField();
        wsUrl.setId("wsUrl");
        wsUrl.textProperty().bindBidirectional(model.wsUrlProperty());
        return new VBox(6, fieldLabel("API URL", apiUrl), apiUrl, fieldLabel("WebSocket URL", wsUrl), wsUrl);
    }

    private static Label fieldLabel(String text, Node field) {
        Label label = new Label(text);
        label.getStyleClass().add("field-label");
        label.setLabelFor(field);
        return label;
    }

    private static Region spacer(double height) {
        Region region = new Region();
        region.setMinHeight(height);
        return region;
    }

    private static void bindShown(Node node, javafx.beans.value.ObservableBooleanValue shown) {
        node.visibleProperty().bind(shown);
        node.managedProperty().bind(shown);
    }
}
