package com.flowcrm.store;

/** Told, on the UI thread, of the deals' or contacts' records whose confirmed server state changed or was removed. */
interface ConfirmedListener {
    void changed(String id);

    void removed(String id);
}
