package com.wixanswers.wfm.calabrio;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wixanswers.wfm.http.PeerException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Calabrio's WFM API, its commands and queries (calabrio.md, "Commands and queries"): every body it is sent and
 * every answer it gives is shaped and read here. One call per method; retrying is the caller's (a run counts
 * every call against its rate cap).
 */
public final class WfmClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WfmTransport transport;
    private final String businessUnitId;

    public record Skill(String id, String name) {
    }

    public record Person(String id, String employmentNumber) {
    }

    public record Scenario(String id, String name, boolean isDefault) {
    }

    /** One interval of a forecast, {@code agents} null where none is forecast. */
    public record ForecastInterval(Instant startUtc, BigDecimal tasks, BigDecimal averageTaskSeconds,
                                   BigDecimal averageAfterTaskSeconds, BigDecimal agents) {
    }

    /** One local day of a forecast and its intervals. */
    public record ForecastDay(LocalDate date, List<ForecastInterval> intervals) {
    }

    public WfmClient(WfmTransport transport, String businessUnitId) {
        this.transport = transport;
        this.businessUnitId = businessUnitId;
    }

    /** {@code query/Skill/AllSkills}: there is no look-up by name, so callers map names themselves. */
    public List<Skill> allSkills() {
        List<Skill> skills = new ArrayList<>();
        for (JsonNode skill : result("query/Skill/AllSkills", "AllSkills", businessUnit())) {
            skills.add(new Skill(text(skill, "Id"), text(skill, "Name")));
        }
        return skills;
    }

    /** {@code query/Person/PeopleByEmploymentNumbers}, as of {@code date}; it takes no business unit. */
    public List<Person> peopleByEmploymentNumbers(Collection<String> employmentNumbers, LocalDate date) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode numbers = body.putArray("EmploymentNumbers");
        employmentNumbers.forEach(numbers::add);
        body.put("Date", date.toString());
        List<Person> people = new ArrayList<>();
        for (JsonNode person : result("query/Person/PeopleByEmploymentNumbers", "PeopleByEmploymentNumbers", body)) {
            people.add(new Person(text(person, "Id"), text(person, "EmploymentNumber")));
        }
        return people;
    }

    /** {@code query/Scenario/AllScenarios}. */
    public List<Scenario> allScenarios() {
        List<Scenario> scenarios = new ArrayList<>();
        for (JsonNode scenario : result("query/Scenario/AllScenarios", "AllScenarios", businessUnit())) {
            scenarios.add(new Scenario(text(scenario, "Id"), text(scenario, "Name"),
                    scenario.path("DefaultScenario").asBoolean(false)));
        }
        return scenarios;
    }

    /**
     * {@code command/AddSkillsToPerson}.
     *
     * @param name the call's name, for a dry run's file
     * @throws PeerException REJECTED with Calabrio's message when it refuses, even in an HTTP 200
     */
    public void addSkillsToPerson(String name, String personId, LocalDate startDate, List<String> skillIds) {
        ObjectNode body = businessUnit();
        body.put("PersonId", personId);
        body.put("StartDate", startDate.toString());
        ArrayNode ids = body.putArray("SkillIds");
        skillIds.forEach(ids::add);
        transport.post("command/AddSkillsToPerson", name, bytes(body));
    }

    /** {@code command/SetForecast}: one skill's days, interval starts in UTC, agents only where forecast. */
    public void setForecast(String name, String skillId, String scenarioId, List<ForecastDay> days) {
        transport.post("command/SetForecast", name, setForecastBody(skillId, scenarioId, days));
    }

    /** The body of {@link #setForecast}, as sent: written as it goes, a skill's horizon is thousands of intervals. */
    public byte[] setForecastBody(String skillId, String scenarioId, List<ForecastDay> days) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
        try (JsonGenerator json = JSON.getFactory().createGenerator(body)) {
            json.writeStartObject();
            json.writeStringField("BusinessUnitId", businessUnitId);
            json.writeStringField("SkillId", skillId);
            json.writeStringField("ScenarioId", scenarioId);
            json.writeArrayFieldStart("Days");
            for (ForecastDay day : days) {
                json.writeStartObject();
                json.writeStringField("Date", day.date().toString());
                json.writeArrayFieldStart("Intervals");
                for (ForecastInterval interval : day.intervals()) {
                    json.writeStartObject();
                    json.writeStringField("StartTimeUtc", interval.startUtc().toString());
                    json.writeNumberField("Tasks", interval.tasks());
                    json.writeNumberField("AverageTaskTimeSeconds", interval.averageTaskSeconds());
                    json.writeNumberField("AverageAfterTaskTimeSeconds", interval.averageAfterTaskSeconds());
                    if (interval.agents() != null) {
                        json.writeNumberField("AgentsOverride", interval.agents());
                    }
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise a SetForecast request", e);
        }
        return body.toByteArray();
    }

    private ObjectNode businessUnit() {
        return JSON.createObjectNode().put("BusinessUnitId", businessUnitId);
    }

    /** A query's {@code Result} array; an answer without one is malformed. */
    private JsonNode result(String path, String name, ObjectNode body) {
        JsonNode answer = transport.post(path, name, bytes(body));
        JsonNode result = answer.path("Result");
        if (!result.isArray()) {
            throw new PeerException("Calabrio WFM API", PeerException.Kind.MALFORMED, 200,
                    "Calabrio WFM API answered " + path + " without a Result array");
        }
        return result;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    private static byte[] bytes(ObjectNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a WFM API request", e);
        }
    }
}
