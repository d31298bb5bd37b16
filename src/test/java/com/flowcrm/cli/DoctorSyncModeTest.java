package com.flowcrm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.demo.DemoServer;
import com.flowcrm.demo.DemoServerConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** doctor says how the client catches up after a reconnect (issue 13): from the change log, or by a full reload. */
class DoctorSyncModeTest {
    @Test
    void againstTheDemoBackendItResumesFromTheChangeLog() {
        try (DemoServer demo = DemoServer.start(DemoServerConfig.forTests())) {
            CliRun run = CliRun.of(new DoctorCommand(Map.of("FLOW_PASSWORD", "demo")),
                    "--api", demo.apiUrl(), "--ws", demo.wsUrl(), "--email", DemoServer.DEMO_EMAIL);

            assertThat(run.code()).as(run.err()).isZero();
            assertThat(run.out()).contains("[ok]   Sync: resume from change " + demo.changeLogHead() + " after a reconnect")
                    .doesNotContain("[FAIL]");
            assertThat(run.out().indexOf("Sync:")).as("after the data, before the socket")
                    .isGreaterThan(run.out().indexOf("Data:")).isLessThan(run.out().indexOf("WebSocket handshake"));
        }
    }

    @Test
    void againstABackendWithoutAChangeLogItReloadsEverything() throws Exception {
        try (MessyBackend backend = new MessyBackend()) {
            CliRun run = CliRun.of(new DoctorCommand(Map.of("FLOW_PASSWORD", "secret")),
                    "--api", backend.apiUrl(), "--ws", backend.wsUrl(), "--email", "pat@messy.io");

            assertThat(run.code()).as(run.out() + run.err()).isZero();
            assertThat(run.out()).contains("[ok]   Sync: full reload after reconnect (the lists carry no X-Sync-Seq");
        }
    }
}
