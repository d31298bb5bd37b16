package com.flowcrm.app;

import com.flowcrm.cli.CommandFactory;
import com.flowcrm.cli.DealCommand;
import com.flowcrm.cli.DemoServerCommand;
import com.flowcrm.cli.DoctorCommand;
import com.flowcrm.cli.ExportCommand;
import com.flowcrm.cli.LocalFiles;
import com.flowcrm.cli.PendingCommand;
import com.flowcrm.cli.ReportCommand;
import com.flowcrm.cli.SyncCommand;
import com.flowcrm.local.credentials.InMemoryCredentialStore;
import com.flowcrm.local.credentials.OsCredentialStore;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Entry point: starts the desktop window, or a headless command when one is named. */
@Command(name = "flow-crm",
        mixinStandardHelpOptions = true,
        versionProvider = AppVersion.class,
        description = "Flow CRM Desktop. Without a command it opens the desktop window.",
        subcommands = {ExportCommand.class, ReportCommand.class, SyncCommand.class, PendingCommand.class,
            DealCommand.class, DoctorCommand.class, DemoServerCommand.class})
public final class Main implements Callable<Integer> {

    @Option(names = "--api", paramLabel = "URL", description = "REST base URL (default: $FLOW_API_URL, else the embedded demo backend)")
    String apiUrl;

    @Option(names = "--ws", paramLabel = "URL", description = "WebSocket URL (default: $FLOW_WS_URL, else ws://localhost:4545)")
    String wsUrl;

    public static void main(String[] args) {
        if (args.length == 0) {
            // The window as a double-click starts it. Picocli is only needed to read a command line, and it costs at
            // every start: its classes (built for Java 5) cannot go into the start-up archive and are loaded and
            // verified from the jar each time, and reading its annotations generates proxy classes.
            System.exit(new Main().call());
        }
        System.exit(run(args));
    }

    /** Runs the command line and returns the process exit code (0 ok, 2 usage, 3 auth, 4 unreachable, 5 pending). */
    public static int run(String... args) {
        return new CommandLine(new Main(), new CommandFactory(System.getenv(), localFiles()))
                .setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    /** The window's own workspaces and kept sessions, so that the commands and the window share them. */
    static LocalFiles localFiles() {
        AppDirectories dirs = AppDirectories.forCurrentUser();
        return new LocalFiles(dirs.workspacesDir(), dirs.nativeLibraryDir(),
                () -> "memory".equals(System.getProperty(AppContext.CREDENTIALS_PROPERTY))
                        ? new InMemoryCredentialStore() : new OsCredentialStore());
    }

    @Override
    public Integer call() {
        GpuCheck.chooseRenderingPipeline();
        FlowCrmApplication.launchWith(AppConfig.resolve(apiUrl, wsUrl, System.getenv()));
        return 0;
    }
}
