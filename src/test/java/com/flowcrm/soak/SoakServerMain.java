package com.flowcrm.soak;

import com.flowcrm.app.Main;

/**
 * The soak's demo server: {@code FlowCRM demo-server ...} exactly as a user runs it, in a JVM that also exits when
 * the soak that started it is gone ({@link Lifeline}). {@code kill -9} of this JVM is a real kill of the server.
 */
public final class SoakServerMain {
    private SoakServerMain() {
    }

    public static void main(String[] args) {
        Lifeline.exitWhenClosed(System.in);
        Main.main(args);
    }
}
