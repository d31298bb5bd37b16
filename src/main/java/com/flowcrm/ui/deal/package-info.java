/**
 * The deal panel: {@link com.flowcrm.ui.deal.DealDetailsPanel} made of {@code DealHeader}, {@code DealOverview},
 * {@code DealEditForm}, {@code ActivityForm} and {@code ActivityTimeline}, each built once and bound to the
 * view-model: {@link com.flowcrm.ui.deal.DealDetailsViewModel} with its {@link com.flowcrm.ui.deal.DealSummary} (what
 * is shown, as texts that change only when they do), {@link com.flowcrm.ui.deal.EditableField}s and the
 * {@link com.flowcrm.ui.deal.ActivityFormModel}.
 */
package com.flowcrm.ui.deal;
