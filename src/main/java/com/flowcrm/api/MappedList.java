package com.flowcrm.api;

import java.util.List;
import java.util.stream.Collectors;

/** The result of mapping a JSON array: the items that could be built, and the problems of all items. */
public record MappedList<T>(List<T> values, List<MappingProblem> problems, int skipped) {
    public MappedList {
        values = List.copyOf(values);
        problems = List.copyOf(problems);
    }

    public boolean isClean() {
        return problems.isEmpty();
    }

    /** All problems on one line, for a log message. */
    public String describeProblems() {
        return problems.stream().map(MappingProblem::toString).collect(Collectors.joining("; "));
    }
}
