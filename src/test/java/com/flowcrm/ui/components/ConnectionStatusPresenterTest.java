package com.flowcrm.ui.components;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.store.ConnectionReport;
import com.flowcrm.store.ConnectionReport.Phase;
import com.flowcrm.store.SyncStatus;
import com.flowcrm.ui.MutableClock;
import com.flowcrm.ui.components.IndicatorState.Tone;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConnectionStatusPresenterTest {
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private final ConnectionStatusPresenter presenter = new ConnectionStatusPresenter(clock);

    private static ConnectionReport connection(Phase phase, int attempt, Instant nextRetryAt, Instant lastResyncAt) {
        return ConnectionReport.builder(phase).retry(attempt, 5, nextRetryAt)
                .activity(T0.minusSeconds(3), 2, 120, 3, lastResyncAt).server("ws://127.0.0.1:4545?token=***").build();
    }

    private static ConnectionReport live() {
        return connection(Phase.LIVE, 0, null, null);
    }

    @Test
    void showsEachPhaseInWords() {
        presenter.accept(connection(Phase.CONNECTING, 1, null, null));
        assertThat(presenter.status().text()).isEqualTo("Connecting...");
        assertThat(presenter.status().tone()).isEqualTo(Tone.CONNECTING);

        presenter.accept(live());
        assertThat(presenter.status().text()).isEqualTo("Live");
        assertThat(presenter.status().tone()).isEqualTo(Tone.LIVE);
        assertThat(presenter.status().retryOffered()).isFalse();

        presenter.accept(connection(Phase.OFFLINE, 5, T0.plusSeconds(60), null));
        assertThat(presenter.status().text()).isEqualTo("Offline");
        assertThat(presenter.status().retryOffered()).isTrue();
        assertThat(presenter.status().tone()).isEqualTo(Tone.DOWN);

        presenter.accept(connection(Phase.SESSION_EXPIRED, 0, null, null));
        assertThat(presenter.status().text()).isEqualTo("Session expired - sign in again");
        assertThat(presenter.status().retryOffered()).isFalse();

        presenter.accept(ConnectionReport.DISCONNECTED);
        assertThat(presenter.status().text()).isEqualTo("Not connected");
        assertThat(presenter.status().tone()).isEqualTo(Tone.IDLE);
    }

    @Test
    void countsDownToTheNextAttempt() {
        presenter.accept(connection(Phase.RECONNECTING, 3, T0.plusSeconds(4), null));
        assertThat(presenter.status().text()).isEqualTo("Reconnecting in 4 s (attempt 3 of 5)");
        assertThat(presenter.status().tone()).isEqualTo(Tone.RETRYING);
        assertThat(presenter.changesWithTime()).isTrue();

        clock.advance(Duration.ofMillis(1200));
        assertThat(presenter.status().text()).isEqualTo("Reconnecting in 3 s (attempt 3 of 5)");
        clock.advance(Duration.ofMillis(2700));
        assertThat(presenter.status().text()).isEqualTo("Reconnecting in 1 s (attempt 3 of 5)");
        clock.advance(Duration.ofMillis(100));
        assertThat(presenter.status().text()).isEqualTo("Reconnecting... (attempt 3 of 5)");
    }

    @Test
    void shortDropOfAConnectionReportKeepsShowingLive() {
        presenter.accept(live());
        presenter.accept(connection(Phase.RECONNECTING, 1, T0.plusSeconds(1), null));
        assertThat(presenter.status().text()).isEqualTo("Live");
        assertThat(presenter.changesWithTime()).isTrue();

        clock.advance(Duration.ofMillis(1500));
        presenter.accept(connection(Phase.CONNECTING, 1, null, null));
        assertThat(presenter.status().text()).isEqualTo("Live");

        presenter.accept(live());
        clock.advance(Duration.ofSeconds(5));
        assertThat(presenter.status().text()).isEqualTo("Live");
    }

    @Test
    void dropLongerThanTheToleranceShows() {
        presenter.accept(live());
        presenter.accept(connection(Phase.RECONNECTING, 2, T0.plusSeconds(6), null));
        clock.advance(Duration.ofMillis(1999));
        assertThat(presenter.status().text()).isEqualTo("Live");
        clock.advance(Duration.ofMillis(1));
        assertThat(presenter.status().text()).isEqualTo("Reconnecting in 4 s (attempt 2 of 5)");
    }

    @Test
    void offlineAndExpiryShowAtOnceEvenInsideTheTolerance() {
        presenter.accept(live());
        presenter.accept(connection(Phase.RECONNECTING, 1, T0.plusSeconds(1), null));
        presenter.accept(connection(Phase.OFFLINE, 5, T0.plusSeconds(60), null));
        assertThat(presenter.status().text()).isEqualTo("Offline");
    }

    @Test
    void zeroToleranceShowsEveryChange() {
        presenter.setBlipTolerance(Duration.ZERO);
        presenter.accept(live());
        presenter.accept(connection(Phase.RECONNECTING, 1, T0.plusSeconds(1), null));
        assertThat(presenter.status().text()).isEqualTo("Reconnecting in 1 s (attempt 1 of 5)");
    }

    @Test
    void flashesUpdatedAfterReconnectForAFewSeconds() {
        presenter.accept(connection(Phase.LIVE, 0, null, T0));
        assertThat(presenter.status().resyncFlash()).isTrue();
        clock.advance(ConnectionStatusPresenter.RESYNC_FLASH.minusMillis(1));
        assertThat(presenter.status().resyncFlash()).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(presenter.status().resyncFlash()).isFalse();
        assertThat(presenter.changesWithTime()).isFalse();
    }

    @Test
    void tooltipNamesServerTimesQueueCountersAndResync() {
        presenter.accept(connection(Phase.LIVE, 0, null, T0.minusSeconds(60)));
        String details = presenter.status().details();
        assertThat(details).contains("Server: ws://127.0.0.1:4545?token=***")
                .contains("Last message: 09:59:57")
                .contains("Queued outgoing: 2")
                .contains("Events applied: 120, rejected: 3")
                .contains("Last resync: 09:59:00");
    }

    @Test
    void tooltipSaysHowAReconnectCatchesUp() {
        presenter.accept(ConnectionReport.builder(Phase.LIVE)
                .sync(new SyncStatus(SyncStatus.Mode.RESUME, 1796368966115598L, null)).build());
        assertThat(presenter.status().details()).contains("Sync: resume from change 1796368966115598");

        presenter.accept(ConnectionReport.builder(Phase.LIVE).sync(new SyncStatus(SyncStatus.Mode.FULL_RELOAD, -1, null)).build());
        assertThat(presenter.status().details()).contains("Sync: full reload after reconnect");

        presenter.accept(ConnectionReport.builder(Phase.CONNECTING).build());
        assertThat(presenter.status().details()).contains("Sync: not known yet");
    }

    @Test
    void tooltipNeverShowsAToken() {
        presenter.accept(ConnectionReport.builder(Phase.OFFLINE).retry(5, 5, null)
                .server("ws://host:4545/?token=eyJhbGciOi.secret").lastError("closed ws://host:4545/?token=abc&x=1").build());
        String details = presenter.status().details();
        assertThat(details).doesNotContain("eyJhbGciOi").doesNotContain("abc&").contains("token=***");
        assertThat(details).contains("Last error:");
    }

    @Test
    void secondsRoundUp() {
        assertThat(ConnectionStatusPresenter.secondsUntil(T0.plusMillis(3001), T0)).isEqualTo(4);
        assertThat(ConnectionStatusPresenter.secondsUntil(T0.plusMillis(3000), T0)).isEqualTo(3);
        assertThat(ConnectionStatusPresenter.secondsUntil(T0, T0)).isZero();
        assertThat(ConnectionStatusPresenter.secondsUntil(null, T0)).isZero();
    }
}
