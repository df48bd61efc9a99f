package com.wixanswers.wfm.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.wixanswers.wfm.config.SettingsException;
import com.wixanswers.wfm.testing.FakeHttpRequest;
import com.wixanswers.wfm.testing.LogCapture;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /api/doctor}: the report as JSON, a wrong parameter or setting named. */
class DoctorTriggerTest {
    private static final Logger LOG = Logger.getLogger(DoctorTriggerTest.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A doctor whose checks are given, recording the options it was run with. */
    private static Function<Doctor.Options, DoctorReport> doctor(List<Check> checks,
                                                                 AtomicReference<Doctor.Options> ran) {
        return options -> {
            ran.set(options);
            return new DoctorReport(checks);
        };
    }

    @Test
    void theReportIsAnsweredAsJsonWhateverItFindsWithTheNamedDocuments() throws Exception {
        AtomicReference<Doctor.Options> ran = new AtomicReference<>();
        DoctorTrigger trigger = new DoctorTrigger(doctor(List.of(
                Check.ok("WFM API", "commands offered", "lists AddSkillsToPerson"),
                Check.differs("database", "forecasts (forecasts)", "has no column agents (DECIMAL(12,3))")), ran));

        HttpResponseMessage response = trigger.run(new FakeHttpRequest("https://app/api/doctor",
                Map.of("wfmSpec", "https://tenant.teleopticloud.com/api/docs/v1/swagger.json")), LOG);

        assertEquals(HttpStatus.OK, response.getStatus());
        assertEquals("application/json", response.getHeader("Content-Type"));
        JsonNode report = JSON.readTree((String) response.getBody());
        assertFalse(report.path("conforms").asBoolean());
        assertEquals("differs", report.path("checks").get(1).path("status").asText());
        assertEquals("has no column agents (DECIMAL(12,3))", report.path("checks").get(1).path("detail").asText());
        assertEquals(Optional.of("https://tenant.teleopticloud.com/api/docs/v1/swagger.json"), ran.get().wfmSpec());
        assertEquals(Optional.empty(), ran.get().historicalSpec());
    }

    @Test
    void aDocumentNamedByAnythingButAUrlIsRefusedNamingTheParameter() throws Exception {
        AtomicReference<Doctor.Options> ran = new AtomicReference<>();
        DoctorTrigger trigger = new DoctorTrigger(doctor(List.of(), ran));

        HttpResponseMessage response = trigger.run(new FakeHttpRequest("https://app/api/doctor",
                Map.of("historicalSpec", "/home/site/wwwroot/local.settings.json")), LOG);

        assertEquals(HttpStatus.BAD_REQUEST, response.getStatus());
        JsonNode body = JSON.readTree((String) response.getBody());
        assertEquals("historicalSpec", body.path("parameter").asText());
        assertEquals(null, ran.get(), "the doctor never ran");
    }

    @Test
    void aWrongSettingIsAnswered500NamingTheSettingAndLogged() throws Exception {
        DoctorTrigger trigger = new DoctorTrigger(options -> {
            throw new SettingsException(List.of("CALABRIO_BASE_URL must be an https URL"));
        });
        try (LogCapture log = new LogCapture()) {
            HttpResponseMessage response = trigger.run(new FakeHttpRequest("https://app/api/doctor", Map.of()), LOG);

            assertEquals(HttpStatus.INTERNAL_SERVER_ERROR, response.getStatus());
            assertTrue(((String) response.getBody()).contains("CALABRIO_BASE_URL must be an https URL"));
            assertTrue(log.text().contains("CALABRIO_BASE_URL must be an https URL"), log.text());
        }
    }
}
