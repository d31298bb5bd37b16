package com.flowcrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.demo.DemoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app's embedded demo keeps its state in the data folder, and falls back to memory when it cannot. */
class EmbeddedDemoDataTest {

    @Test
    void theEmbeddedDemoKeepsItsStateInTheDataFolder(@TempDir Path home) throws Exception {
        Path dir = new AppDirectories(home).demoServerDir();
        assertThat(dir).isEqualTo(home.resolve("data").resolve("demo-server"));
        String dealId;
        assertThat(dir).doesNotExist();
        try (DemoServer first = AppContext.startEmbeddedDemo(dir)) {
            // (when port 4000 is taken the first attempt already wrote the data, and the retry loads it)
            assertThat(first.dataDir()).isEqualTo(dir);
            assertThat(dir.resolve("demo.db")).exists();
            dealId = first.state().dealIds().get(0);
            first.state().deleteDeal(dealId);
            // a second window cannot share the folder: it runs in memory, the first keeps its data
            try (DemoServer second = AppContext.startEmbeddedDemo(dir)) {
                assertThat(second.dataDir()).isNull();
                assertThat(second.state().dealIds()).contains(dealId);
            }
        }
        try (DemoServer again = AppContext.startEmbeddedDemo(dir)) {
            assertThat(again.loadedFromDisk()).isTrue();
            assertThat(again.state().dealIds()).doesNotContain(dealId);
        }
    }

    @Test
    void unusableDemoDataIsLeftAloneAndTheDemoRunsInMemory(@TempDir Path home) throws Exception {
        Path dir = new AppDirectories(home).demoServerDir();
        Files.createDirectories(dir);
        byte[] garbage = "not a database, but someone's file".repeat(200).getBytes();
        Files.write(dir.resolve("demo.db"), garbage);
        try (DemoServer demo = AppContext.startEmbeddedDemo(dir)) {
            assertThat(demo.dataDir()).isNull();
            assertThat(demo.state().dealCount()).isPositive();
        }
        assertThat(Files.readAllBytes(dir.resolve("demo.db"))).isEqualTo(garbage);
    }
}
