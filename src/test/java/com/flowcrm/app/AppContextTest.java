package com.flowcrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.demo.DemoServer;
import com.flowcrm.store.SessionState;
import com.flowcrm.ui.UiPreferences;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The wiring: in demo mode the embedded backend starts behind the window and the session follows it. */
class AppContextTest {
    private final Preferences node = Preferences.userRoot().node("/com/flowcrm/test/" + UUID.randomUUID());

    @AfterEach
    void removePreferences() throws Exception {
        node.removeNode();
    }

    @Test
    void forTheWindowTheDemoBackendStartsOnlyOnceTheWindowShows() throws Exception {
        CompletableFuture<Void> windowShown = new CompletableFuture<>();
        try (AppContext context = AppContext.create(AppConfig.resolve(null, null, Map.of()), Runnable::run, null,
                new UiPreferences(node), windowShown)) {
            // starting it takes a second and more: had it been started, its thread would be running now
            assertThat(demoStartThreads()).isZero();
            assertThat(context.backendReady().toCompletableFuture()).isNotDone();
            assertThat(context.demoServer()).isNull();

            context.windowShown();
            assertThat(windowShown).isCompleted();
            context.backendReady().toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertThat(context.demoServer()).isNotNull();
            assertThat(context.session().config().apiUrl()).isEqualTo(context.demoServer().apiUrl());
        }
    }

    @Test
    void closedBeforeTheWindowShowsTheDemoBackendNeverStarts() {
        AppContext context = AppContext.create(AppConfig.resolve(null, null, Map.of()), Runnable::run, null,
                new UiPreferences(node), new CompletableFuture<>());
        context.close();
        context.windowShown();

        assertThat(demoStartThreads()).isZero();
        assertThat(context.backendReady().toCompletableFuture()).isNotDone();
    }

    private static long demoStartThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("demo-server-start")).count();
    }

    @Test
    void demoModeSignsInOnceTheEmbeddedBackendIsUpAtTheAddressItGot() throws Exception {
        AppConfig demoMode = AppConfig.resolve(null, null, Map.of());
        assertThat(demoMode.demoMode()).isTrue();
        try (AppContext context = AppContext.create(demoMode, Runnable::run)) {
            assertThat(context.session().config().demoMode()).isTrue();
            assertThat(context.session().config().demoEmail()).isEqualTo(DemoServer.DEMO_EMAIL);

            context.backendReady().toCompletableFuture().get(30, TimeUnit.SECONDS);
            DemoServer demo = context.demoServer();
            assertThat(demo).isNotNull();
            // the preferred ports may be taken on this machine: the session follows whatever the server got
            assertThat(context.session().config().apiUrl()).isEqualTo(demo.apiUrl());
            assertThat(context.session().config().wsUrl()).isEqualTo(demo.wsUrl());

            context.session().login(DemoServer.DEMO_EMAIL, DemoServer.DEMO_PASSWORD).get(30, TimeUnit.SECONDS);
            assertThat(context.session().getState()).isEqualTo(SessionState.ACTIVE);
        }
    }

    @Test
    void closingStopsTheEmbeddedBackend() throws Exception {
        AppContext context = AppContext.create(AppConfig.resolve(null, null, Map.of()), Runnable::run);
        context.backendReady().toCompletableFuture().get(30, TimeUnit.SECONDS);
        String api = context.demoServer().apiUrl();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(api + "/auth/me")).build();
        assertThat(http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);

        context.close();

        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> http.send(probe, HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void aRealServerIsReadyAtOnceWithoutADemoBackend() {
        try (AppContext context = AppContext.create(AppConfig.forServer("http://127.0.0.1:9/api", "ws://127.0.0.1:9"),
                Runnable::run)) {
            assertThat(context.backendReady().toCompletableFuture()).isCompleted();
            assertThat(context.demoServer()).isNull();
            assertThat(context.session().config().apiUrl()).isEqualTo("http://127.0.0.1:9/api");
        }
    }
}
