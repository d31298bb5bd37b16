package com.flowcrm.store;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

/** Small JSON payloads for the store tests. */
final class Frames {
    private Frames() {
    }

    static JsonElement json(String text) {
        return JsonParser.parseString(text);
    }

    static JsonElement deal(String id, String stage, double value, int probability) {
        return json("{\"id\":\"" + id + "\",\"title\":\"Deal " + id + "\",\"company\":\"Co " + id + "\",\"contactName\":\"Person "
                + id + "\",\"stage\":\"" + stage + "\",\"value\":" + value + ",\"probability\":" + probability
                + ",\"createdDate\":\"2026-01-01T00:00:00Z\"}");
    }

    static JsonElement contact(String id, String name, int score) {
        return json("{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"healthScore\":" + score + "}");
    }
}
