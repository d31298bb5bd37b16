package com.flowcrm.ui;

import com.flowcrm.store.DealFocus;

/** Switches the main window to a view and reveals one item in it. */
public interface Navigator {
    void showDeal(String dealId);

    void showContact(String contactId);

    /** Opens the pipeline showing exactly these deals, named on a chip that clears the focus. */
    void showDeals(DealFocus focus);
}
