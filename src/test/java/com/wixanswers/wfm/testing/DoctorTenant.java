package com.wixanswers.wfm.testing;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * A Calabrio tenant and a Wix Answers account on WireMock as the doctor meets them: the WFM API listing its
 * commands and queries, the two Swagger UI pages and their documents, the historical-data API and RTA taking an
 * empty batch with the right keys, and Wix Answers' agent activities. Anything else it is sent answers 404, so a
 * test sees every request in {@link #requests()}.
 */
public final class DoctorTenant {
    public static final String TOKEN = "wfm-token-5d2c8e1a9f";
    public static final String TENANT_KEY = "tenant-key-3b7e0c9d1a";
    public static final String DATA_SOURCE_KEY = "data-source-key-8e2f6b";
    public static final String BUSINESS_UNIT = "928dd0bc-bf40-412e-b970-9b5e015aadea";
    public static final List<String> COMMANDS = List.of("AddPerson", "AddSkillsToPerson", "RemoveSkillsForPerson",
            "SetForecast");
    public static final List<String> QUERIES = List.of("Person/PeopleByEmploymentNumbers",
            "Person/PeopleByIdentities", "Skill/AllSkills", "Scenario/AllScenarios");

    private final String baseUrl;
    private final WireMock tenant;

    /** The tenant on the WireMock server listening on {@code port} of this machine. */
    public DoctorTenant(int port) {
        this.baseUrl = "http://localhost:" + port;
        this.tenant = new WireMock("localhost", port);
    }

    /** The settings of every part against this tenant, and of the tables in {@code database}. */
    public Map<String, String> environment(String databaseUrl) {
        Map<String, String> environment = RealtimeEnvironment.against(baseUrl);
        environment.put("CALABRIO_BASE_URL", baseUrl);
        environment.put("CALABRIO_API_TOKEN", TOKEN);
        environment.put("CALABRIO_BUSINESS_UNIT_ID", BUSINESS_UNIT);
        environment.put("CALABRIO_HISTORICAL_TENANT_KEY", TENANT_KEY);
        environment.put("CALABRIO_DATA_SOURCE_KEY", DATA_SOURCE_KEY);
        environment.put("SQL_CONNECTION_STRING", databaseUrl);
        environment.put("INTERACTIONS_TABLE", "interactions");
        environment.put("FORECASTS_TABLE", "forecasts");
        environment.put("FORECAST_SET_COMMAND", "true");
        return environment;
    }

    /** Every part answering as the integration expects: both documents found from their pages. */
    public DoctorTenant conforming(boolean wfmSwagger2) {
        TenantDocument wfm = TenantDocument.wfm();
        TenantDocument historical = TenantDocument.historical();
        if (wfmSwagger2) {
            pageWithConfiguration("/api/docs/index.html", "v1/swagger.json", wfm.swagger2());
            pageWithInitializer("/historical-data/docs/index.html", "/historical-data/docs/v1/openapi.json",
                    historical.openApi3());
        } else {
            pageWithInitializer("/api/docs/index.html", "/api/docs/v1/openapi.json", wfm.openApi3());
            pageWithConfiguration("/historical-data/docs/index.html", "v1/swagger.json", historical.swagger2());
        }
        return lists(COMMANDS, QUERIES).acceptsEmptyBatches().answers();
    }

    /** The WFM API's lists, its skills, and a 401 for any other token. */
    public DoctorTenant lists(List<String> commands, List<String> queries) {
        tenant.register(get(urlEqualTo("/api/command")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson(result(commands))));
        tenant.register(get(urlEqualTo("/api/query")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson(result(queries))));
        tenant.register(post(urlEqualTo("/api/query/Skill/AllSkills"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(equalToJson("{\"BusinessUnitId\":\"" + BUSINESS_UNIT + "\"}"))
                .willReturn(okJson("{\"Result\":[{\"Id\":\"s-1\",\"Name\":\"Billing\"},{\"Id\":\"s-2\",\"Name\":"
                        + "\"Sales\"}],\"Successful\":true,\"Message\":null}")));
        tenant.register(any(urlPathMatching("/api/(command|query).*")).atPriority(10)
                .willReturn(aResponse().withStatus(401).withBody("{\"Message\":\"Invalid token\"}")));
        return this;
    }

    /** The historical-data API and RTA take a batch without rows or states, with the right keys. */
    public DoctorTenant acceptsEmptyBatches() {
        tenant.register(post(urlPathMatching("/historical-data/api/v1/.*"))
                .withHeader("Authorization", equalTo("Bearer " + TENANT_KEY))
                .withRequestBody(matchingJsonPath("$.DataSourceKey", equalTo(DATA_SOURCE_KEY)))
                .withRequestBody(matchingJsonPath("$.Rows", equalToJson("[]")))
                .willReturn(aResponse().withStatus(200)));
        tenant.register(post(urlEqualTo("/rta"))
                .withRequestBody(equalToJson("{\"AuthenticationKey\":\"" + RealtimeEnvironment.RTA_KEY
                        + "\",\"SourceId\":\"wix-answers\",\"IsSnapshot\":false,\"States\":[]}"))
                .willReturn(aResponse().withStatus(200)));
        return this;
    }

    public DoctorTenant answers() {
        tenant.register(post(urlEqualTo("/rpc"))
                .willReturn(okJson(RpcAnswers.of("agent-1=AVAILABLE", "agent-2=BUSY/CHAT"))));
        return this;
    }

    /** A Swashbuckle page: the document named in the page's own configuration, relative to the page. */
    public DoctorTenant pageWithConfiguration(String page, String relativeDocument, String document) {
        tenant.register(get(urlEqualTo(page)).willReturn(aResponse().withHeader("Content-Type", "text/html")
                .withBody("<!DOCTYPE html>\n<html><head><title>Swagger UI</title></head><body>\n"
                        + "<div id=\"swagger-ui\"></div>\n<script src=\"./swagger-ui-bundle.js\"></script>\n"
                        + "<script>\n  window.onload = function () {\n    var configObject = JSON.parse('{\"urls\":"
                        + "[{\"url\":\"" + relativeDocument + "\",\"name\":\"v1\"}],\"deepLinking\":false}');\n"
                        + "    configObject.dom_id = \"#swagger-ui\";\n    SwaggerUIBundle(configObject);\n  };\n"
                        + "</script>\n</body></html>\n")));
        String directory = page.substring(0, page.lastIndexOf('/') + 1);
        tenant.register(get(urlEqualTo(directory + relativeDocument)).willReturn(okJson(document)));
        return this;
    }

    /** A Swagger UI 4+ page: the document named in the swagger-initializer.js it loads. */
    public DoctorTenant pageWithInitializer(String page, String documentPath, String document) {
        String directory = page.substring(0, page.lastIndexOf('/') + 1);
        tenant.register(get(urlEqualTo(page)).willReturn(aResponse().withHeader("Content-Type", "text/html")
                .withBody("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"UTF-8\">\n"
                        + "<link rel=\"stylesheet\" type=\"text/css\" href=\"./swagger-ui.css\" /></head><body>\n"
                        + "<div id=\"swagger-ui\"></div>\n"
                        + "<script src=\"./swagger-ui-bundle.js\" charset=\"UTF-8\"> </script>\n"
                        + "<script src=\"./swagger-initializer.js\" charset=\"UTF-8\"> </script>\n</body></html>\n")));
        tenant.register(get(urlEqualTo(directory + "swagger-initializer.js")).willReturn(aResponse()
                .withHeader("Content-Type", "application/javascript")
                .withBody("window.onload = function() {\n  window.ui = SwaggerUIBundle({\n    url: \"" + documentPath
                        + "\",\n    dom_id: '#swagger-ui',\n    deepLinking: true\n  });\n};\n")));
        tenant.register(get(urlEqualTo(documentPath)).willReturn(okJson(document)));
        return this;
    }

    /** Every request the tenant was sent, in order. */
    public List<LoggedRequest> requests() {
        return tenant.find(anyRequestedFor(anyUrl()));
    }

    private static String result(List<String> names) {
        return "{\"Result\":[" + String.join(",", names.stream().map(name -> "\"" + name + "\"").toList())
                + "],\"Successful\":true}";
    }
}
