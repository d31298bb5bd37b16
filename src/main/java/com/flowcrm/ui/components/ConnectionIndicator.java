package com.flowcrm.ui.components;

import com.flowcrm.store.ConnectionReport;
import com.flowcrm.store.SessionMode;
import java.time.Clock;
import java.util.Objects;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.css.PseudoClass;
import javafx.scene.control.Control;
import javafx.scene.control.Skin;
import javafx.scene.control.Tooltip;

/**
 * Status-bar control that shows the realtime connection: "Live", "Connecting...", "Reconnecting in 4 s
 * (attempt 3 of 5)", "Offline" with "Retry now", or "Session expired - sign in again"; details in its tooltip. With
 * a local copy ({@link #modeProperty()}) offline reads "Offline - showing what you had at 14:32" and a refused session
 * "Sign in again to send your changes".
 */
public class ConnectionIndicator extends Control {
    /** The control's own stylesheet, beside its class, as ControlsFX ships one per control. */
    private static final String STYLESHEET = Objects.requireNonNull(
            ConnectionIndicator.class.getResource("connection-indicator.css"), "connection-indicator.css")
            .toExternalForm();

    private static final PseudoClass LIVE = PseudoClass.getPseudoClass("live");
    private static final PseudoClass CONNECTING = PseudoClass.getPseudoClass("connecting");
    private static final PseudoClass RETRYING = PseudoClass.getPseudoClass("retrying");
    private static final PseudoClass DOWN = PseudoClass.getPseudoClass("down");

    private final ObjectProperty<ConnectionReport> connection = new SimpleObjectProperty<>(this, "connection");
    private final ObjectProperty<SessionMode> mode = new SimpleObjectProperty<>(this, "mode");
    private final ObjectProperty<Runnable> onRetry = new SimpleObjectProperty<>(this, "onRetry");
    private final ReadOnlyObjectWrapper<IndicatorState> status = new ReadOnlyObjectWrapper<>(this, "status");
    private final ConnectionStatusPresenter presenter;
    private final Timeline ticker;
    private final Tooltip tooltip = new Tooltip();

    public ConnectionIndicator() {
        this(Clock.systemDefaultZone());
    }

    /** The clock drives the countdown and the blip tolerance; tests pass a controllable one. */
    public ConnectionIndicator(Clock clock) {
        presenter = new ConnectionStatusPresenter(clock);
        getStyleClass().add("connection-indicator");
        ticker = new Timeline(new KeyFrame(javafx.util.Duration.millis(250), e -> refresh()));
        ticker.setCycleCount(Animation.INDEFINITE);
        tooltip.setShowDelay(javafx.util.Duration.millis(300));
        tooltip.setShowDuration(javafx.util.Duration.INDEFINITE);
        setTooltip(tooltip);
        setFocusTraversable(false);
        connection.addListener((obs, old, now) -> {
            presenter.accept(now);
            refresh();
        });
        mode.addListener((obs, old, now) -> {
            presenter.acceptMode(now);
            refresh();
        });
        refresh();
    }

    public ObjectProperty<ConnectionReport> connectionProperty() {
        return connection;
    }

    public void setConnection(ConnectionReport value) {
        connection.set(value);
    }

    /** The session's mode (offline from the local copy, read-only), which words those states; null: live only. */
    public ObjectProperty<SessionMode> modeProperty() {
        return mode;
    }

    /** What "Retry now" does. */
    public ObjectProperty<Runnable> onRetryProperty() {
        return onRetry;
    }

    public void setOnRetry(Runnable value) {
        onRetry.set(value);
    }

    /** What the indicator shows right now; the skin renders it and tests read it. */
    public ReadOnlyObjectProperty<IndicatorState> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public IndicatorState getStatus() {
        return status.get();
    }

    /** Drops shorter than this keep showing "Live" (default 2 s). */
    public void setBlipTolerance(java.time.Duration tolerance) {
        presenter.setBlipTolerance(tolerance);
        refresh();
    }

    /** Re-evaluates against the clock; the internal ticker calls it while the status changes with time. */
    public final void refresh() {
        IndicatorState next = presenter.status();
        status.set(next);
        tooltip.setText(next.details());
        pseudoClassStateChanged(LIVE, next.tone() == IndicatorState.Tone.LIVE);
        pseudoClassStateChanged(CONNECTING, next.tone() == IndicatorState.Tone.CONNECTING);
        pseudoClassStateChanged(RETRYING, next.tone() == IndicatorState.Tone.RETRYING);
        pseudoClassStateChanged(DOWN, next.tone() == IndicatorState.Tone.DOWN);
        if (presenter.changesWithTime()) {
            if (ticker.getStatus() != Animation.Status.RUNNING) {
                ticker.play();
            }
        } else {
            ticker.stop();
        }
    }

    void retry() {
        Runnable action = onRetry.get();
        if (action != null) {
            action.run();
        }
    }

    @Override
    public String getUserAgentStylesheet() {
        return STYLESHEET;
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new ConnectionIndicatorSkin(this);
    }
}
