package com.flowcrm.cli;

import com.flowcrm.local.WorkspaceId;
import com.flowcrm.model.Deal;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/** The deals of the user's local copy, with no network ({@code report --offline}); the rep's waiting changes included. */
final class LocalDeals implements DealSource {
    private final ServerOptions server;
    private final Map<String, String> environment;
    private final LocalFiles files;

    private final java.util.function.Consumer<String> notes;

    LocalDeals(ServerOptions server, Map<String, String> environment, LocalFiles files,
            java.util.function.Consumer<String> notes) {
        this.notes = notes;
        this.server = server;
        this.environment = environment;
        this.files = files;
    }

    @Override
    public <T> T withDeals(Function<Collection<Deal>, T> reader)
            throws ExecutionException, TimeoutException, InterruptedException {
        try (LocalSession local = LocalSession.create(server, environment, files, notes)) {
            if (!local.openLocalCopy()) {
                throw new CommandFailures.NoLocalCopy(PendingCommand.noLocalCopy(
                        new WorkspaceId(server.apiUrl(environment), server.email)));
            }
            return local.read(session -> reader.apply(session.root().deals().getDeals()));
        }
    }
}
