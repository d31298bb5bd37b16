package com.flowcrm.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The soak (README "Reliability"): a busy team on a failing network against a crashing server, and nothing lost.
 * {@code mvn -B -Psoak verify [-Dsoak.minutes=N]} runs the long one (default 10 minutes); every {@code mvn -B verify}
 * runs the 90-second one, so the harness and the product stay honest between long runs. Both write
 * {@code target/soak/report.json} and {@code target/soak/timeline.png} and fail when a check does not hold.
 */
class SoakTest {
    private static final Path OUT = Path.of("target", "soak");

    @Test
    @Tag("soak-ci")
    void ninetySecondsWithEveryKindOfFault() {
        SoakPlan plan = SoakPlan.ci(Long.getLong("soak.seed", 16), OUT);
        assertTimeoutPreemptively(Duration.ofMinutes(12), () -> run(plan));
    }

    @Test
    @Tag("soak")
    void soak() {
        double minutes = Double.parseDouble(System.getProperty("soak.minutes", "10"));
        SoakPlan plan = SoakPlan.ofMinutes(minutes, Long.getLong("soak.seed", 16), OUT);
        assertTimeoutPreemptively(plan.duration().plus(Duration.ofMinutes(30)), () -> run(plan));
    }

    private static void run(SoakPlan plan) throws Exception {
        SoakRun.Outcome outcome = new SoakRun(plan).run();
        List<ClientFiles> files = new ArrayList<>();
        for (SoakRun.ClientResult client : outcome.clients()) {
            files.add(ClientFiles.read(client.name(), client.dir()));
        }
        SoakVerdict verdict = new SoakVerdict(outcome, files);
        Path report = plan.out().resolve("report.json");
        verdict.write(report);
        String title = String.format("Soak %s: %.1f min of chaos, %d deals / %d contacts, simulator %.0f events/s - %s",
                plan.name(), plan.minutes(), plan.dataset().deals(), plan.dataset().contacts(),
                plan.dataset().eventsPerSecond(), verdict.failures().isEmpty() ? "all checks hold"
                        : "FAILED: " + String.join("; ", verdict.failures()));
        TimelineChart.draw(outcome, files, title, plan.out().resolve("timeline.png"));

        assertThat(ChildJvms.running()).as("child JVMs left running").isZero();
        assertThat(verdict.failures()).as("soak checks (see " + report.toAbsolutePath() + ")").isEmpty();
    }
}
