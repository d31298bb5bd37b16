/**
 * The domain: observable {@link com.flowcrm.model.Deal}, {@link com.flowcrm.model.Contact} and
 * {@link com.flowcrm.model.Notification} (JavaFX properties; a revision that ticks once per applied change), the
 * immutable records they hold (activities, insights, communication, the user) and the enums with their wire names.
 * {@code model.change} describes changes of them. javafx.base only; nothing of the other packages.
 */
package com.flowcrm.model;
