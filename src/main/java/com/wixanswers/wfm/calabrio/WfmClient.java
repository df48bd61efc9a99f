package com.wixanswers.wfm.calabrio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.wixanswers.wfm.calabrio.WfmRequests.Call;
import com.wixanswers.wfm.http.PeerException;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Calabrio's WFM API, its commands and queries (docs/contracts/requests.md): every body it is sent is one
 * of {@link WfmRequests}' records, and every answer it gives is read here. One call per method; retrying is the
 * caller's (a run counts every call against its rate cap).
 */
public final class WfmClient {
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
        for (JsonNode skill : result(Call.ALL_SKILLS, new WfmRequests.AllSkills(businessUnitId))) {
            skills.add(new Skill(text(skill, "Id"), text(skill, "Name")));
        }
        return skills;
    }

    /** {@code query/Person/PeopleByEmploymentNumbers}, as of {@code date}; it takes no business unit. */
    public List<Person> peopleByEmploymentNumbers(Collection<String> employmentNumbers, LocalDate date) {
        List<Person> people = new ArrayList<>();
        for (JsonNode person : result(Call.PEOPLE_BY_EMPLOYMENT_NUMBERS, new WfmRequests.PeopleByEmploymentNumbers(
                List.copyOf(employmentNumbers), date.toString()))) {
            people.add(new Person(text(person, "Id"), text(person, "EmploymentNumber")));
        }
        return people;
    }

    /**
     * What the tenant offers of {@code kind} ({@code command} or {@code query}): {@code GET /api/<kind>} lists the
     * names, {@code AddSkillsToPerson}, {@code Skill/AllSkills}.
     */
    public List<String> offered(String kind) {
        List<String> names = new ArrayList<>();
        resultOf(transport.get(kind), "GET /api/" + kind).forEach(name -> names.add(name.asText()));
        return names;
    }

    /** {@code query/Scenario/AllScenarios}. */
    public List<Scenario> allScenarios() {
        List<Scenario> scenarios = new ArrayList<>();
        for (JsonNode scenario : result(Call.ALL_SCENARIOS, new WfmRequests.AllScenarios(businessUnitId))) {
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
        transport.post(Call.ADD_SKILLS_TO_PERSON.path(), name, bytes(new WfmRequests.AddSkillsToPerson(businessUnitId,
                personId, startDate.toString(), List.copyOf(skillIds))));
    }

    /** {@code command/SetForecast}: one skill's days, interval starts in UTC, agents only where forecast. */
    public void setForecast(String name, String skillId, String scenarioId, List<ForecastDay> days) {
        transport.post(Call.SET_FORECAST.path(), name, setForecastBody(skillId, scenarioId, days));
    }

    /** The body of {@link #setForecast}, as sent. */
    public byte[] setForecastBody(String skillId, String scenarioId, List<ForecastDay> days) {
        List<WfmRequests.Day> bodyDays = new ArrayList<>(days.size());
        for (ForecastDay day : days) {
            List<WfmRequests.Interval> intervals = new ArrayList<>(day.intervals().size());
            for (ForecastInterval interval : day.intervals()) {
                intervals.add(new WfmRequests.Interval(interval.startUtc().toString(), interval.tasks(),
                        interval.averageTaskSeconds(), interval.averageAfterTaskSeconds(), interval.agents()));
            }
            bodyDays.add(new WfmRequests.Day(day.date().toString(), intervals));
        }
        return bytes(new WfmRequests.SetForecast(businessUnitId, skillId, scenarioId, bodyDays));
    }

    /** A query's {@code Result} array; an answer without one is malformed. */
    private JsonNode result(Call query, Object body) {
        return resultOf(transport.post(query.path(), query.listedName().replaceFirst("^.*/", ""), bytes(body)),
                query.path());
    }

    private static JsonNode resultOf(JsonNode answer, String asked) {
        JsonNode result = answer.path("Result");
        if (!result.isArray()) {
            throw new PeerException("Calabrio WFM API", PeerException.Kind.MALFORMED, 200,
                    "Calabrio WFM API answered " + asked + " without a Result array");
        }
        return result;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    private static byte[] bytes(Object body) {
        try {
            return WfmRequests.JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a WFM API request", e);
        }
    }
}
