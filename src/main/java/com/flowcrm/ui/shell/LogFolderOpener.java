package com.flowcrm.ui.shell;

import com.flowcrm.common.DaemonThreads;
import java.awt.Desktop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.application.HostServices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** "Show logs": opens the log folder in the system's file manager, off the FX thread. */
public final class LogFolderOpener implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(LogFolderOpener.class);

    private final Path folder;
    private final HostServices hostServices;
    private final Consumer<String> onFailure;

    /**
     * @param hostServices the application's host services, or null to use {@link Desktop}
     * @param onFailure    gets a sentence naming the folder when it could not be opened (called on a background thread)
     */
    public LogFolderOpener(Path folder, HostServices hostServices, Consumer<String> onFailure) {
        this.folder = Objects.requireNonNull(folder, "folder").toAbsolutePath();
        this.hostServices = hostServices;
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
    }

    public Path folder() {
        return folder;
    }

    @Override
    public void run() {
        DaemonThreads.named("log-folder-opener").newThread(this::open).start();
    }

    private void open() {
        try {
            Files.createDirectories(folder);
            if (hostServices != null) {
                hostServices.showDocument(folder.toUri().toString());
            } else if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
                Desktop.getDesktop().open(folder.toFile());
            } else {
                throw new IOException("no desktop integration on this system");
            }
            LOG.info("Opened the log folder {}", folder);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not open the log folder {}: {}", folder, e.toString());
            onFailure.accept("Could not open the log folder. The logs are in " + folder);
        }
    }
}
