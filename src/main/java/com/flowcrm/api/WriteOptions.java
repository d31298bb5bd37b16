package com.flowcrm.api;

/**
 * Per-request options of a write (POST, PUT, PATCH): an {@code Idempotency-Key} that makes a retry harmless on a
 * server that honours it, and an {@code If-Match} version that makes the server refuse (412) a change of a record
 * that changed meanwhile. Either may be null (not sent).
 *
 * @param idempotencyKey the client-made id of the change (a UUID), at most 200 characters
 * @param ifMatch        the version of the record the change was made on, sent as {@code If-Match: "<version>"}
 */
public record WriteOptions(String idempotencyKey, String ifMatch) {
    /** A plain write: no key, no version. */
    public static final WriteOptions NONE = new WriteOptions(null, null);

    public WriteOptions {
        requireHeaderValue(idempotencyKey, "idempotencyKey", 200);
        requireHeaderValue(ifMatch, "ifMatch", 200);
    }

    /** A write with this idempotency key and no version. */
    public static WriteOptions idempotent(String idempotencyKey) {
        return new WriteOptions(idempotencyKey, null);
    }

    /** The same options sent only if the record still has this version. */
    public WriteOptions ifMatch(String version) {
        return new WriteOptions(idempotencyKey, version);
    }

    /** The {@code If-Match} header's value: the version as an entity tag. */
    String ifMatchHeader() {
        return ifMatch == null ? null : "\"" + ifMatch + "\"";
    }

    private static void requireHeaderValue(String value, String name, int maxLength) {
        if (value == null) {
            return;
        }
        if (value.isBlank() || value.length() > maxLength) {
            throw new IllegalArgumentException(name + " must be 1 to " + maxLength + " characters, was '" + value + "'");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '"') {
                throw new IllegalArgumentException(name + " must be printable ASCII without quotes or spaces");
            }
        }
    }
}
