package com.flowcrm.cli;

import java.util.Map;
import java.util.Objects;
import picocli.CommandLine;

/**
 * Makes the commands with what they need from the entry point: the environment and the app's local files (the
 * workspaces the window uses, the credential store of kept sessions). Anything else picocli makes itself.
 */
public final class CommandFactory implements CommandLine.IFactory {
    private final Map<String, String> environment;
    private final LocalFiles files;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    public CommandFactory(Map<String, String> environment, LocalFiles files) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.files = Objects.requireNonNull(files, "files");
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K> K create(Class<K> type) throws Exception {
        Object made;
        if (type == SyncCommand.class) {
            made = new SyncCommand(environment, files);
        } else if (type == PendingCommand.class) {
            made = new PendingCommand(environment, files);
        } else if (type == PendingCommand.Resolve.class) {
            made = new PendingCommand.Resolve(environment, files);
        } else if (type == PendingCommand.Discard.class) {
            made = new PendingCommand.Discard(environment, files);
        } else if (type == DealCommand.Stage.class) {
            made = new DealCommand.Stage(environment, files);
        } else if (type == DealCommand.Update.class) {
            made = new DealCommand.Update(environment, files);
        } else if (type == DealCommand.LogActivity.class) {
            made = new DealCommand.LogActivity(environment, files);
        } else if (type == ExportCommand.class) {
            made = new ExportCommand(environment, files);
        } else if (type == ReportCommand.class) {
            made = new ReportCommand(files);
        } else {
            return fallback.create(type);
        }
        return (K) made;
    }
}
