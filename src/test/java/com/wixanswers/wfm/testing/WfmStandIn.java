package com.wixanswers.wfm.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * Calabrio's WFM API on WireMock: its skills, a directory of people that answers
 * {@code PeopleByEmploymentNumbers} with those it knows (a person may become known only from the n-th look-up on,
 * as if the admin imported the people file meanwhile; a look-up may be made to fail), and {@code AddSkillsToPerson}
 * taken (or throttled, every n-th command a 429) unless a test stubs it otherwise.
 */
public final class WfmStandIn implements AutoCloseable {
    public static final String TOKEN = "wfm-token-6b1f0e2d9a";
    public static final String BUSINESS_UNIT = "928dd0bc-bf40-412e-b970-9b5e015aadea";
    private static final ObjectMapper JSON = new ObjectMapper();

    public final WireMockServer server;
    private final Map<String, Integer> knownFromLookup = new ConcurrentHashMap<>();
    private final Map<Integer, Integer> failingLookups = new ConcurrentHashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final AtomicInteger commands = new AtomicInteger();
    private volatile int throttleEvery;
    private volatile String throttleRetryAfter;

    public WfmStandIn(String... skills) {
        server = new WireMockServer(wireMockConfig().dynamicPort().extensions(new PeopleDirectory(),
                new Throttle()));
        server.start();
        ArrayNode result = JSON.createArrayNode();
        for (String skill : skills) {
            result.addObject().put("Id", "skill-" + skill.toLowerCase().replace(' ', '-')).put("Name", skill);
        }
        server.stubFor(post(urlEqualTo("/api/query/Skill/AllSkills")).willReturn(okJson(envelope(result))));
        server.stubFor(post(urlEqualTo("/api/query/Person/PeopleByEmploymentNumbers"))
                .willReturn(aResponse().withTransformers(PeopleDirectory.NAME)));
        server.stubFor(post(urlEqualTo("/api/command/AddSkillsToPerson"))
                .willReturn(okJson("{\"Successful\":true,\"Message\":null}").withTransformers(Throttle.NAME)));
    }

    /** Every {@code n}-th {@code AddSkillsToPerson} is answered 429, with this Retry-After (null: none). */
    public WfmStandIn throttleEvery(int n, String retryAfter) {
        throttleEvery = n;
        throttleRetryAfter = retryAfter;
        return this;
    }

    /** The {@code lookup}-th look-up of people (counting from 1) is answered with this HTTP status. */
    public WfmStandIn failLookup(int lookup, int status) {
        failingLookups.put(lookup, status);
        return this;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** Calabrio knows the people with these employment numbers (person id {@code p-<number>}). */
    public WfmStandIn knows(String... employmentNumbers) {
        for (String number : employmentNumbers) {
            knownFromLookup.put(number.toLowerCase(), 1);
        }
        return this;
    }

    /** Calabrio knows this person from its {@code lookup}-th look-up of people on (counting from 1). */
    public WfmStandIn knowsFromLookup(String employmentNumber, int lookup) {
        knownFromLookup.put(employmentNumber.toLowerCase(), lookup);
        return this;
    }

    public int lookups() {
        return lookups.get();
    }

    public int calls() {
        return server.getAllServeEvents().size();
    }

    /** The settings of the WFM API against this stand-in. */
    public Map<String, String> settings() {
        return Map.of("CALABRIO_BASE_URL", baseUrl(), "CALABRIO_API_TOKEN", TOKEN,
                "CALABRIO_BUSINESS_UNIT_ID", BUSINESS_UNIT);
    }

    private static String envelope(JsonNode result) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.set("Result", result);
        envelope.put("Successful", true);
        envelope.putNull("Message");
        return envelope.toString();
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class PeopleDirectory implements ResponseDefinitionTransformerV2 {
        static final String NAME = "people-directory";

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            int lookup = lookups.incrementAndGet();
            Integer failure = failingLookups.get(lookup);
            if (failure != null) {
                return aResponse().withStatus(failure).withBody("{\"Message\":\"unavailable\"}").build();
            }
            ArrayNode people = JSON.createArrayNode();
            try {
                for (JsonNode number : JSON.readTree(serveEvent.getRequest().getBodyAsString())
                        .path("EmploymentNumbers")) {
                    Integer from = knownFromLookup.get(number.asText().toLowerCase());
                    if (from != null && lookup >= from) {
                        people.addObject().put("Id", "p-" + number.asText()).put("EmploymentNumber", number.asText())
                                .put("FirstName", "First").put("LastName", "Last");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody(envelope(people)).build();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }
    }

    /** Answers every n-th command 429, the others as stubbed. */
    private final class Throttle implements ResponseDefinitionTransformerV2 {
        static final String NAME = "throttle";

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            int command = commands.incrementAndGet();
            if (throttleEvery > 0 && command % throttleEvery == 0) {
                var throttled = aResponse().withStatus(429).withBody("{\"Message\":\"rate limit exceeded\"}");
                if (throttleRetryAfter != null) {
                    throttled.withHeader("Retry-After", throttleRetryAfter);
                }
                return throttled.build();
            }
            return serveEvent.getResponseDefinition();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }
    }
}
