/**
 * The REST side: {@link com.flowcrm.api.CrmApi} (the calls of {@code spec/rest-api.md} answering with the model,
 * writes with {@link com.flowcrm.api.WriteOptions}, failures as {@link com.flowcrm.api.ApiException} with a kind
 * and the HTTP status, lists with the {@code X-Sync-Seq} they reflect, a page of the change log as a
 * {@link com.flowcrm.api.ChangePage}), implemented by {@link com.flowcrm.api.FlowApiClient} on {@code java.net.http} (its HTTP
 * plumbing in {@code RestTransport}); and the one tolerant {@link com.flowcrm.api.JsonMapper} between the backend's
 * JSON and the model (readers in {@code ModelReaders}, live event payloads in {@code EventPayloads}, writing in
 * {@code JsonMapperWriter}). Depends on the model and common only; the stores never see JSON.
 */
package com.flowcrm.api;
