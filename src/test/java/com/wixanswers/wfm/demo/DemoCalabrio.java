package com.wixanswers.wfm.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wixanswers.wfm.calabrio.WfmTransport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The demo's stand-in for Calabrio's WFM API, in memory: it has a skill per demo queue and scenario, knows the
 * people of the agents the demo generated except the last few (not imported yet), and takes every command.
 */
public final class DemoCalabrio implements WfmTransport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> skills;
    private final Set<String> people = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private int commands;

    /** @param knownAgents the agents Calabrio has a person for (their employment number is their agent id) */
    public DemoCalabrio(List<String> skills, List<String> knownAgents) {
        this.skills = List.copyOf(skills);
        people.addAll(knownAgents);
    }

    public synchronized int commands() {
        return commands;
    }

    @Override
    public synchronized JsonNode post(String path, String name, byte[] body) {
        ObjectNode answer = JSON.createObjectNode().put("Successful", true).putNull("Message");
        ArrayNode result = JSON.createArrayNode();
        switch (path) {
            case "query/Skill/AllSkills" -> skills.forEach(skill -> result.addObject()
                    .put("Id", "skill-" + skill.toLowerCase(Locale.ROOT).replace(' ', '-')).put("Name", skill));
            case "query/Scenario/AllScenarios" -> result.addObject().put("Id", "3c6a2e2b-0000-4000-8000-00000000d3e0")
                    .put("Name", "Default").put("DefaultScenario", true);
            case "query/Person/PeopleByEmploymentNumbers" -> {
                for (JsonNode number : read(body).path("EmploymentNumbers")) {
                    if (people.contains(number.asText())) {
                        result.addObject().put("Id", "person-" + number.asText())
                                .put("EmploymentNumber", number.asText());
                    }
                }
            }
            default -> {
                commands++;
                return answer;
            }
        }
        answer.set("Result", result);
        return answer;
    }

    private static JsonNode read(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
