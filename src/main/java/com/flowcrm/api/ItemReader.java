package com.flowcrm.api;

import com.google.gson.JsonElement;

/** Reads one JSON element at a path, reporting problems; null when no value could be built. */
@FunctionalInterface
interface ItemReader<T> {
    T read(JsonElement json, String path, MappingProblems p);
}
