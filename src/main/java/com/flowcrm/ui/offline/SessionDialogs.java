package com.flowcrm.ui.offline;

import atlantafx.base.controls.ModalPane;
import atlantafx.base.theme.Styles;
import com.flowcrm.store.SignOutChoice;
import com.flowcrm.ui.kit.DialogCard;
import java.util.Objects;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The dialogs of the session shown over the main window (AtlantaFX's {@link ModalPane}, so they dim the window and
 * follow the theme): signing in again while read-only (password only, the email fixed), what to do with the changes
 * on signing out, and the confirmation of removing the local copy. One at a time; Escape or a click beside it closes
 * it as "Not now" / "Cancel".
 */
public final class SessionDialogs {
    /** The card's width less its padding, the choice's padding, icon and gap. */
    private static final double CHOICE_TEXT_WIDTH = DialogCard.MAX_WIDTH - 52 - 28 - 18 - 12;
    private final ModalPane modal;
    private Runnable onClosed = () -> { };

    public SessionDialogs(ModalPane modal) {
        this.modal = Objects.requireNonNull(modal, "modal");
        modal.setInTransitionFactory(null);
        modal.setOutTransitionFactory(null);
        modal.displayProperty().addListener((obs, was, shown) -> {
            if (!shown) {
                Runnable closed = onClosed;
                onClosed = () -> { };
                closed.run();
            }
        });
    }

    /** Whether a dialog is over the window. */
    public boolean isShowing() {
        return modal.isDisplay();
    }

    /** Closes the dialog on screen, if any (as if cancelled). */
    public void close() {
        if (modal.isDisplay()) {
            modal.hide();
        }
    }

    private void show(DialogCard card, Node focus, Runnable closed) {
        close();
        modal.show(card);
        onClosed = closed;
        Platform.runLater(focus::requestFocus);
    }

    /** "Sign in again": the email fixed, the password asked; closes itself once the session is live again. */
    public void signInAgain(SignInAgainModel model, ReadOnlyBanner banner) {
        model.reset();
        TextField email = new TextField(model.email());
        email.setId("reSignInEmail");
        email.setEditable(false);
        email.setFocusTraversable(false);
        email.getStyleClass().add("fixed-field");
        PasswordField password = new PasswordField();
        password.setId("reSignInPassword");
        password.setPromptText("Password");
        password.textProperty().bindBidirectional(model.passwordProperty());
        Label error = new Label();
        error.setId("reSignInError");
        error.getStyleClass().add("form-error");
        error.setGraphic(new FontIcon(Feather.ALERT_CIRCLE));
        error.setWrapText(true);
        error.setMaxWidth(Double.MAX_VALUE);
        error.textProperty().bind(Bindings.createStringBinding(
                () -> model.errorProperty().get() == null ? "" : model.errorProperty().get(), model.errorProperty()));
        error.visibleProperty().bind(model.errorProperty().isNotNull());
        error.managedProperty().bind(error.visibleProperty());
        VBox form = new VBox(6, fieldLabel("Email", email), email, fieldLabel("Password", password), password, error);
        form.disableProperty().bind(model.busyProperty());

        Button later = new Button("Not now");
        later.setId("reSignInLater");
        later.setCancelButton(true);
        later.setOnAction(e -> close());
        Button signIn = new Button();
        signIn.setId("reSignIn");
        signIn.getStyleClass().add(Styles.ACCENT);
        signIn.setDefaultButton(true);
        signIn.textProperty().bind(Bindings.when(model.busyProperty()).then("Signing in...").otherwise("Sign in"));
        signIn.graphicProperty().bind(Bindings.when(model.busyProperty()).<Node>then(progress()).otherwise((Node) null));
        signIn.disableProperty().bind(model.canSubmitProperty().not());
        signIn.setOnAction(e -> model.submit().thenAccept(live -> {
            if (live) {
                close();
            }
        }));

        DialogCard card = new DialogCard("reSignInDialog", Feather.LOCK, "Sign in again", Styles.WARNING)
                .text("reSignInText", "The server no longer accepts your session. Sign in to send the changes you"
                        + " made; until then you see your data read-only.")
                .add(form)
                .buttons(later, signIn);
        show(card, password, banner::stopAsking);
    }

    /** What "Sign out" does with the changes that are not on the server yet. */
    public void signOut(SignOutModel model) {
        String them = model.outstanding() == 1 ? "it" : "them";
        Button sendNow = choice("signOutSendNow", "Send " + them + " now, then sign out", model.canSendNow()
                ? "What the server takes in the next seconds is sent; anything left is kept for next time."
                : "Not now: " + model.sendNowUnavailable(), Feather.UPLOAD_CLOUD, null);
        sendNow.setDisable(!model.canSendNow());
        Button keep = choice("signOutKeep", "Keep " + them + " for next time",
                "Kept on this computer and sent when you sign in again.", Feather.SAVE, null);
        Button discard = choice("signOutDiscard", "Discard " + them + " and sign out",
                "Your changes are thrown away; the server's versions stay.", Feather.TRASH_2, "discard");
        sendNow.setOnAction(e -> model.signOut(SignOutChoice.SEND_NOW));
        keep.setOnAction(e -> model.signOut(SignOutChoice.KEEP_FOR_NEXT_TIME));
        discard.setOnAction(e -> model.signOut(SignOutChoice.DISCARD));
        VBox choices = new VBox(8, sendNow, keep, discard);
        choices.disableProperty().bind(model.busyProperty());

        Button cancel = new Button("Cancel");
        cancel.setId("signOutCancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> close());
        cancel.disableProperty().bind(model.busyProperty());
        DialogCard card = new DialogCard("signOutDialog", Feather.LOG_OUT, "Sign out", Styles.ACCENT)
                .text("signOutQuestion", model.question()
                        + (model.outstanding() == 1 ? " What should happen to it?" : " What should happen to them?"))
                .add(choices, busyNote(model, "Signing out..."))
                .buttons(cancel);
        show(card, model.canSendNow() ? sendNow : keep, () -> { });
    }

    /** The confirmation of "Sign out and remove local data", saying what will be lost. */
    public void removeLocalData(SignOutModel model) {
        Button cancel = new Button("Cancel");
        cancel.setId("removeLocalCancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> close());
        Button remove = new Button("Remove and sign out", new FontIcon(Feather.TRASH_2));
        remove.setId("removeLocalConfirm");
        remove.getStyleClass().add(Styles.DANGER);
        remove.setOnAction(e -> model.signOut(SignOutChoice.REMOVE_LOCAL_DATA));
        remove.disableProperty().bind(model.busyProperty());
        cancel.disableProperty().bind(model.busyProperty());
        DialogCard card = new DialogCard("removeLocalDialog", Feather.ALERT_TRIANGLE, "Sign out and remove local data",
                Styles.DANGER)
                .text("removeLocalWarning", model.removalWarning())
                .add(busyNote(model, "Removing the local copy..."))
                .buttons(cancel, remove);
        show(card, cancel, () -> { });
    }

    private static Button choice(String id, String title, String detail, Feather icon, String tone) {
        Label heading = new Label(title);
        heading.getStyleClass().add(Styles.TEXT_BOLD);
        Label sentence = new Label(detail);
        sentence.getStyleClass().addAll(Styles.TEXT_SMALL, "choice-detail");
        sentence.setWrapText(true);
        // a wrapping label inside a button is asked its height before its width is known: give it the width the card
        // leaves (else the button grows to the window's height)
        sentence.setPrefWidth(CHOICE_TEXT_WIDTH);
        sentence.setMinHeight(Region.USE_PREF_SIZE);
        heading.setPrefWidth(CHOICE_TEXT_WIDTH);
        VBox words = new VBox(2, heading, sentence);
        words.setMinWidth(Region.USE_PREF_SIZE);
        words.setAlignment(Pos.CENTER_LEFT);
        FontIcon glyph = new FontIcon(icon);
        glyph.getStyleClass().add("choice-icon");
        HBox row = new HBox(12, glyph, words);
        row.setAlignment(Pos.CENTER_LEFT);
        Button button = new Button(null, row);
        button.setId(id);
        button.getStyleClass().add("choice-button");
        if (tone != null) {
            button.getStyleClass().add(tone);
        }
        button.setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        button.setMaxWidth(Double.MAX_VALUE);
        button.setMinHeight(Region.USE_PREF_SIZE);
        button.setMaxHeight(Region.USE_PREF_SIZE);
        button.setAlignment(Pos.CENTER_LEFT);
        button.setAccessibleText(title + ". " + detail);
        return button;
    }

    private static Label busyNote(SignOutModel model, String text) {
        Label note = new Label(text, progress());
        note.getStyleClass().add(Styles.TEXT_MUTED);
        note.visibleProperty().bind(model.busyProperty());
        note.managedProperty().bind(note.visibleProperty());
        return note;
    }

    private static ProgressIndicator progress() {
        ProgressIndicator progress = new ProgressIndicator();
        progress.getStyleClass().add("button-progress");
        return progress;
    }

    private static Label fieldLabel(String text, Node field) {
        Label label = new Label(text);
        label.getStyleClass().add("field-label");
        label.setLabelFor(field);
        return label;
    }
}
