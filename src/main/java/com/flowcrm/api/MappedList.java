package com.flowcrm.api;

import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * The result of mapping a JSON array: the items that could be built, the problems of all items, and, for a list
 * the server answered with an {@code X-Sync-Seq} header (issue 13), the seq of the latest change the list reflects.
 */
public record MappedList<T>(List<T> values, List<MappingProblem> problems, int skipped, OptionalLong syncSeq) {
    public MappedList {
        values = List.copyOf(values);
        problems = List.copyOf(problems);
        syncSeq = syncSeq == null ? OptionalLong.empty() : syncSeq;
    }

    /** A list without a seq: a server without a change log, or a list that did not come from one. */
    public MappedList(List<T> values, List<MappingProblem> problems, int skipped) {
        this(values, problems, skipped, OptionalLong.empty());
    }

    /** The same list, known to reflect every change up to {@code seq}. */
    public MappedList<T> withSyncSeq(long seq) {
        return new MappedList<>(values, problems, skipped, OptionalLong.of(seq));
    }

    public boolean isClean() {
        return problems.isEmpty();
    }

    /** All problems on one line, for a log message. */
    public String describeProblems() {
        return problems.stream().map(MappingProblem::toString).collect(Collectors.joining("; "));
    }
}
