package com.flowcrm.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoServerLifecycleTest {

    /** Threads the demo server starts: REST workers, HttpServer dispatcher, WebSocket selector/workers, simulator. */
    private static Set<Thread> serverThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("demo-") || t.getName().startsWith("WebSocket")
                        || t.getName().startsWith("HTTP-Dispatcher") || t.getName().startsWith("connectionLostChecker"))
                .collect(Collectors.toSet());
    }

    private static boolean portIsFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void closeLeavesNoThreadBehindAndFreesThePorts() throws InterruptedException {
        Set<Thread> before = serverThreads();
        DemoServer server = DemoServer.start(DemoServerConfig.forTests().withSimulator(true, 50));
        int apiPort = server.apiPort();
        int wsPort = server.wsPort();
        try (RestCalls rest = new RestCalls(server.apiUrl())) {
            EventRecorder client = new EventRecorder(server.wsUrl(), rest.loginToken(DemoServer.DEMO_EMAIL));
            assertThat(client.connectAndWait()).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> !client.messages.isEmpty());
            assertThat(serverThreads()).hasSizeGreaterThan(before.size());
            assertThat(portIsFree(apiPort)).isFalse();
            assertThat(portIsFree(wsPort)).isFalse();

            server.close();

            await().atMost(Duration.ofSeconds(5)).until(() -> !client.isOpen());
        }
        // no thread the failed starts began is left; threads of earlier tests in this JVM may end meanwhile
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(serverThreads()).isSubsetOf(before));
        assertThat(portIsFree(apiPort)).isTrue();
        assertThat(portIsFree(wsPort)).isTrue();
        server.close();
        assertThatThrownBy(server::startWebSocket).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void startsAgainOnTheSamePortsAfterClose() {
        int apiPort;
        int wsPort;
        try (DemoServer first = DemoServer.start(DemoServerConfig.forTests())) {
            apiPort = first.apiPort();
            wsPort = first.wsPort();
            assertThat(first.apiUrl()).isEqualTo("http://127.0.0.1:" + apiPort + "/api");
            assertThat(first.wsUrl()).isEqualTo("ws://127.0.0.1:" + wsPort);
        }
        try (DemoServer second = DemoServer.start(DemoServerConfig.forTests().withPorts(apiPort, wsPort))) {
            assertThat(second.apiPort()).isEqualTo(apiPort);
            assertThat(second.wsPort()).isEqualTo(wsPort);
        }
    }

    @Test
    void aTakenPortFailsTheStartAndLeavesNothingRunning() throws IOException {
        Set<Thread> before = serverThreads();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> DemoServer.start(DemoServerConfig.forTests().withPorts(0, taken.getLocalPort())))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("could not bind");
            assertThatThrownBy(() -> DemoServer.start(DemoServerConfig.forTests().withPorts(taken.getLocalPort(), 0)))
                    .hasMessageContaining("could not bind");
        }
        // no thread the failed starts began is left; threads of earlier tests in this JVM may end meanwhile
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(serverThreads()).isSubsetOf(before));
    }

    @Test
    void fallsBackToFreePortsWhenTheConfiguredOnesAreTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            DemoServerConfig config = DemoServerConfig.forTests().withPorts(taken.getLocalPort(), 0);
            try (DemoServer server = DemoServer.startPreferringConfiguredPorts(config);
                    RestCalls rest = new RestCalls(server.apiUrl())) {
                assertThat(server.apiPort()).isNotEqualTo(taken.getLocalPort());
                assertThat(rest.loginToken(DemoServer.DEMO_EMAIL)).isNotBlank();
            }
        }
        try (DemoServer free = DemoServer.start(DemoServerConfig.forTests())) {
            int apiPort = free.apiPort();
            int wsPort = free.wsPort();
            free.close();
            try (DemoServer preferred = DemoServer.startPreferringConfiguredPorts(
                    DemoServerConfig.forTests().withPorts(apiPort, wsPort))) {
                assertThat(preferred.apiPort()).isEqualTo(apiPort);
                assertThat(preferred.wsPort()).isEqualTo(wsPort);
            }
        }
    }

    @Test
    void refusesInvalidConfiguration() {
        DemoServerConfig tests = DemoServerConfig.forTests();
        assertThatThrownBy(() -> tests.withPorts(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tests.withSimulator(true, -2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tests.withAccessTokenTtl(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tests.withHost(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(DemoServerConfig.defaults().simulator()).isTrue();
        assertThat(DemoServerConfig.defaults().apiPort()).isEqualTo(4000);
        assertThat(DemoServerConfig.defaults().wsPort()).isEqualTo(4545);
        assertThat(tests.simulator()).isFalse();
        assertThat(tests.apiPort()).isZero();
    }

    @Test
    void aShortAccessTokenTtlExpiresTokens() {
        // JWT times are whole seconds, so a 1 s token may expire at once; 2 s live between 1 and 2 s
        DemoServerConfig config = DemoServerConfig.forTests().withAccessTokenTtl(Duration.ofSeconds(2));
        try (DemoServer server = DemoServer.start(config); RestCalls rest = new RestCalls(server.apiUrl())) {
            String token = rest.loginToken(DemoServer.DEMO_EMAIL);
            assertThat(rest.get("/auth/me", token).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                    .until(() -> rest.get("/auth/me", token).status() == 401);
        }
    }
}
