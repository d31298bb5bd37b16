package com.flowcrm.api;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The result of mapping one JSON value: the value (absent when a required field was missing or bad) and the
 * problems found on the way (an optional field that was bad is left out of the value and reported here).
 */
public final class Mapped<T> {
    private final T value;
    private final List<MappingProblem> problems;

    private Mapped(T value, List<MappingProblem> problems) {
        this.value = value;
        this.problems = problems;
    }

    public static <T> Mapped<T> of(T value, List<MappingProblem> problems) {
        return new Mapped<>(value, List.copyOf(problems));
    }

    public static <T> Mapped<T> clean(T value) {
        return new Mapped<>(value, List.of());
    }

    public static <T> Mapped<T> failed(List<MappingProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a failed mapping names at least one problem");
        }
        return new Mapped<>(null, List.copyOf(problems));
    }

    public static <T> Mapped<T> failed(String path, String message) {
        return new Mapped<>(null, List.of(new MappingProblem(path, message)));
    }

    /** The mapped value, or null when it could not be built. */
    public T value() {
        return value;
    }

    public Optional<T> toOptional() {
        return Optional.ofNullable(value);
    }

    public boolean isPresent() {
        return value != null;
    }

    /** True when the value was built and no field was bad: what a live event needs to be applied. */
    public boolean isClean() {
        return value != null && problems.isEmpty();
    }

    public List<MappingProblem> problems() {
        return problems;
    }

    /** All problems on one line, for a log message or an error shown to the user. */
    public String describeProblems() {
        return problems.stream().map(MappingProblem::toString).collect(Collectors.joining("; "));
    }

    @Override
    public String toString() {
        return problems.isEmpty() ? "Mapped[" + value + "]" : "Mapped[" + value + ", " + describeProblems() + "]";
    }
}
