package com.flowcrm.ui.offline;

import atlantafx.base.controls.ModalPane;
import atlantafx.base.theme.Styles;
import com.flowcrm.ui.kit.Banner;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * What the offline workspace adds around the main window's views: the banners over the content (read-only with "Sign
 * in again", a change the server refused, a notice about the local copy), the status bar's "3 changes waiting to send"
 * that opens the Pending changes panel, and the session's dialogs (sign in again, sign-out choices, remove local data).
 */
public final class OfflineChrome implements AutoCloseable {
    private static final PseudoClass ATTENTION = PseudoClass.getPseudoClass("attention");

    private final OfflineModels models;
    private final Runnable openPanel;
    private final SessionDialogs dialogs;
    private final ChangeListener<Boolean> askingChanged;

    /**
     * @param modal     the layer over the window the dialogs show in
     * @param openPanel shows the Pending changes panel
     */
    public OfflineChrome(OfflineModels models, ModalPane modal, Runnable openPanel) {
        this.models = Objects.requireNonNull(models, "models");
        this.openPanel = Objects.requireNonNull(openPanel, "openPanel");
        this.dialogs = new SessionDialogs(modal);
        ReadOnlyBanner readOnly = models.readOnly();
        askingChanged = (obs, was, asking) -> {
            if (asking) {
                dialogs.signInAgain(models.signInAgain(), readOnly);
            } else if (dialogs.isShowing()) {
                dialogs.close();
            }
        };
        readOnly.askingProperty().addListener(askingChanged);
    }

    /** Shows the sign-in dialog if the session is read-only already (call once the window is on screen). */
    public void start() {
        if (models.readOnly().askingProperty().get()) {
            dialogs.signInAgain(models.signInAgain(), models.readOnly());
        }
    }

    /** The banners over the views; each takes no room while it has nothing to say. */
    public Node banners() {
        ReadOnlyBanner readOnly = models.readOnly();
        Banner signIn = new Banner("readOnlyBanner", Styles.WARNING, Feather.LOCK)
                .bind(readOnly.titleProperty(), readOnly.detailProperty())
                .action(Banner.button("readOnlySignIn", "Sign in again", new FontIcon(Feather.LOG_IN),
                        readOnly::askToSignIn));

        RejectionNotice rejection = models.rejection();
        Banner refused = new Banner("rejectionBanner", Styles.DANGER, Feather.X_CIRCLE)
                .bind(Bindings.createStringBinding(() -> rejection.messageProperty().get() == null ? ""
                        : "A change was not accepted", rejection.messageProperty()), rejection.messageProperty())
                .action(Banner.button("rejectionOpen", "Pending changes", null, () -> {
                    rejection.dismiss();
                    openPanel.run();
                }))
                .dismissable(rejection::dismiss);

        OneTimeNotice notice = models.workspaceNotice();
        Banner workspace = new Banner("workspaceBanner", Styles.ACCENT, Feather.HARD_DRIVE)
                .bind(Bindings.createStringBinding(() -> notice.textProperty().get() == null ? ""
                        : "About the copy on this computer", notice.textProperty()), notice.textProperty())
                .dismissable(notice::dismiss);

        VBox banners = new VBox(8, signIn, refused, workspace);
        banners.getStyleClass().add("window-banners");
        banners.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> signIn.isVisible() || refused.isVisible() || workspace.isVisible(),
                signIn.visibleProperty(), refused.visibleProperty(), workspace.visibleProperty()));
        banners.managedProperty().bind(banners.visibleProperty());
        return banners;
    }

    /** "3 changes waiting to send" in the status bar; a click opens the Pending changes panel. */
    public Node statusLink() {
        PendingStatus status = models.status();
        Button link = new Button();
        link.setId("pendingStatus");
        link.getStyleClass().addAll("pending-status-link", Styles.FLAT, Styles.SMALL);
        FontIcon icon = new FontIcon(Feather.UPLOAD_CLOUD);
        link.setGraphic(icon);
        link.textProperty().bind(status.textProperty());
        link.setTooltip(new Tooltip("Open Pending changes (Ctrl+5)"));
        link.visibleProperty().bind(status.textProperty().isNotNull());
        link.managedProperty().bind(link.visibleProperty());
        Runnable tone = () -> {
            boolean attention = status.toneProperty().get().needsAttention();
            link.pseudoClassStateChanged(ATTENTION, attention);
            icon.setIconCode(attention ? Feather.ALERT_TRIANGLE : Feather.UPLOAD_CLOUD);
        };
        status.toneProperty().addListener((obs, old, now) -> tone.run());
        tone.run();
        link.setOnAction(e -> openPanel.run());
        return link;
    }

    /** "Sign out": asks what to do with the changes not on the server yet, else signs out at once. */
    public void signOut() {
        SignOutModel signOut = models.signOut();
        if (signOut.asksFirst()) {
            dialogs.signOut(signOut);
        } else {
            signOut.signOut(com.flowcrm.store.SignOutChoice.KEEP_FOR_NEXT_TIME);
        }
    }

    /** "Sign out and remove local data": a confirmation that says what will be lost. */
    public void removeLocalData() {
        dialogs.removeLocalData(models.signOut());
    }

    @Override
    public void close() {
        models.readOnly().askingProperty().removeListener(askingChanged);
        dialogs.close();
    }
}
