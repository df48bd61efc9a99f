package com.wixanswers.wfm.doctor;

import com.wixanswers.wfm.testing.TenantDocument;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Finding and reading a tenant's API document, and finding a request's POST in it, as tenants write them. */
class ApiDocumentTest {
    private static final URI PAGE = URI.create("https://tenant.teleopticloud.com/api/docs/index.html");

    @Test
    void aSwagger2BodyWithoutConsumesStillDescribesTheRequest() throws Exception {
        ApiDocument document = ApiDocument.parse("""
                {"swagger": "2.0", "info": {"title": "t", "version": "1"}, "basePath": "/api",
                 "paths": {"/command/AddSkillsToPerson": {"post": {
                   "parameters": [{"in": "body", "name": "c", "schema": {"$ref": "#/definitions/Dto"}}],
                   "responses": {"200": {"description": "OK"}}}}},
                 "definitions": {"Dto": {"type": "object", "properties": {"PersonId": {"type": "string"}}}}}
                """, "file.json");

        ApiDocument.Post post = document.post("/api/command/AddSkillsToPerson").orElseThrow();
        assertNotNull(ApiDocument.requestSchema(post.operation()));
        assertEquals(List.of("PersonId"), List.copyOf(ApiDocument.requestSchema(post.operation()).getProperties()
                .keySet()));
    }

    @Test
    void aPathIsFoundExactlyElseInAnotherCaseElseThroughATemplate() throws Exception {
        ApiDocument document = ApiDocument.parse(new TenantDocument("/api")
                .schema("Any", "BusinessUnitId")
                .post("/Command/AddSkillsToPerson", "Any")
                .post("/query/{resultType}/{queryName}", "Any")
                .openApi3(), "doc.json");

        ApiDocument.Post otherCase = document.post("/api/command/AddSkillsToPerson").orElseThrow();
        assertTrue(otherCase.otherCase());
        assertEquals("/api/Command/AddSkillsToPerson", otherCase.path());
        ApiDocument.Post templated = document.post("/api/query/Skill/AllSkills").orElseThrow();
        assertTrue(templated.templated());
        assertFalse(document.post("/api/command/SetForecast").isPresent());
        assertFalse(document.post("/api/query/Skill").isPresent(), "a template's segment is one segment");
    }

    @Test
    void anAbsoluteServerUrlGivesItsPath() throws Exception {
        ApiDocument document = ApiDocument.parse(new TenantDocument("https://tenant.teleopticloud.com/historical-data"
                + "/api/v1/").schema("Batch", "Rows:string[]").post("/queue-stats", "Batch").openApi3(), "doc.json");

        assertTrue(document.post("/historical-data/api/v1/queue-stats").isPresent());
    }

    @Test
    void thePageNamesItsDocumentSkippingTheSampleAndEachCandidateIsTried() throws Exception {
        String document = TenantDocument.wfm().openApi3();
        List<URI> fetched = new ArrayList<>();
        Map<String, String> served = Map.of(
                PAGE.toString(), "<script>const ui = SwaggerUIBundle({urls: [{url: \"https://petstore.swagger.io/v2/"
                        + "swagger.json\", name: \"sample\"}, {url: \"v0/broken.json\", name: \"old\"}, {url: \"v1/"
                        + "openapi.json\", name: \"v1\"}]})</script>",
                "https://tenant.teleopticloud.com/api/docs/v0/broken.json", "{\"openapi\": ",
                "https://tenant.teleopticloud.com/api/docs/v1/openapi.json", document);

        ApiDocument found = ApiDocument.discover(PAGE, uri -> {
            fetched.add(uri);
            return served.get(uri.toString());
        });

        assertEquals("https://tenant.teleopticloud.com/api/docs/v1/openapi.json", found.location());
        assertTrue(fetched.stream().noneMatch(uri -> uri.getHost().contains("petstore")), fetched.toString());
    }

    @Test
    void aPageThatNamesNoDocumentSaysSo() {
        Map<String, String> served = Map.of(PAGE.toString(), "<html><body>Sign in</body></html>",
                "https://tenant.teleopticloud.com/api/docs/swagger-initializer.js", "window.onload = () => {};");

        ApiDocument.Unreadable unreadable = assertThrows(ApiDocument.Unreadable.class,
                () -> ApiDocument.discover(PAGE, uri -> served.get(uri.toString())));

        assertTrue(unreadable.getMessage().contains("names no API document"), unreadable.getMessage());
    }
}
