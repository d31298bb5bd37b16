package com.flowcrm.ui.notifications;

import com.flowcrm.ui.notifications.NotificationToasts.Toast;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.kordamp.ikonli.javafx.FontIcon;

/** Shows a toast with ControlsFX {@link Notifications} in the corner of the main window; clicking it opens it. */
public final class ToastPresenter implements Consumer<Toast> {
    private static final Duration SHOW_FOR = Duration.seconds(6);

    private final Supplier<Window> owner;
    private final Consumer<Toast> onOpen;

    /** The toast takes the owner scene's stylesheets, so app.css restyles it for the current theme. */
    public ToastPresenter(Supplier<Window> owner, Consumer<Toast> onOpen) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.onOpen = Objects.requireNonNull(onOpen, "onOpen");
    }

    @Override
    public void accept(Toast toast) {
        Window window = owner.get();
        if (window == null || !window.isShowing()) {
            return;
        }
        FontIcon icon = new FontIcon(NotificationsView.iconOf(toast.notification().getType()));
        icon.getStyleClass().add("toast-icon");
        Notifications notifications = Notifications.create()
                .owner(window)
                .position(Pos.BOTTOM_RIGHT)
                .hideAfter(SHOW_FOR)
                .graphic(icon)
                .styleClass("flow-toast")
                .onAction(e -> onOpen.accept(toast));
        notifications.title(toast.notification().getTitle()).text(toast.notification().getMessage());
        notifications.show();
    }
}
