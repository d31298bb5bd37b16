package com.flowcrm.local;

/**
 * Receives the confirmed records one by one while the workspace reads them, so the caller parses each JSON text and
 * drops it: 75 MB of text never has to sit in memory at once.
 */
@FunctionalInterface
public interface RecordSink {
    /** Called on the reading thread for every record, deals first, then contacts, then notifications. */
    void accept(RecordType type, String id, String json);
}
