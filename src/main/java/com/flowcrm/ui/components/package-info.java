/**
 * Reusable controls. The connection indicator is a Control ({@link com.flowcrm.ui.components.ConnectionIndicator}),
 * a Skin, a pure presenter ({@link com.flowcrm.ui.components.ConnectionStatusPresenter}: a
 * {@link com.flowcrm.store.ConnectionReport} in, an {@link com.flowcrm.ui.components.IndicatorState} out, on an
 * injectable clock) and its own stylesheet, {@code connection-indicator.css}.
 */
package com.flowcrm.ui.components;
