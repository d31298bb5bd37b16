package com.flowcrm.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFolderOpenerTest {
    @TempDir
    Path temp;

    @Test
    void withoutADesktopItNamesTheFolderInstead() {
        // Tests run with java.awt.headless=true, so there is no desktop to open the folder with.
        Path logs = temp.resolve("logs");
        AtomicReference<String> told = new AtomicReference<>();
        new LogFolderOpener(logs, null, told::set).run();

        await().atMost(Duration.ofSeconds(10)).until(() -> told.get() != null);
        assertThat(told.get()).contains(logs.toAbsolutePath().toString());
        assertThat(Files.isDirectory(logs)).isTrue();
    }
}
