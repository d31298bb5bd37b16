/**
 * The demo Flow CRM backend: the REST subset of {@code rest-api.md} under {@code /api}, the authenticated
 * WebSocket of {@code websocket-connections.md}, seeded demo data, a simulator of colleagues' activity, and the
 * sync protocol of the README (change log with a global {@code seq}, {@code /sync/changes}, {@code X-Sync-Seq},
 * {@code Idempotency-Key}, {@code version} / {@code If-Match}).
 *
 * <p>It shares nothing with the client but the JSON shapes: camelCase fields, instants as ISO-8601 UTC strings,
 * stages by wire name ({@code closed-won}). Start it with {@link com.flowcrm.demo.DemoServer#start} (tests:
 * {@link com.flowcrm.demo.DemoServerConfig#forTests()}, free ports, simulator off, in memory) or with the
 * {@code demo-server} command ({@code --data DIR} keeps the state in SQLite).
 *
 * <p>How a change flows: {@link com.flowcrm.demo.DemoState} (rules in {@code DemoDeals}, {@code DemoContacts})
 * changes the in-memory working set under one lock and numbers the change in the {@code ChangeLog};
 * {@code DemoJournal}, the one writer of the SQLite database ({@code DemoDatabase}, a file with a data directory,
 * in memory without), commits changes in groups and only then broadcasts them ({@code LiveFeed}) and lets the REST
 * answers that wait for them go. Nothing a client was told can be lost by a crash.
 *
 * <p>Scope: one account. Both demo users ({@code demo@flow-crm.local} and {@code manager@flow-crm.local}, password
 * {@code demo}) see and change the same deals and contacts; notifications belong to one user, and their events go
 * only to that user's connections and change feed.
 *
 * <p>Tests drive the server through {@link com.flowcrm.demo.DemoState}: changes made there are logged and
 * broadcast like REST changes, changes made through {@link com.flowcrm.demo.DemoState#silent()} are logged but not
 * broadcast (what a disconnected client misses and catches up on), {@link com.flowcrm.demo.DemoState#refuseNextStageChange}
 * makes the next client stage change fail, {@link com.flowcrm.demo.DemoServer#simulateActivity} applies simulator
 * steps on demand and {@link com.flowcrm.demo.DemoServer#awaitChangesSaved()} waits until they are saved.
 */
package com.flowcrm.demo;
