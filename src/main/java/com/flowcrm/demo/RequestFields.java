package com.flowcrm.demo;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Typed, validating access to the fields of a request body; every violation is a 400 with a message naming the field. */
final class RequestFields {
    private final JsonObject body;

    RequestFields(JsonObject body) {
        this.body = body == null ? new JsonObject() : body;
    }

    /** Parses a request body that must be a JSON object. */
    static RequestFields parse(String text) {
        if (text == null || text.isBlank()) {
            throw DemoRequestException.badRequest("request body must be a JSON object");
        }
        JsonElement element;
        try {
            element = JsonParser.parseString(text);
        } catch (JsonParseException e) {
            throw DemoRequestException.badRequest("request body is not valid JSON");
        }
        if (!element.isJsonObject()) {
            throw DemoRequestException.badRequest("request body must be a JSON object");
        }
        return new RequestFields(element.getAsJsonObject());
    }

    JsonObject asObject() {
        return body;
    }

    boolean has(String name) {
        JsonElement value = body.get(name);
        return value != null && !value.isJsonNull();
    }

    String requiredString(String name) {
        return optionalString(name).filter(s -> !s.isBlank())
                .orElseThrow(() -> DemoRequestException.badRequest(name + " is required"));
    }

    Optional<String> optionalString(String name) {
        if (!has(name)) {
            return Optional.empty();
        }
        JsonElement value = body.get(name);
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw DemoRequestException.badRequest(name + " must be a string");
        }
        return Optional.of(value.getAsString());
    }

    Optional<String> optionalOneOf(String name, Set<String> allowed) {
        Optional<String> value = optionalString(name);
        if (value.isPresent() && !allowed.contains(value.get())) {
            throw DemoRequestException.badRequest(name + " must be one of " + new java.util.TreeSet<>(allowed) + " but was '" + value.get() + "'");
        }
        return value;
    }

    String requiredOneOf(String name, Set<String> allowed) {
        return optionalOneOf(name, allowed).orElseThrow(() -> DemoRequestException.badRequest(name + " is required"));
    }

    Optional<Double> optionalNonNegativeNumber(String name) {
        if (!has(name)) {
            return Optional.empty();
        }
        double number = number(name);
        if (number < 0) {
            throw DemoRequestException.badRequest(name + " must not be negative");
        }
        return Optional.of(number);
    }

    Optional<Integer> optionalPercent(String name) {
        if (!has(name)) {
            return Optional.empty();
        }
        double number = number(name);
        if (number < 0 || number > 100 || number != Math.rint(number)) {
            throw DemoRequestException.badRequest(name + " must be a whole number from 0 to 100");
        }
        return Optional.of((int) number);
    }

    private double number(String name) {
        JsonElement value = body.get(name);
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
            throw DemoRequestException.badRequest(name + " must be a number");
        }
        double number = value.getAsDouble();
        if (Double.isNaN(number) || Double.isInfinite(number)) {
            throw DemoRequestException.badRequest(name + " must be a finite number");
        }
        return number;
    }

    Optional<Boolean> optionalBoolean(String name) {
        if (!has(name)) {
            return Optional.empty();
        }
        JsonElement value = body.get(name);
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isBoolean()) {
            throw DemoRequestException.badRequest(name + " must be true or false");
        }
        return Optional.of(value.getAsBoolean());
    }

    boolean requiredBoolean(String name) {
        return optionalBoolean(name).orElseThrow(() -> DemoRequestException.badRequest(name + " is required"));
    }

    /** Accepts an ISO-8601 instant, a date-time with offset, a date-only string (midnight UTC) or epoch milliseconds. */
    Optional<Instant> optionalDate(String name) {
        if (!has(name)) {
            return Optional.empty();
        }
        JsonElement value = body.get(name);
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
            return Optional.of(Instant.ofEpochMilli(value.getAsLong()));
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw DemoRequestException.badRequest(name + " must be a date");
        }
        return Optional.of(parseDate(name, value.getAsString()));
    }

    Instant requiredDate(String name) {
        return optionalDate(name).orElseThrow(() -> DemoRequestException.badRequest(name + " is required"));
    }

    private static Instant parseDate(String name, String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notDateTime) {
            try {
                return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notDate) {
                throw DemoRequestException.badRequest(name + " is not a date: '" + text + "'");
            }
        }
    }

    Optional<DealStage> optionalStage(String name) {
        return optionalString(name).map(text -> DealStage.fromWire(text).orElseThrow(
                () -> DemoRequestException.badRequest("unknown stage '" + text + "'")));
    }

    DealStage requiredStage(String name) {
        return optionalStage(name).orElseThrow(() -> DemoRequestException.badRequest(name + " is required"));
    }

    Optional<List<String>> optionalStringList(String name) {
        if (!has(name)) {
            return Optional.empty();
        }
        JsonElement value = body.get(name);
        if (!value.isJsonArray()) {
            throw DemoRequestException.badRequest(name + " must be an array of strings");
        }
        List<String> strings = new ArrayList<>();
        for (JsonElement item : value.getAsJsonArray()) {
            if (!item.isJsonPrimitive() || !item.getAsJsonPrimitive().isString()) {
                throw DemoRequestException.badRequest(name + " must be an array of strings");
            }
            strings.add(item.getAsString());
        }
        return Optional.of(strings);
    }

    /** Values go into the outgoing {@code changes} object in the same shape the server stores them. */
    static JsonElement toJson(Object value) {
        if (value instanceof List<?> list) {
            JsonArray array = new JsonArray();
            list.forEach(item -> array.add(DemoJson.GSON.toJsonTree(item)));
            return array;
        }
        if (value instanceof String s) {
            return new JsonPrimitive(s);
        }
        return DemoJson.GSON.toJsonTree(value);
    }
}
