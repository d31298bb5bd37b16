/**
 * The demo Flow CRM backend: the REST subset of {@code rest-api.md} under {@code /api}, the authenticated
 * WebSocket of {@code websocket-connections.md}, seeded demo data and a simulator of colleagues' activity.
 *
 * <p>It shares nothing with the client but the JSON shapes: camelCase fields, instants as ISO-8601 UTC strings,
 * stages by wire name ({@code closed-won}). Start it with {@link com.flowcrm.demo.DemoServer#start} (tests:
 * {@link com.flowcrm.demo.DemoServerConfig#forTests()}, free ports, simulator off) or with the {@code demo-server}
 * command.
 *
 * <p>Scope: one account. Both demo users ({@code demo@flow-crm.local} and {@code manager@flow-crm.local}, password
 * {@code demo}) see and change the same deals and contacts, and every change is broadcast to every open WebSocket;
 * notifications belong to one user, and {@code notification:new} goes only to that user's connections. Deleting a
 * deal and marking a notification read have no event in the protocol and are not broadcast.
 *
 * <p>Tests drive the server through {@link com.flowcrm.demo.DemoState}: changes made there are broadcast like REST
 * changes, changes made through {@link com.flowcrm.demo.DemoState#silent()} are not (what a disconnected client
 * misses), {@link com.flowcrm.demo.DemoState#refuseNextStageChange} makes the next client stage change fail, and
 * {@link com.flowcrm.demo.DemoServer#simulateActivity} applies simulator steps on demand.
 */
package com.flowcrm.demo;
