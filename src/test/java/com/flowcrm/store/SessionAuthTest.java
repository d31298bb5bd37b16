package com.flowcrm.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sign-in, tokens and the session's life, against a fake server. */
class SessionAuthTest {
    private final FakeCrmApi api = new FakeCrmApi();
    private final FakeCrmApi otherServer = new FakeCrmApi();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final List<String> accessTokens = new CopyOnWriteArrayList<>();
    private final SessionAuth auth = new SessionAuth(url -> url.contains("other") ? otherServer : api, api.baseUrl(),
            Clock.systemUTC(), timers, reason -> { });

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    @Test
    void oneSessionAtATimeAndEachEndMakesOlderAnswersStale() {
        long first = auth.begin();

        assertThat(first).isPositive();
        assertThat(auth.begin()).as("a second sign-in while one is active").isEqualTo(-1);
        auth.end();
        assertThat(auth.isActive()).isFalse();
        assertThat(auth.generation()).isNotEqualTo(first);
        assertThat(auth.begin()).isGreaterThan(first);
    }

    @Test
    void theLiveConnectionHearsOfEveryNewAccessTokenAlsoFromAnotherServer() {
        auth.addAccessTokenListener(accessTokens::add);
        auth.begin();
        auth.signIn(" rep@acme.example ", api.password).join();
        assertThat(auth.freshAccessToken().join()).isEqualTo(api.nextAccessToken);
        auth.signOut().join();
        auth.end();

        auth.changeServer("http://other.test/api");
        otherServer.nextAccessToken = "other-fresh";
        auth.begin();
        auth.signIn("rep@acme.example", otherServer.password).join();
        auth.freshAccessToken().join();

        assertThat(accessTokens).containsExactly("first-token", "fresh-token", "first-token", "other-fresh");
        assertThat(auth.api()).isSameAs(otherServer);
        assertThat(auth.accessToken()).isEqualTo("other-fresh");
    }

    @Test
    void theServerCannotChangeDuringASession() {
        auth.begin();

        assertThatThrownBy(() -> auth.changeServer("http://other.test/api")).isInstanceOf(IllegalStateException.class);
        assertThat(auth.api()).isSameAs(api);
    }
}
