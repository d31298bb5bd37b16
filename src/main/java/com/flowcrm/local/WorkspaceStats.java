package com.flowcrm.local;

/**
 * Counters of the writer, for tests, the benchmark and {@code doctor}: transactions committed and failed, records
 * written (each coalesced write once), and records waiting to be written right now.
 */
public record WorkspaceStats(long transactions, long failedTransactions, long recordsWritten, int pendingRecords) {
}
