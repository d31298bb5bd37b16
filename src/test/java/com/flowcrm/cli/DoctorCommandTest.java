package com.flowcrm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.demo.DemoServer;
import com.flowcrm.demo.DemoServerConfig;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The doctor command against the demo backend: every step passes, and the first failure names its fix. */
class DoctorCommandTest {
    private DemoServer demo;

    @BeforeEach
    void startDemo() {
        demo = DemoServer.start(DemoServerConfig.forTests());
    }

    @AfterEach
    void stopDemo() {
        demo.close();
    }

    @Test
    void everyStepPassesAgainstAHealthyBackend() {
        CliRun run = CliRun.of(new DoctorCommand(Map.of("FLOW_PASSWORD", "demo")),
                "--api", demo.apiUrl(), "--ws", demo.wsUrl(), "--email", DemoServer.DEMO_EMAIL);

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("[ok]   REST reachable: " + demo.apiUrl(), "[ok]   Login: ", "[ok]   Token: expires ",
                "[ok]   Data: 40 deals, 60 contacts", "[ok]   WebSocket handshake: ", "token=***", "[ok]   Ping round trip: ",
                "[ok]   All checks passed").doesNotContain("[FAIL]");
    }

    @Test
    void aWrongPasswordStopsAtLoginWithExitThree() {
        CliRun run = CliRun.of(new DoctorCommand(Map.of()),
                "--api", demo.apiUrl(), "--ws", demo.wsUrl(), "--email", DemoServer.DEMO_EMAIL, "--password", "nope");

        assertThat(run.code()).isEqualTo(ExitCode.AUTH_FAILED);
        assertThat(run.out()).contains("[ok]   REST reachable").contains("[FAIL] Login refused").doesNotContain("WebSocket");
        assertThat(run.err()).contains("check the email and password").hasLineCount(1);
    }

    @Test
    void aWebSocketUrlThatIsNotOneIsAUsageError() {
        CliRun run = CliRun.of(new DoctorCommand(Map.of("FLOW_PASSWORD", "demo")),
                "--api", demo.apiUrl(), "--ws", "http://127.0.0.1:1", "--email", DemoServer.DEMO_EMAIL);

        assertThat(run.code()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("ws:// or wss://");
        assertThat(run.out()).isEmpty();
    }
}
