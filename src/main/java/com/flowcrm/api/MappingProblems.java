package com.flowcrm.api;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one mapping call; allocates nothing while there are none (the usual case). */
final class MappingProblems {
    private List<MappingProblem> problems;

    void add(String path, String field, String message) {
        add(field == null ? path : path + "." + field, message);
    }

    void add(String path, String message) {
        if (problems == null) {
            problems = new ArrayList<>(2);
        }
        problems.add(new MappingProblem(path, message));
    }

    void addAll(List<MappingProblem> more) {
        for (MappingProblem p : more) {
            add(p.path(), p.message());
        }
    }

    boolean isEmpty() {
        return problems == null;
    }

    int size() {
        return problems == null ? 0 : problems.size();
    }

    List<MappingProblem> list() {
        return problems == null ? List.of() : problems;
    }
}
