package com.flowcrm.cli;

import com.flowcrm.model.Deal;
import java.util.Collection;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Where {@code report} reads its deals: the stores of a signed-in session ({@link SignedInDeals}) today; the local
 * workspace for {@code --offline} once it exists. The report's rules and formats do not care which.
 */
interface DealSource {
    /**
     * Calls the reader once with the deals, on the thread that owns them (it must not keep them), and returns what
     * it made. Failures come as the exceptions {@link CommandFailures#guard} turns into exit codes.
     */
    <T> T withDeals(Function<Collection<Deal>, T> reader) throws ExecutionException, TimeoutException, InterruptedException;
}
