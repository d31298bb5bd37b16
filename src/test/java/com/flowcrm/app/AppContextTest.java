package com.flowcrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.demo.DemoServer;
import com.flowcrm.store.SessionState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The wiring: in demo mode the embedded backend starts behind the window and the session follows it. */
class AppContextTest {

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
