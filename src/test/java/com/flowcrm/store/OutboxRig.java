package com.flowcrm.store;

import com.flowcrm.local.OpenedWorkspace;
import com.flowcrm.local.Workspaces;
import com.flowcrm.local.WorkspaceId;
import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealStage;
import com.flowcrm.model.Notification;
import com.flowcrm.model.change.ContactChanges;
import com.flowcrm.model.change.DealChanges;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The stores with a real workspace on disk and a fake server, the sender run by hand: what the outbox tests share.
 * The stores live on a UI thread of their own (the workspace's writer and the sender answer on theirs, as in the
 * app); {@link #ui} runs on it. {@link #restart()} closes everything and opens the same file again, as a new app would.
 */
final class OutboxRig implements AutoCloseable {
    static final WorkspaceId ID = new WorkspaceId("http://fake.test/api", "rep@acme.example");
    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    final FakeCrmApi api = new FakeCrmApi();
    final List<String> refused = new CopyOnWriteArrayList<>();
    final List<String> expired = new CopyOnWriteArrayList<>();
    final Workspaces workspaces;
    final MutableClock clock = new MutableClock(NOW);
    final ExecutorService uiThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "rig-ui"));
    volatile boolean canSend = true;
    RootStore root;
    PendingChanges pending;
    OpenWorkspace workspace;
    SessionCommands commands;

    OutboxRig(Path folder) {
        api.applyWrites = true;
        workspaces = new Workspaces(folder, clock);
        api.deals.add(deal("d1", "Renewal", DealStage.PROSPECT, 1000));
        api.deals.add(deal("d2", "Expansion", DealStage.QUALIFIED, 2000));
        api.deals.add(deal("d3", "Pilot", DealStage.PROPOSAL, 3000));
        Contact c1 = new Contact("c1");
        c1.setName("Pat Buyer");
        c1.setTitle("CTO");
        api.contacts.add(c1);
        api.notifications.add(new Notification("n1", "u1", null, "Hi", "", null, false, null, null,
                NOW.minusSeconds(3600), null));
        api.notifications.add(new Notification("n2", "u1", null, "Hello", "", null, false, null, null,
                NOW.minusSeconds(1800), null));
        open(true);
    }

    static Deal deal(String id, String title, DealStage stage, double value) {
        Deal d = new Deal(id);
        d.setTitle(title);
        d.setStage(stage);
        d.setValue(value);
        d.setProbability(10);
        return d;
    }

    /** Opens the workspace and wires fresh stores to it; {@code fromServer} loads the server's lists (else the disk's). */
    void open(boolean fromServer) {
        root = new RootStore(uiThread, clock);
        pending = new PendingChanges(root);
        OpenedWorkspace opened = workspaces.open(ID);
        workspace = new OpenWorkspace(opened.workspace(), opened.created(), root, pending, () -> api, clock,
                () -> canSend, refused::add);
        ui(() -> {
            workspace.attach();
            return null;
        });
        commands = new SessionCommands(root, () -> api, expired::add, workspace::recorder, () -> false, pending);
        if (fromServer) {
            List<Deal> deals = copies(api.deals);
            List<Contact> contacts = api.contacts.stream().map(c -> {
                Contact copy = new Contact(c.getId());
                ContactChanges.of(c).applyTo(copy);
                return copy;
            }).toList();
            List<Notification> notifications = api.notifications.stream().map(n -> new Notification(n.getId(),
                    n.getUserId(), n.getType(), n.getTitle(), n.getMessage(), n.getPriority(), n.isRead(), null, null,
                    n.getCreatedAt(), null)).toList();
            workspace.copy().replaceAll(deals, contacts, notifications, api.user, java.util.OptionalLong.empty());
            root.completeResync(deals, contacts, notifications, () -> workspace.copy().reloaded());
        } else {
            workspace.launch(loaded -> { });
        }
        settle();
    }

    /** Runs on the stores' thread, after what was queued there, and returns what it made. */
    <T> T ui(Supplier<T> action) {
        try {
            return CompletableFuture.supplyAsync(action, uiThread).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until everything handed to the stores so far is applied. */
    void settle() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        root.dispatcher().submit(() -> done.complete(null));
        done.join();
        ui(() -> null);
    }

    /** A command on the stores' thread; waits for its future (saved in the outbox, or refused). */
    <T> T run(java.util.function.Function<SessionCommands, CompletableFuture<T>> command) throws Exception {
        return await(ui(() -> command.apply(commands)));
    }

    /** The failure of a command (fails the test when it succeeded). */
    Throwable failureOf(java.util.function.Function<SessionCommands, CompletableFuture<?>> command) {
        return failure(ui(() -> command.apply(commands)));
    }

    static List<Deal> copies(List<Deal> deals) {
        return deals.stream().map(d -> {
            Deal copy = new Deal(d.getId());
            DealChanges.of(d).applyTo(copy);
            return copy;
        }).toList();
    }

    /** One pass of the sender on this thread; what it reported is applied in the stores before this returns. */
    OutboxSender.PassResult send() throws InterruptedException {
        OutboxSender.PassResult result = workspace.sender().sendNow(Duration.ofSeconds(5));
        settle();
        return result;
    }

    /** The app closes (everything handed over is committed) and starts again on the same file, from disk. */
    void restart() {
        ui(() -> {
            workspace.detach();
            return null;
        });
        workspace.close();
        open(false);
    }

    /** The deal as the store shows it (read on the stores' thread: a copy of its values). */
    Deal shown(String id) {
        return ui(() -> {
            Deal d = root.deals().byId(id);
            if (d == null) {
                return null;
            }
            Deal copy = new Deal(id);
            DealChanges.of(d).applyTo(copy);
            return copy;
        });
    }

    List<PendingChange> pendingList() {
        return ui(() -> List.copyOf(pending.changes()));
    }

    Deal server(String id) {
        return api.deals.stream().filter(d -> d.getId().equals(id)).findFirst().orElseThrow();
    }

    static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    static Throwable failure(CompletableFuture<?> future) {
        return com.flowcrm.common.Failures.unwrap(future.handle((value, error) -> error).join());
    }

    @Override
    public void close() {
        workspace.close();
        uiThread.shutdownNow();
    }
}
