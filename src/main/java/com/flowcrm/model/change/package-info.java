/**
 * Plain descriptions of a change, with no JSON in them, so every layer can hold them: the typed partial changes
 * ({@link com.flowcrm.model.change.DealChanges}, {@link com.flowcrm.model.change.ContactChanges} on
 * {@link com.flowcrm.model.change.FieldPatch}) that live events carry and a rep's edits are sent as, the events
 * that carry them ({@link com.flowcrm.model.change.DealUpdate}, {@link com.flowcrm.model.change.ContactUpdate},
 * {@link com.flowcrm.model.change.DealActivityAdded}, {@link com.flowcrm.model.change.DealDeleted},
 * {@link com.flowcrm.model.change.NotificationUpdate}, each with the record's version where the server sends one)
 * and a new activity
 * ({@link com.flowcrm.model.change.NewActivity}). The api maps JSON to and from them; the stores apply them.
 */
package com.flowcrm.model.change;
