package com.flowcrm.store;

import com.flowcrm.local.FieldChange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The client's own conflict rule, so it works against any backend: each field of a waiting change is compared with
 * the record the server has now. Server value == the rep's value: it is already there, nothing to send. Server
 * value == the base the rep saw, or a field the rep already chose "keep mine" for: the rep's value is sent. Anything
 * else: a conflict for that field (the other fields still go). Values are compared as JSON texts written by the same writer from the model, so equal values compare equal
 * whatever form the server wrote them in.
 *
 * @param toSend    field to the rep's value (JSON text), for the fields to send
 * @param already   fields the server already has as the rep wants them
 * @param conflicts field to the server's value (JSON text), for the fields in conflict
 */
record FieldCheck(Map<String, String> toSend, List<String> already, Map<String, String> conflicts) {

    /** Checks the change's fields against the server's fields (wire name to JSON text; a missing field is null). */
    static FieldCheck of(List<FieldChange> fields, Map<String, String> server) {
        Map<String, String> send = new LinkedHashMap<>();
        List<String> same = new java.util.ArrayList<>();
        Map<String, String> conflicting = new LinkedHashMap<>();
        for (FieldChange f : fields) {
            String theirs = server.getOrDefault(f.field(), "null");
            if (theirs.equals(f.value())) {
                same.add(f.field());
            } else if (theirs.equals(f.base()) || f.kept()) {
                send.put(f.field(), f.value());
            } else {
                conflicting.put(f.field(), theirs);
            }
        }
        return new FieldCheck(Map.copyOf(send), List.copyOf(same), Map.copyOf(conflicting));
    }

    boolean nothingToSend() {
        return toSend.isEmpty();
    }
}
