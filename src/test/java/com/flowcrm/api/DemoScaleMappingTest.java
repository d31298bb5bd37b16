package com.flowcrm.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.demo.DemoServer;
import com.flowcrm.demo.DemoServerConfig;
import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.google.gson.JsonParser;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The size, 10,000 deals and 50,000 contacts from the demo backend: the lists the app streams in (gzipped)
 * and the same text streamed without compression both equal, record by record and field by field, what the tree
 * mapper makes of the uncompressed text.
 */
class DemoScaleMappingTest {
    private static DemoServer demo;
    private static FlowApiClient client;
    private static ExecutorService http;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoServer.start(DemoServerConfig.forTests().withData(10_000, 50_000, 20_260_301L));
        http = Executors.newCachedThreadPool();
        client = new FlowApiClient(demo.apiUrl(), http);
        client.login(DemoServer.MANAGER_EMAIL, DemoServer.DEMO_PASSWORD).get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        if (demo != null) {
            demo.close();
        }
        http.shutdownNow();
    }

    /** The list as plain text, asked for without compression. */
    private static String plainText(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(demo.apiUrl() + path))
                .header("Authorization", "Bearer " + client.tokens().accessToken()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
        return response.body();
    }

    @Test
    void tenThousandDealsStreamedGzippedOrPlainAreTheTreesDeals() throws Exception {
        MappedList<Deal> streamed = client.deals().get(2, TimeUnit.MINUTES);
        String text = plainText("/deals");
        MappedList<Deal> tree = JsonMapper.create().deals(JsonParser.parseString(text));

        assertThat(tree.values()).hasSize(10_000);
        SameRecords.assertSameDeals(streamed, tree);
        SameRecords.assertSameDeals(JsonMapper.create().streamDeals(new StringReader(text)), tree);
    }

    @Test
    void fiftyThousandContactsStreamedGzippedOrPlainAreTheTreesContacts() throws Exception {
        MappedList<Contact> streamed = client.contacts().get(2, TimeUnit.MINUTES);
        String text = plainText("/contacts");
        MappedList<Contact> tree = JsonMapper.create().contacts(JsonParser.parseString(text));

        assertThat(tree.values()).hasSize(50_000);
        // the comparison covers the nested records too
        assertThat(tree.values()).anySatisfy(c -> assertThat(c.getCommunicationHistory()).isNotEmpty())
                .anySatisfy(c -> assertThat(c.getAiInsights()).isNotEmpty());
        SameRecords.assertSameContacts(streamed, tree);
        SameRecords.assertSameContacts(JsonMapper.create().streamContacts(new StringReader(text)), tree);
    }
}
