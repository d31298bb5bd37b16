package com.flowcrm.demo;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import io.jsonwebtoken.gson.io.GsonSupplierSerializer;
import io.jsonwebtoken.lang.Supplier;
import java.io.IOException;
import java.time.Instant;

/** The one Gson of the demo backend: camelCase fields, instants as ISO-8601 UTC, nulls omitted. */
final class DemoJson {
    /** Also registers jjwt's Supplier adapter so the same instance signs and parses tokens. */
    static final Gson GSON = new GsonBuilder()
            .disableHtmlEscaping()
            .registerTypeAdapter(Instant.class, new InstantAdapter().nullSafe())
            .registerTypeHierarchyAdapter(Supplier.class, GsonSupplierSerializer.INSTANCE)
            .create();

    private DemoJson() {
    }

    private static final class InstantAdapter extends TypeAdapter<Instant> {
        @Override
        public void write(JsonWriter out, Instant value) throws IOException {
            out.value(value.toString());
        }

        @Override
        public Instant read(JsonReader in) throws IOException {
            return Instant.parse(in.nextString());
        }
    }
}
