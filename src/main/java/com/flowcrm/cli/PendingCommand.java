package com.flowcrm.cli;

import com.flowcrm.local.FieldChange;
import com.flowcrm.local.OutboxEntry;
import com.flowcrm.local.OutboxStatus;
import com.flowcrm.local.Workspace;
import com.flowcrm.local.WorkspaceException;
import com.flowcrm.local.WorkspaceId;
import com.flowcrm.local.Workspaces;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code pending}: the outbox of the user's local copy, with no network; {@code pending resolve ID --keep mine|theirs}
 * and {@code pending discard ID} act on one change. The same file as the window: what is decided here is what the
 * window shows, and the next sync (or the window) sends.
 */
@Command(name = "pending", mixinStandardHelpOptions = true,
        subcommands = {PendingCommand.Resolve.class, PendingCommand.Discard.class},
        description = {"List the changes waiting in the local copy (no network). JSON: a list of",
            "  {id, createdAt, kind, target, status, reason, fields: [{field, base, yours, theirs}]}",
            "Exit codes: 0 ok, 2 usage, 3 no local copy for this user and server."})
public final class PendingCommand implements Callable<Integer> {
    /** The output formats. */
    public enum Format { table, json }

    @Mixin
    WorkspaceOptions workspace;

    @Option(names = "--format", paramLabel = "table|json", defaultValue = "table", description = "table (default) or json.")
    Format format;

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;
    private final LocalFiles files;

    public PendingCommand(Map<String, String> environment, LocalFiles files) {
        this.environment = environment;
        this.files = files;
    }

    @Override
    public Integer call() {
        return withWorkspace(spec, workspace, environment, files, ws -> {
            List<OutboxEntry> entries = ws.outbox().list();
            CommandOutput.write(spec, null, format == Format.json ? json(entries) : table(entries));
            return ExitCode.OK;
        });
    }

    /** {@code pending resolve ID --keep mine|theirs}. */
    @Command(name = "resolve", mixinStandardHelpOptions = true,
            description = {"Settle a change in conflict: --keep mine sends your values again over what the server has",
                "now (at the next sync); --keep theirs drops yours.", "Exit codes: 0 ok, 2 usage or wrong change, "
                    + "3 no local copy."})
    static final class Resolve implements Callable<Integer> {
        /** Whose values stay. */
        enum Keep { mine, theirs }

        @Parameters(index = "0", paramLabel = "ID", description = "The change's id (see 'pending').")
        String id;

        @Option(names = "--keep", required = true, paramLabel = "mine|theirs", description = "mine or theirs.")
        Keep keep;

        @Mixin
        WorkspaceOptions workspace;

        @Spec
        CommandSpec spec;

        private final Map<String, String> environment;
        private final LocalFiles files;

        Resolve(Map<String, String> environment, LocalFiles files) {
            this.environment = environment;
            this.files = files;
        }

        @Override
        public Integer call() {
            return withWorkspace(spec, workspace, environment, files, ws -> {
                UUID change = uuid(id);
                OutboxEntry before = step(keep == Keep.mine ? ws.outbox().keepMine(change) : ws.outbox().keepTheirs(change));
                CommandOutput.line(spec, keep == Keep.mine
                        ? "kept yours: " + describe(before) + " will be sent by the next sync"
                        : "kept theirs: " + describe(before) + " was dropped");
                return ExitCode.OK;
            });
        }
    }

    /** {@code pending discard ID}. */
    @Command(name = "discard", mixinStandardHelpOptions = true,
            description = {"Throw a waiting change away (whatever its status).",
                "Exit codes: 0 ok, 2 usage or unknown change, 3 no local copy."})
    static final class Discard implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID", description = "The change's id (see 'pending').")
        String id;

        @Mixin
        WorkspaceOptions workspace;

        @Spec
        CommandSpec spec;

        private final Map<String, String> environment;
        private final LocalFiles files;

        Discard(Map<String, String> environment, LocalFiles files) {
            this.environment = environment;
            this.files = files;
        }

        @Override
        public Integer call() {
            return withWorkspace(spec, workspace, environment, files, ws -> {
                OutboxEntry before = step(ws.outbox().discard(uuid(id)));
                CommandOutput.line(spec, "discarded: " + describe(before));
                return ExitCode.OK;
            });
        }
    }

    /** Work on the user's workspace, opened (never created) for the call. */
    @FunctionalInterface
    interface WorkspaceWork {
        int run(Workspace workspace) throws ExecutionException, TimeoutException, InterruptedException;
    }

    static int withWorkspace(CommandSpec spec, WorkspaceOptions options, Map<String, String> env, LocalFiles files,
            WorkspaceWork work) {
        return CommandFailures.guard(spec, spec.name(), options.verbose, () -> {
            WorkspaceId id = options.id(env);
            Workspaces workspaces = files.workspaces();
            if (!workspaces.exists(id)) {
                return CommandFailures.fail(spec, ExitCode.AUTH_FAILED, noLocalCopy(id));
            }
            try {
                com.flowcrm.local.OpenedWorkspace opened = workspaces.open(id);
                opened.recovery().ifPresent(r -> CommandOutput.notes(spec).accept(r.message()));
                try (Workspace ws = opened.workspace()) {
                    return work.run(ws);
                }
            } catch (WorkspaceException e) {
                return CommandFailures.fail(spec, e.kind() == WorkspaceException.Kind.ENTRY_NOT_FOUND
                        || e.kind() == WorkspaceException.Kind.WRONG_STATUS ? ExitCode.USAGE : ExitCode.UNREACHABLE,
                        e.getMessage());
            }
        });
    }

    static String noLocalCopy(WorkspaceId id) {
        return "There is no local copy of " + id.email() + " on " + id.apiUrl()
                + " yet: sign in once with the network (FlowCRM sync --api " + id.apiUrl() + " --email " + id.email()
                + ").";
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a change id: '" + id + "' (see 'pending' for the ids)");
        }
    }

    private static <T> T step(java.util.concurrent.CompletableFuture<T> future)
            throws InterruptedException, TimeoutException {
        try {
            return future.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WorkspaceException w) {
                throw w;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    // ---- output ----------------------------------------------------------------------------------------------

    static String kind(OutboxEntry e) {
        return e.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String status(OutboxEntry e) {
        return e.status().name().toLowerCase(Locale.ROOT);
    }

    /** {@code deal/deal-304}: the record type and id. */
    static String target(OutboxEntry e) {
        return e.target().type().wireName() + "/" + e.target().id();
    }

    private static String describe(OutboxEntry e) {
        return kind(e) + " of " + target(e);
    }

    static String json(List<OutboxEntry> entries) {
        JsonArray list = new JsonArray();
        for (OutboxEntry e : entries) {
            JsonObject o = new JsonObject();
            o.addProperty("id", e.id().toString());
            o.addProperty("createdAt", e.createdAt().toString());
            o.addProperty("kind", kind(e));
            o.addProperty("target", target(e));
            o.addProperty("status", status(e));
            if (e.reason() == null) {
                o.add("reason", JsonNull.INSTANCE);
            } else {
                o.addProperty("reason", e.reason());
            }
            JsonArray fields = new JsonArray();
            for (FieldChange f : e.fields()) {
                JsonObject field = new JsonObject();
                field.addProperty("field", f.field());
                field.add("base", JsonParser.parseString(f.base()));
                field.add("yours", JsonParser.parseString(f.value()));
                field.add("theirs", f.theirs() == null ? JsonNull.INSTANCE : JsonParser.parseString(f.theirs()));
                fields.add(field);
            }
            o.add("fields", fields);
            list.add(o);
        }
        return new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create().toJson(list) + "\n";
    }

    static String table(List<OutboxEntry> entries) {
        if (entries.isEmpty()) {
            return "No changes waiting.\n";
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-36s  %-20s  %-22s  %-22s  %-8s  %s%n",
                "id", "created", "kind", "target", "status", "what"));
        for (OutboxEntry e : entries) {
            out.append(String.format(Locale.ROOT, "%-36s  %-20s  %-22s  %-22s  %-8s  %s%n", e.id(),
                    e.createdAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), kind(e), target(e), status(e),
                    what(e)));
        }
        long waiting = entries.stream().filter(OutboxEntry::isOutstanding).count();
        long attention = entries.stream().filter(e -> e.status() == OutboxStatus.FAILED
                || e.status() == OutboxStatus.CONFLICT).count();
        out.append(waiting).append(" waiting to send, ").append(attention).append(" to resolve\n");
        return out.toString();
    }

    private static String what(OutboxEntry e) {
        StringBuilder b = new StringBuilder();
        for (FieldChange f : e.fields()) {
            if (b.length() > 0) {
                b.append("; ");
            }
            b.append(f.field()).append(": ").append(f.base()).append(" -> ").append(f.value());
            if (f.theirs() != null) {
                b.append(" (theirs ").append(f.theirs()).append(')');
            }
        }
        if (e.payloadJson() != null) {
            b.append(e.payloadJson());
        }
        if (e.reason() != null) {
            b.append(b.length() > 0 ? " - " : "").append(e.reason());
        }
        return b.toString();
    }
}
