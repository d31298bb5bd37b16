/**
 * The pieces every view is built from, so the board, the contacts and the details panels look and read alike:
 * {@link com.flowcrm.ui.kit.ViewChrome} (title row, filter chips, search, icon buttons),
 * {@link com.flowcrm.ui.kit.DetailsLayout} (sections, figures, notes, insight cards),
 * {@link com.flowcrm.ui.kit.DisplayFormats} (money, dates, ages, labels, failure reasons), and the highlight of
 * what someone else changed ({@link com.flowcrm.ui.kit.RecentChanges} by id, {@link com.flowcrm.ui.kit.FlashEffect}
 * on a node).
 */
package com.flowcrm.ui.kit;
