package com.wixanswers.wfm.calabrio;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import java.math.BigDecimal;
import java.util.List;

/**
 * Every body the WFM API is sent, one record per command or query, its fields in PascalCase as Calabrio names them
 * (docs/contracts/requests.md), and the calls themselves: where each goes, what it carries. {@link WfmClient}
 * sends these records; the doctor compares the same records with the tenant's API document.
 */
public final class WfmRequests {
    static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE);

    private WfmRequests() {
    }

    public record AddSkillsToPerson(String businessUnitId, String personId, String startDate, List<String> skillIds) {
    }

    /** It takes no business unit. */
    public record PeopleByEmploymentNumbers(List<String> employmentNumbers, String date) {
    }

    public record AllSkills(String businessUnitId) {
    }

    public record AllScenarios(String businessUnitId) {
    }

    public record SetForecast(String businessUnitId, String skillId, String scenarioId, List<Day> days) {
    }

    public record Day(String date, List<Interval> intervals) {
    }

    /** {@code AgentsOverride} only where agents are forecast. */
    public record Interval(String startTimeUtc, BigDecimal tasks, BigDecimal averageTaskTimeSeconds,
                           BigDecimal averageAfterTaskTimeSeconds,
                           @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal agentsOverride) {
    }

    /** The calls the integration makes: {@code POST /api/<kind>/<name>} with its body. */
    public enum Call {
        ADD_SKILLS_TO_PERSON("command", "AddSkillsToPerson", AddSkillsToPerson.class),
        PEOPLE_BY_EMPLOYMENT_NUMBERS("query", "Person/PeopleByEmploymentNumbers", PeopleByEmploymentNumbers.class),
        ALL_SKILLS("query", "Skill/AllSkills", AllSkills.class),
        ALL_SCENARIOS("query", "Scenario/AllScenarios", AllScenarios.class),
        SET_FORECAST("command", "SetForecast", SetForecast.class);

        private final String kind;
        private final String name;
        private final Class<?> body;

        Call(String kind, String name, Class<?> body) {
            this.kind = kind;
            this.name = name;
            this.body = body;
        }

        /** {@code command} or {@code query}: what {@code GET /api/<kind>} lists. */
        public String kind() {
            return kind;
        }

        /** As {@code GET /api/<kind>} lists it: {@code AddSkillsToPerson}, {@code Skill/AllSkills}. */
        public String listedName() {
            return name;
        }

        /** The path under {@code /api/}: {@code command/AddSkillsToPerson}. */
        public String path() {
            return kind + "/" + name;
        }

        public RequestFields fields() {
            return RequestFields.of(JSON, body);
        }
    }
}
