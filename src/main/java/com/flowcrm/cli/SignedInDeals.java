package com.flowcrm.cli;

import com.flowcrm.model.Deal;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/** The deals of a fresh signed-in session: sign in, read the loaded deals on the store thread, sign out. */
final class SignedInDeals implements DealSource {
    private final ServerOptions server;
    private final Map<String, String> environment;
    private final String password;

    SignedInDeals(ServerOptions server, Map<String, String> environment, String password) {
        this.server = server;
        this.environment = environment;
        this.password = password;
    }

    @Override
    public <T> T withDeals(Function<Collection<Deal>, T> reader)
            throws ExecutionException, TimeoutException, InterruptedException {
        try (SignedInSession signedIn = SignedInSession.open(server, environment, password)) {
            T result = signedIn.read(session -> reader.apply(session.root().deals().getDeals()));
            signedIn.logout();
            return result;
        }
    }
}
