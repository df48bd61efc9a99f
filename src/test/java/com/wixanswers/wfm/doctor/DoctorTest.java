package com.wixanswers.wfm.doctor;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.wixanswers.wfm.Integration;
import com.wixanswers.wfm.config.Settings;
import com.wixanswers.wfm.config.SettingsException;
import com.wixanswers.wfm.demo.ForecastsSchema;
import com.wixanswers.wfm.sql.Database;
import com.wixanswers.wfm.sql.TableName;
import com.wixanswers.wfm.testing.DoctorTenant;
import com.wixanswers.wfm.testing.RealtimeEnvironment;
import com.wixanswers.wfm.testing.TenantDocument;
import com.wixanswers.wfm.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The doctor against WireMock tenants and H2 tables: a conforming tenant reads ok on every line with nothing sent,
 * and each kind of difference is named on its own line.
 */
class DoctorTest {
    @RegisterExtension
    static WireMockExtension calabrio = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final DoctorTenant tenant = new DoctorTenant(calabrio.getPort());
    private TestDatabase database;

    @BeforeEach
    void tables() throws SQLException {
        database = new TestDatabase();
        ForecastsSchema.create(database.connection(), new TableName("forecasts"));
    }

    @AfterEach
    void close() throws SQLException {
        database.close();
    }

    private DoctorReport doctor(Map<String, String> environment, Doctor.Options options) {
        try (Integration integration = Integration.fromEnvironment(environment)
                .peerPolicies(policy -> policy.withWaits(Duration.ofMillis(10), Duration.ofMillis(50),
                        Duration.ofSeconds(2)))
                .build()) {
            return integration.doctor().run(options);
        }
    }

    private DoctorReport doctor() {
        return doctor(tenant.environment(database.url()), Doctor.Options.none());
    }

    private static Check line(DoctorReport report, String part, String what) {
        return report.checks().stream().filter(check -> check.part().equals(part) && check.what().equals(what))
                .findFirst().orElseThrow(() -> new AssertionError("no line " + part + " / " + what + " in\n"
                        + report.text()));
    }

    private static void assertLine(DoctorReport report, String part, String what, Check.Status status,
                                   String... details) {
        Check check = line(report, part, what);
        assertEquals(status, check.status(), report.text());
        for (String detail : details) {
            assertTrue(check.detail().contains(detail), "'" + detail + "' not in: " + check.detail());
        }
    }

    /** What the doctor sent: only reads, and batches with no row and no state. */
    private void assertNothingWasSent() {
        for (LoggedRequest request : tenant.requests()) {
            String path = request.getUrl();
            boolean read = request.getMethod().getName().equals("GET");
            boolean query = path.startsWith("/api/query/");
            boolean emptyHistorical = path.startsWith("/historical-data/api/v1/")
                    && request.getBodyAsString().contains("\"Rows\":[]");
            boolean emptyRta = path.equals("/rta") && request.getBodyAsString().contains("\"States\":[]");
            boolean answers = path.equals("/rpc");
            assertTrue(read || query || emptyHistorical || emptyRta || answers, "the doctor sent "
                    + request.getMethod() + " " + path + " " + request.getBodyAsString());
        }
    }

    private void assertNoSecretIn(DoctorReport report) {
        for (String secret : List.of(DoctorTenant.TOKEN, DoctorTenant.TENANT_KEY, DoctorTenant.DATA_SOURCE_KEY,
                RealtimeEnvironment.RTA_KEY, RealtimeEnvironment.ANSWERS_TOKEN)) {
            assertFalse(report.text().contains(secret) || report.json().contains(secret), secret);
        }
    }

    @Test
    void aConformingTenantReadsOkOnEveryLineAndNothingIsSent() {
        tenant.conforming(true);

        DoctorReport report = doctor();

        assertTrue(report.conforms(), report.text());
        assertEquals(0, report.exitCode());
        assertLine(report, "WFM API", "token and business unit", Check.Status.OK, DoctorTenant.BUSINESS_UNIT,
                "2 skills");
        assertLine(report, "WFM API", "commands offered", Check.Status.OK, "AddSkillsToPerson, SetForecast");
        assertLine(report, "WFM API", "queries offered", Check.Status.OK, "Skill/AllSkills",
                "Person/PeopleByEmploymentNumbers", "Scenario/AllScenarios");
        assertLine(report, "WFM API", "API document", Check.Status.OK, "/api/docs/v1/swagger.json");
        assertLine(report, "WFM API", "request command/AddSkillsToPerson", Check.Status.OK,
                "POST /api/command/AddSkillsToPerson", "BusinessUnitId, PersonId, StartDate, SkillIds");
        assertLine(report, "WFM API", "request command/SetForecast", Check.Status.OK);
        assertLine(report, "historical-data API", "API document", Check.Status.OK,
                "/historical-data/docs/v1/openapi.json");
        assertLine(report, "historical-data API", "request queue-stats", Check.Status.OK,
                "POST /historical-data/api/v1/queue-stats", "DataSourceKey, IntervalMinutes, Rows (18 fields each)");
        assertLine(report, "historical-data API", "request agent-queue-stats", Check.Status.OK);
        assertLine(report, "historical-data API", "tenant and data source keys", Check.Status.OK);
        assertLine(report, "RTA", "authentication key and source id", Check.Status.OK, "wix-answers");
        assertLine(report, "Wix Answers", "agent activities", Check.Status.OK, "2 agents");
        assertLine(report, "database", "interactions (interactions)", Check.Status.OK, "14 columns");
        assertLine(report, "database", "interactions (interactions) indexes", Check.Status.OK);
        assertLine(report, "database", "forecasts (forecasts)", Check.Status.OK);
        assertLine(report, "storage", "containers", Check.Status.SKIPPED, "AzureWebJobsStorage");
        assertTrue(report.checks().stream().allMatch(check -> check.status() == Check.Status.OK
                || check.part().equals("storage")), report.text());
        assertNothingWasSent();
        assertNoSecretIn(report);
    }

    @Test
    void theOtherKindOfEachDocumentIsReadThroughTheOtherKindOfPage() {
        tenant.conforming(false);

        DoctorReport report = doctor();

        assertTrue(report.conforms(), report.text());
        assertLine(report, "WFM API", "API document", Check.Status.OK, "/api/docs/v1/openapi.json");
        assertLine(report, "historical-data API", "API document", Check.Status.OK,
                "/historical-data/docs/v1/swagger.json");
        assertLine(report, "historical-data API", "request agent-stats", Check.Status.OK);
        assertLine(report, "WFM API", "request query/Person/PeopleByEmploymentNumbers", Check.Status.OK);
    }

    @Test
    void aCommandTheTenantDoesNotListDiffersOnlyWhenTheSettingsCallIt() {
        tenant.conforming(true);
        tenant.lists(List.of("AddSkillsToPerson"), DoctorTenant.QUERIES);

        DoctorReport report = doctor();

        assertFalse(report.conforms());
        assertEquals(1, report.exitCode());
        assertLine(report, "WFM API", "commands offered", Check.Status.DIFFERS, "does not list SetForecast");

        Map<String, String> environment = tenant.environment(database.url());
        environment.put("FORECAST_SET_COMMAND", "false");
        DoctorReport withoutSetForecast = doctor(environment, Doctor.Options.none());
        assertLine(withoutSetForecast, "WFM API", "commands offered", Check.Status.OK);
        assertTrue(withoutSetForecast.checks().stream().noneMatch(check -> check.what().contains("SetForecast")
                || check.what().contains("AllScenarios")), withoutSetForecast.text());
        assertTrue(withoutSetForecast.conforms(), withoutSetForecast.text());
    }

    @Test
    void aRenamedFieldDiffersAndALetterCaseOnlyWarns() {
        tenant.conforming(true);
        tenant.pageWithConfiguration("/api/docs/index.html", "v1/swagger.json", TenantDocument.wfm()
                .schema("AddSkillsToPersonDto", "BusinessUnitId", "*PersonId", "*StartDate", "*SkillIdList:string[]")
                .schema("BusinessUnitDto", "*BusinessUnitID")
                .swagger2());

        DoctorReport report = doctor();

        assertLine(report, "WFM API", "request command/AddSkillsToPerson", Check.Status.DIFFERS,
                "sends SkillIds, which the document's schema has not",
                "the document requires SkillIdList, which the integration does not send");
        assertLine(report, "WFM API", "request query/Skill/AllSkills", Check.Status.WARNING,
                "sends BusinessUnitId where the document writes BusinessUnitID");
        assertEquals(1, report.exitCode());
    }

    @Test
    void aRequiredFieldNeverSentDiffersInTheBodyAndInItsRows() {
        tenant.conforming(true);
        tenant.pageWithConfiguration("/api/docs/index.html", "v1/swagger.json", TenantDocument.wfm()
                .schema("AddSkillsToPersonDto", "BusinessUnitId", "*PersonId", "*StartDate", "*SkillIds:string[]",
                        "*TimeZoneId")
                .swagger2());
        tenant.pageWithInitializer("/historical-data/docs/index.html", "/historical-data/docs/v1/openapi.json",
                TenantDocument.historical()
                        .schema("AgentQueueStatsRow", "*AgentId", "*QueueId", "*IntervalStart", "Answered:integer",
                                "TalkSeconds:integer", "WrapUpSeconds:integer", "TransferredOut:integer",
                                "*HoldSeconds:integer")
                        .openApi3());

        DoctorReport report = doctor();

        assertLine(report, "WFM API", "request command/AddSkillsToPerson", Check.Status.DIFFERS,
                "the document requires TimeZoneId, which the integration does not send");
        assertLine(report, "historical-data API", "request agent-queue-stats", Check.Status.DIFFERS,
                "the document requires Rows[].HoldSeconds, which the integration does not send");
        assertLine(report, "historical-data API", "request agent-stats", Check.Status.OK);
    }

    @Test
    void aPathTheDocumentLacksDiffers() {
        tenant.conforming(true);
        tenant.pageWithInitializer("/historical-data/docs/index.html", "/historical-data/docs/v1/openapi.json",
                TenantDocument.historical().without("/agent-queue-stats").openApi3());

        DoctorReport report = doctor();

        assertLine(report, "historical-data API", "request agent-queue-stats", Check.Status.DIFFERS,
                "the document has no POST /historical-data/api/v1/agent-queue-stats");
        assertLine(report, "historical-data API", "request queue-stats", Check.Status.OK);
    }

    @Test
    void refusedKeysDifferNamingTheirSettingsAndAnUnexpectedAnswerOnlyWarns() {
        tenant.conforming(true);
        calabrio.stubFor(post(urlPathMatching("/historical-data/api/v1/.*")).atPriority(1)
                .willReturn(aResponse().withStatus(401).withBody("{\"Message\":\"Unknown tenant key\"}")));
        calabrio.stubFor(post(urlEqualTo("/rta")).atPriority(1)
                .willReturn(aResponse().withStatus(400).withBody("Invalid authentication key")));

        DoctorReport report = doctor();

        assertLine(report, "historical-data API", "tenant and data source keys", Check.Status.DIFFERS,
                "CALABRIO_HISTORICAL_TENANT_KEY");
        assertLine(report, "RTA", "authentication key and source id", Check.Status.DIFFERS,
                "Invalid authentication key");
        assertNoSecretIn(report);

        calabrio.stubFor(post(urlEqualTo("/rta")).atPriority(1)
                .willReturn(aResponse().withStatus(400).withBody("A batch must hold at least one state")));
        assertLine(doctor(), "RTA", "authentication key and source id", Check.Status.WARNING, "proves nothing",
                "at least one state");
    }

    @Test
    void aRefusedTokenDiffersAndTheListsAreNotAsked() {
        tenant.conforming(true);
        Map<String, String> environment = tenant.environment(database.url());
        environment.put("CALABRIO_API_TOKEN", "an-old-token");

        DoctorReport report = doctor(environment, Doctor.Options.none());

        assertLine(report, "WFM API", "token and business unit", Check.Status.DIFFERS, "CALABRIO_API_TOKEN",
                "HTTP 401");
        assertLine(report, "WFM API", "commands and queries", Check.Status.SKIPPED);
        assertFalse(report.text().contains("an-old-token"));
        assertEquals(1, report.exitCode());
    }

    @Test
    void aTenantThatDoesNotAnswerIsUnreachable() {
        Map<String, String> environment = tenant.environment(database.url());
        environment.put("CALABRIO_BASE_URL", "http://127.0.0.1:9");
        environment.put("CALABRIO_RTA_URL", "http://127.0.0.1:9/rta");
        tenant.answers();

        DoctorReport report = doctor(environment, Doctor.Options.none());

        assertLine(report, "WFM API", "token and business unit", Check.Status.UNREACHABLE);
        assertLine(report, "historical-data API", "API document", Check.Status.UNREACHABLE);
        assertLine(report, "historical-data API", "tenant and data source keys", Check.Status.UNREACHABLE);
        assertLine(report, "RTA", "authentication key and source id", Check.Status.UNREACHABLE);
        assertLine(report, "Wix Answers", "agent activities", Check.Status.OK);
        assertEquals(1, report.exitCode());
    }

    @Test
    void aPartWithoutItsSettingsIsSkippedNamingThem() {
        Map<String, String> environment = Map.of("SQL_CONNECTION_STRING", database.url(),
                "INTERACTIONS_TABLE", "interactions", "FORECASTS_TABLE", "forecasts");

        DoctorReport report = doctor(environment, Doctor.Options.none());

        assertLine(report, "WFM API", "settings", Check.Status.SKIPPED, "CALABRIO_BUSINESS_UNIT_ID");
        assertLine(report, "historical-data API", "settings", Check.Status.SKIPPED, "CALABRIO_BASE_URL");
        assertLine(report, "RTA", "settings", Check.Status.SKIPPED, "CALABRIO_RTA_URL");
        assertLine(report, "Wix Answers", "settings", Check.Status.SKIPPED, "ANSWERS_RPC_URL");
        assertLine(report, "database", "interactions (interactions)", Check.Status.OK);
        assertTrue(report.conforms(), report.text());
        assertTrue(tenant.requests().isEmpty());
    }

    @Test
    void aNamedDocumentIsReadOverDiscoveryFromAFileOrAUrl(@TempDir Path directory) throws IOException {
        tenant.conforming(true);
        calabrio.stubFor(get(urlEqualTo("/api/docs/index.html")).atPriority(1)
                .willReturn(aResponse().withStatus(302).withHeader("Location", "/login")));
        calabrio.stubFor(get(urlEqualTo("/historical-data/docs/index.html")).atPriority(1)
                .willReturn(aResponse().withStatus(401)));
        Path wfm = directory.resolve("wfm.json");
        Files.writeString(wfm, TenantDocument.wfm().openApi3());

        DoctorReport discovered = doctor();
        assertLine(discovered, "historical-data API", "API document", Check.Status.UNREACHABLE, "--historical-spec");

        DoctorReport report = doctor(tenant.environment(database.url()), new Doctor.Options(
                Optional.of(wfm.toString()),
                Optional.of(calabrio.baseUrl() + "/historical-data/docs/v1/openapi.json")));
        assertLine(report, "WFM API", "API document", Check.Status.OK, wfm.toString());
        assertLine(report, "WFM API", "request command/AddSkillsToPerson", Check.Status.OK);
        assertLine(report, "historical-data API", "API document", Check.Status.OK);
        assertLine(report, "historical-data API", "request queue-stats", Check.Status.OK);

        Files.writeString(wfm, "{\"not\": \"a document\"}");
        DoctorReport unreadable = doctor(tenant.environment(database.url()), new Doctor.Options(
                Optional.of(wfm.toString()), Optional.empty()));
        assertLine(unreadable, "WFM API", "API document", Check.Status.UNREACHABLE,
                "is not a Swagger 2.0 or OpenAPI 3 document");
    }

    @Test
    void aTableMissingAColumnOrHoldingAWrongTypeDiffersNamingThem() throws SQLException {
        try (Statement statement = database.connection().createStatement()) {
            statement.execute("DROP TABLE forecasts");
            statement.execute("CREATE TABLE forecasts (skill_name NVARCHAR(100) NOT NULL, interval_start"
                    + " VARCHAR(30) NOT NULL, interval_minutes INT NOT NULL, tasks DECIMAL(12,3) NOT NULL,"
                    + " avg_task_seconds DECIMAL(12,3) NOT NULL, agents DECIMAL(12,3), created_at DATETIME2(0)"
                    + " NOT NULL)");
            statement.execute("ALTER TABLE interactions ALTER COLUMN outcome SET NULL");
        }
        Map<String, String> environment = Map.of("SQL_CONNECTION_STRING", database.url(),
                "INTERACTIONS_TABLE", "interactions", "FORECASTS_TABLE", "forecasts");

        DoctorReport report = doctor(environment, Doctor.Options.none());

        assertLine(report, "database", "forecasts (forecasts)", Check.Status.DIFFERS,
                "has no column avg_after_task_seconds (DECIMAL(12,3))",
                "interval_start is CHARACTER VARYING, where the contract has DATETIME2(0)");
        assertLine(report, "database", "forecasts (forecasts) indexes", Check.Status.WARNING,
                "no index (skill_name, interval_start, created_at)");
        assertLine(report, "database", "interactions (interactions)", Check.Status.DIFFERS,
                "outcome may be null, where the contract needs a value in every row");
        assertEquals(1, report.exitCode());
    }

    @Test
    void aViewIsCheckedByItsColumnsAndAMissingTableIsNamedWithItsSetting() throws SQLException {
        try (Statement statement = database.connection().createStatement()) {
            statement.execute("CREATE VIEW interactions_view AS SELECT interaction_id, channel, direction,"
                    + " queue_id, queue_name, agent_id, agent_name, offered_at, answered_at, ended_at, talk_seconds,"
                    + " wrap_up_seconds, CASE WHEN answered_at IS NULL THEN 'ABANDONED' ELSE outcome END AS outcome,"
                    + " transferred FROM interactions");
        }
        Map<String, String> environment = Map.of("SQL_CONNECTION_STRING", database.url(),
                "INTERACTIONS_TABLE", "interactions_view", "FORECASTS_TABLE", "wix_forecasts");

        DoctorReport report = doctor(environment, Doctor.Options.none());

        // H2 calls every column of a view nullable (SQL Server does not, where the view's column is a NOT NULL one).
        assertLine(report, "database", "interactions (interactions_view)", Check.Status.WARNING,
                "interaction_id, channel, direction, offered_at, outcome, transferred may each be null",
                "a view: make sure none is");
        assertLine(report, "database", "interactions (interactions_view) indexes", Check.Status.WARNING,
                "a view");
        assertLine(report, "database", "forecasts (wix_forecasts)", Check.Status.DIFFERS,
                "no table or view wix_forecasts (FORECASTS_TABLE)");
        assertEquals(1, report.exitCode());
    }

    @Test
    void aCheckThatBreaksIsAnUnreachableLineAndTheOtherPartsStillReport() {
        Map<String, String> environment = tenant.environment(database.url());
        tenant.conforming(true);
        Settings settings = Settings.load(environment);
        try (Database tables = new Database(database.url(), 2)) {
            Doctor doctor = new Doctor(new Doctor.Parts(settings,
                    () -> {
                        throw new IllegalStateException("a bug in a client");
                    },
                    () -> {
                        throw new SettingsException(List.of("CALABRIO_HISTORICAL_TENANT_KEY is not set"));
                    },
                    () -> {
                        throw new SettingsException(List.of("CALABRIO_DATA_SOURCE_KEY is not set"));
                    },
                    () -> {
                        throw new SettingsException(List.of("CALABRIO_RTA_URL is not set"));
                    },
                    () -> {
                        throw new SettingsException(List.of("ANSWERS_RPC_URL is not set"));
                    },
                    tables, uri -> "", List.of("onboarding"), Optional.of(container -> false)));

            DoctorReport report = doctor.run(Doctor.Options.none());

            assertLine(report, "WFM API", "checks", Check.Status.UNREACHABLE, "a bug in a client");
            assertLine(report, "historical-data API", "settings", Check.Status.SKIPPED,
                    "CALABRIO_HISTORICAL_TENANT_KEY is not set");
            assertLine(report, "database", "interactions (interactions)", Check.Status.OK);
            assertLine(report, "storage", "container onboarding", Check.Status.DIFFERS, "does not exist");
            assertEquals(List.of("WFM API", "historical-data API", "RTA", "Wix Answers", "database", "storage"),
                    report.checks().stream().map(Check::part).distinct().toList(), "the parts' order");
        }
    }
}
