package com.flowcrm.demo;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh test server per test, a REST client for it and the demo user's access token. */
abstract class LoggedInServerTest {
    protected DemoServer server;
    protected RestCalls rest;
    protected String token;

    @BeforeEach
    void startServerAndLogIn() {
        server = DemoServer.start(DemoServerConfig.forTests());
        rest = new RestCalls(server.apiUrl());
        token = rest.loginToken(DemoServer.DEMO_EMAIL);
    }

    @AfterEach
    void stopServer() {
        rest.close();
        server.close();
    }
}
