package com.flowcrm.ui.notifications;

import com.flowcrm.ui.notifications.NotificationToasts.Toast;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Shows a toast with ControlsFX {@link Notifications} in the corner of the main window; clicking it opens it (a folded
 * toast opens the list). High-priority toasts are marked with the {@code high-priority} style class.
 */
public final class ToastPresenter implements Consumer<Toast> {
    /**
     * ControlsFX then fades the toast out over half a second, so it is gone half a second before the throttle lets the
     * next one in: with no margin, a busy FX thread let the next toast slide in while the last one was still fading.
     */
    private static final Duration SHOW_FOR = Duration.millis(ToastThrottle.INTERVAL.toMillis() - 1_000);

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
        Feather glyph = toast.folded() ? Feather.BELL : NotificationsView.iconOf(toast.notification().getType());
        FontIcon icon = new FontIcon(glyph);
        icon.getStyleClass().add("toast-icon");
        Notifications notifications = Notifications.create()
                .owner(window)
                .position(Pos.BOTTOM_RIGHT)
                .hideAfter(SHOW_FOR)
                .graphic(icon)
                .onAction(e -> onOpen.accept(toast));
        if (toast.isHighPriority()) {
            notifications.styleClass("flow-toast", "high-priority");
        } else {
            notifications.styleClass("flow-toast");
        }
        notifications.title(toast.title()).text(toast.text());
        notifications.show();
    }
}
