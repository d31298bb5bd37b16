package com.flowcrm.ui;

/** Switches the main window to a view and reveals one item in it. */
public interface Navigator {
    void showDeal(String dealId);

    void showContact(String contactId);
}
