package com.flowcrm.api;

import java.util.List;

/**
 * The nested lists of one record (a contact's communication history, a deal's activities...) already mapped from a
 * stream by {@link RecordReader}, by field ordinal, for the record's rule to take in its own order of fields.
 */
final class NestedLists {
    /** One list: its records, the problems met while mapping them and a rule's failure, if one threw. */
    record Mapped(List<Object> values, List<MappingProblem> problems, RuntimeException failure) {
    }

    private final Mapped[] byField;

    NestedLists(int fields) {
        byField = new Mapped[fields];
    }

    void put(int field, Mapped list) {
        byField[field] = list;
    }

    void remove(int field) {
        byField[field] = null;
    }

    /** True when the field's list came mapped from the stream (the field's tree slot is then empty). */
    static boolean has(NestedLists lists, Enum<?> field) {
        return lists != null && lists.byField[field.ordinal()] != null;
    }

    /**
     * The field's records; its problems are reported now, where the tree's would be, and a failure is thrown now, as
     * mapping the tree would have thrown it here.
     */
    @SuppressWarnings("unchecked")
    <E> List<E> take(Enum<?> field, MappingProblems p) {
        Mapped list = byField[field.ordinal()];
        if (!list.problems().isEmpty()) {
            p.addAll(list.problems());
        }
        if (list.failure() != null) {
            throw list.failure();
        }
        return (List<E>) (List<?>) list.values();
    }
}
