package com.flowcrm.store;

import com.flowcrm.model.CommunicationEvent;
import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealActivity;
import java.util.List;

/**
 * What the server said back about a change of the rep's, for the stores: the record as it has it now (null when it
 * did not say), the activity or communication it stored, the notifications it has read. Read on the sender thread,
 * applied on the UI thread as confirmed state.
 */
record ServerAnswer(Deal deal, Contact contact, DealActivity activity, CommunicationEvent communication,
        List<String> readNotifications) {
    ServerAnswer {
        readNotifications = List.copyOf(readNotifications);
    }
}
