package com.flowcrm.cli;

import com.flowcrm.common.Failures;
import com.flowcrm.local.OutboxEntry;
import com.flowcrm.local.WorkspaceId;
import com.flowcrm.local.Workspaces;
import com.flowcrm.model.ActivityType;
import com.flowcrm.model.DealStage;
import com.flowcrm.model.Priority;
import com.flowcrm.model.WireEnum;
import com.flowcrm.model.change.DealChanges;
import com.flowcrm.model.change.NewActivity;
import com.flowcrm.store.PendingChange;
import com.flowcrm.store.SendSummary;
import com.flowcrm.store.SessionStore;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code deal stage|update|log-activity}: a change to a deal, recorded in the user's local copy and its outbox exactly
 * as the window records it (checked the same way, with the value the local copy shows as its base), then sent at once
 * when the server answers; otherwise it waits for the next sync.
 */
@Command(name = "deal", mixinStandardHelpOptions = true,
        subcommands = {DealCommand.Stage.class, DealCommand.Update.class, DealCommand.LogActivity.class},
        description = {"Change a deal in the local copy and its outbox; it is sent at once when the server answers,",
            "else 'queued: will be sent by the next sync' (exit 0).",
            "Exit codes: 0 saved (sent or queued), 2 usage or a value the change refuses, 3 no local copy for this",
            "user and server yet (sign in once with the network), 5 the server refused it or it is in conflict."})
public final class DealCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return CommandFailures.usage(spec, "Name what to change: stage, update or log-activity.");
    }

    /** What the local copy and the server did with the deal change; shared by the three subcommands. */
    abstract static class DealChange implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DEAL_ID", description = "The deal's id.")
        String dealId;

        @Mixin
        ServerOptions server;

        @Spec
        CommandSpec spec;

        private final Map<String, String> environment;
        private final LocalFiles files;

        DealChange(Map<String, String> environment, LocalFiles files) {
            this.environment = environment;
            this.files = files;
        }

        /** The change, checked on this thread before anything is opened: its command on the store thread. */
        abstract Function<SessionStore, CompletableFuture<?>> change();

        @Override
        public Integer call() {
            Function<SessionStore, CompletableFuture<?>> change;
            try {
                change = change();
            } catch (IllegalArgumentException e) {
                return CommandFailures.usage(spec, e.getMessage());
            }
            return CommandFailures.guard(spec, spec.qualifiedName(), server.verbose, () -> {
                try (LocalSession local = LocalSession.create(server, environment, files, CommandOutput.notes(spec))) {
                    if (!local.hasLocalCopy() || !local.openLocalCopy()) {
                        WorkspaceId id = new WorkspaceId(server.apiUrl(environment), server.email);
                        return CommandFailures.fail(spec, ExitCode.AUTH_FAILED, PendingCommand.noLocalCopy(id));
                    }
                    if (local.read(s -> s.root().deals().byId(dealId)) == null) {
                        return CommandFailures.usage(spec, "There is no deal " + dealId + " in the local copy.");
                    }
                    Set<java.util.UUID> before = local.read(s -> ids(s));
                    try {
                        local.run(s -> change.apply(s));
                    } catch (ExecutionException e) {
                        Throwable cause = Failures.unwrap(e);
                        return CommandFailures.usage(spec, cause.getMessage());
                    }
                    Optional<PendingChange> made = local.read(s -> s.pendingChanges().changes().stream()
                            .filter(c -> !before.contains(c.id())).findFirst());
                    if (made.isEmpty()) {
                        CommandOutput.line(spec, "nothing to change: the deal already has these values");
                        return ExitCode.OK;
                    }
                    return sendOrQueue(local, made.get());
                }
            });
        }

        private static Set<java.util.UUID> ids(SessionStore s) {
            return s.pendingChanges().changes().stream().map(PendingChange::id)
                    .collect(java.util.stream.Collectors.toSet());
        }

        private int sendOrQueue(LocalSession local, PendingChange made)
                throws ExecutionException, java.util.concurrent.TimeoutException, InterruptedException {
            String password = server.password(environment);
            if (local.signIn(password) != LocalSession.SignIn.SIGNED_IN) {
                return queued();
            }
            SendSummary summary = local.send();
            if (!summary.ran()) {
                return queued();
            }
            WorkspaceId id = new WorkspaceId(server.apiUrl(environment), server.email);
            try (var workspace = files.workspaces().open(id).workspace()) {
                Optional<OutboxEntry> left = workspace.outbox().find(made.id());
                if (left.isEmpty()) {
                    CommandOutput.line(spec, "sent");
                    return ExitCode.OK;
                }
                return switch (left.get().status()) {
                    case FAILED -> CommandFailures.fail(spec, ExitCode.PENDING, "refused by the server: "
                            + left.get().reason() + " (see 'pending'; it stays there until you retry or discard it)");
                    case CONFLICT -> CommandFailures.fail(spec, ExitCode.PENDING, "in conflict with a change on the "
                            + "server (see 'pending resolve " + made.id() + " --keep mine|theirs')");
                    default -> queued();
                };
            }
        }

        private int queued() {
            CommandOutput.line(spec, "queued: will be sent by the next sync");
            return ExitCode.OK;
        }
    }

    /** {@code deal stage DEAL_ID STAGE}. */
    @Command(name = "stage", mixinStandardHelpOptions = true, description = "Move a deal to another stage.")
    static final class Stage extends DealChange {
        @Parameters(index = "1", paramLabel = "STAGE",
                description = "prospect, qualified, proposal, negotiation, closed-won or closed-lost.")
        String stage;

        Stage(Map<String, String> environment, LocalFiles files) {
            super(environment, files);
        }

        @Override
        Function<SessionStore, CompletableFuture<?>> change() {
            DealStage target = WireEnum.parse(DealStage.class, stage).orElseThrow(() -> new IllegalArgumentException(
                    "Unknown stage '" + stage + "': use prospect, qualified, proposal, negotiation, closed-won or closed-lost."));
            return s -> s.commands().changeStage(dealId, target);
        }
    }

    /** {@code deal update DEAL_ID --set field=value ...}: the fields the details panel edits. */
    @Command(name = "update", mixinStandardHelpOptions = true,
            description = {"Change fields of a deal: --set title=TEXT, --set value=AMOUNT, --set priority=low|medium|high,",
                "--set expectedCloseDate=YYYY-MM-DD (or 'none' to clear it); --set may be given several times."})
    static final class Update extends DealChange {
        static final Set<String> FIELDS = Set.of("title", "value", "priority", "expectedCloseDate");

        @Option(names = "--set", required = true, paramLabel = "FIELD=VALUE", description = "A field and its new value.")
        List<String> assignments;

        Update(Map<String, String> environment, LocalFiles files) {
            super(environment, files);
        }

        @Override
        Function<SessionStore, CompletableFuture<?>> change() {
            DealChanges changes = new DealChanges();
            for (String assignment : assignments) {
                int eq = assignment.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--set takes FIELD=VALUE, not '" + assignment + "'.");
                }
                String field = assignment.substring(0, eq).trim();
                String value = assignment.substring(eq + 1).trim();
                switch (field) {
                    case "title" -> changes.title(value);
                    case "value" -> changes.value(amount(value));
                    case "priority" -> changes.priority(WireEnum.parse(Priority.class, value).orElseThrow(() ->
                            new IllegalArgumentException("Unknown priority '" + value + "': use low, medium or high.")));
                    case "expectedCloseDate" -> changes.expectedCloseDate(value.isEmpty() || value.equals("none") ? null
                            : date(value, "expectedCloseDate"));
                    default -> throw new IllegalArgumentException("Unknown field '" + field + "': --set takes "
                            + String.join(", ", FIELDS.stream().sorted().toList()) + ".");
                }
            }
            return s -> s.commands().updateDeal(dealId, changes);
        }

        private static double amount(String text) {
            try {
                double amount = Double.parseDouble(text.replace(",", ""));
                if (!Double.isFinite(amount) || amount < 0) {
                    throw new NumberFormatException();
                }
                return amount;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("value must be an amount of 0 or more, not '" + text + "'.");
            }
        }
    }

    /** {@code deal log-activity DEAL_ID --type call|email|meeting|note --description TEXT [--date ISO]}. */
    @Command(name = "log-activity", mixinStandardHelpOptions = true, description = "Log an activity on a deal.")
    static final class LogActivity extends DealChange {
        @Option(names = "--type", required = true, paramLabel = "call|email|meeting|note", description = "What it was.")
        String type;

        @Option(names = "--description", required = true, paramLabel = "TEXT", description = "What happened.")
        String description;

        @Option(names = "--date", paramLabel = "ISO",
                description = "When: 2026-03-15 or 2026-03-15T14:30:00Z (default: now).")
        String date;

        LogActivity(Map<String, String> environment, LocalFiles files) {
            super(environment, files);
        }

        @Override
        Function<SessionStore, CompletableFuture<?>> change() {
            ActivityType kind = WireEnum.parse(ActivityType.class, type).orElseThrow(() -> new IllegalArgumentException(
                    "Unknown activity type '" + type + "': use call, email, meeting or note."));
            Instant when = date == null ? Instant.now() : date(date, "--date");
            NewActivity activity = new NewActivity(kind, when, description, null, null);
            return s -> s.commands().logActivity(dealId, activity);
        }
    }

    /** A date as YYYY-MM-DD (the start of the day, UTC) or an ISO date-time with an offset. */
    static Instant date(String text, String what) {
        try {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notADay) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(what + " must be a date like 2026-03-15 or 2026-03-15T14:30:00Z, not '"
                        + text + "'.");
            }
        }
    }

}
