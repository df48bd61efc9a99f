package com.wixanswers.wfm.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An API document as a tenant publishes it, written by hand here (never from the integration's request classes):
 * named schemas referring to each other with {@code $ref}, and POST operations taking one as their body, written
 * as Swagger 2.0 ({@code definitions}, a body parameter, {@code basePath}) or OpenAPI 3.0
 * ({@code components/schemas}, {@code requestBody}, {@code servers[0].url}).
 */
public final class TenantDocument {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String server;
    private final Map<String, ObjectNode> schemas = new LinkedHashMap<>();
    private final Map<String, String> posts = new LinkedHashMap<>();

    /** @param server the base path of every operation ({@code /api}, {@code /historical-data/api/v1}) */
    public TenantDocument(String server) {
        this.server = server;
    }

    /**
     * A named schema. Each property is {@code Name} (a string), {@code Name:integer}, {@code Name:string[]},
     * {@code Name:@Other} (a reference to the schema Other) or {@code Name:@Other[]}; a leading {@code *} marks it
     * required.
     */
    public TenantDocument schema(String name, String... properties) {
        ObjectNode schema = JSON.createObjectNode().put("type", "object");
        ObjectNode fields = schema.putObject("properties");
        List<String> required = new ArrayList<>();
        for (String property : properties) {
            String spec = property.startsWith("*") ? property.substring(1) : property;
            String[] nameAndType = spec.split(":", 2);
            if (property.startsWith("*")) {
                required.add(nameAndType[0]);
            }
            String type = nameAndType.length > 1 ? nameAndType[1] : "string";
            boolean list = type.endsWith("[]");
            ObjectNode value = type(list ? type.substring(0, type.length() - 2) : type);
            if (list) {
                fields.putObject(nameAndType[0]).put("type", "array").set("items", value);
            } else {
                fields.set(nameAndType[0], value);
            }
        }
        if (!required.isEmpty()) {
            ArrayNode names = schema.putArray("required");
            required.forEach(names::add);
        }
        schemas.put(name, schema);
        return this;
    }

    private static ObjectNode type(String type) {
        return type.startsWith("@") ? JSON.createObjectNode().put("$ref", "#/SCHEMAS/" + type.substring(1))
                : JSON.createObjectNode().put("type", type);
    }

    /** {@code POST <server><path>} taking {@code schema} as its body. */
    public TenantDocument post(String path, String schema) {
        posts.put(path, schema);
        return this;
    }

    /** Without the operation at {@code path}. */
    public TenantDocument without(String path) {
        posts.remove(path);
        return this;
    }

    public String swagger2() {
        ObjectNode document = JSON.createObjectNode().put("swagger", "2.0");
        document.putObject("info").put("title", "Calabrio").put("version", "v1");
        document.put("basePath", server);
        ObjectNode paths = document.putObject("paths");
        posts.forEach((path, schema) -> {
            ObjectNode post = paths.putObject(path).putObject("post");
            post.putArray("consumes").add("application/json").add("text/json");
            post.putArray("parameters").addObject().put("in", "body").put("name", "request").put("required", true)
                    .putObject("schema").put("$ref", "#/SCHEMAS/" + schema);
            post.putObject("responses").putObject("200").put("description", "OK");
        });
        ObjectNode definitions = document.putObject("definitions");
        schemas.forEach(definitions::set);
        return write(document, "#/definitions/");
    }

    public String openApi3() {
        ObjectNode document = JSON.createObjectNode().put("openapi", "3.0.1");
        document.putObject("info").put("title", "Calabrio").put("version", "v1");
        document.putArray("servers").addObject().put("url", server);
        ObjectNode paths = document.putObject("paths");
        posts.forEach((path, schema) -> {
            ObjectNode post = paths.putObject(path).putObject("post");
            post.putObject("requestBody").putObject("content").putObject("application/json")
                    .putObject("schema").put("$ref", "#/SCHEMAS/" + schema);
            post.putObject("responses").putObject("200").put("description", "OK");
        });
        ObjectNode components = document.putObject("components").putObject("schemas");
        schemas.forEach(components::set);
        return write(document, "#/components/schemas/");
    }

    private static String write(ObjectNode document, String references) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document)
                    .replace("#/SCHEMAS/", references);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The WFM API's document as Calabrio's commands and queries are known (the calls the integration makes, and
     * one it does not); a test redefines a schema or leaves a path out to make a difference.
     */
    public static TenantDocument wfm() {
        return new TenantDocument("/api")
                .schema("AddSkillsToPersonDto", "BusinessUnitId", "*PersonId", "*StartDate", "*SkillIds:string[]")
                .schema("PeopleByEmploymentNumbersDto", "*EmploymentNumbers:string[]", "Date", "Include:@Include")
                .schema("Include", "OptionalColumns:string[]")
                .schema("BusinessUnitDto", "*BusinessUnitId")
                .schema("SetForecastDto", "*BusinessUnitId", "*SkillId", "*ScenarioId", "*Days:@ForecastDayDto[]")
                .schema("ForecastDayDto", "*Date", "*Intervals:@ForecastIntervalDto[]")
                .schema("ForecastIntervalDto", "*StartTimeUtc", "Tasks:number", "AverageTaskTimeSeconds:number",
                        "AverageAfterTaskTimeSeconds:number", "AgentsOverride:number")
                .schema("RemoveSkillsForPersonDto", "BusinessUnitId", "PersonId", "StartDate", "SkillIds:string[]")
                .post("/command/AddSkillsToPerson", "AddSkillsToPersonDto")
                .post("/command/RemoveSkillsForPerson", "RemoveSkillsForPersonDto")
                .post("/command/SetForecast", "SetForecastDto")
                .post("/query/Person/PeopleByEmploymentNumbers", "PeopleByEmploymentNumbersDto")
                .post("/query/Skill/AllSkills", "BusinessUnitDto")
                .post("/query/Scenario/AllScenarios", "BusinessUnitDto");
    }

    /** The historical-data API's document, as the project's contract assumes it. */
    public static TenantDocument historical() {
        return new TenantDocument("/historical-data/api/v1")
                .schema("QueueStatsBatch", "*DataSourceKey", "IntervalMinutes:integer", "*Rows:@QueueStatsRow[]")
                .schema("QueueStatsRow", "*QueueId", "QueueName", "*IntervalStart", "Offered:integer",
                        "Answered:integer", "AnsweredWithinServiceLevel:integer", "Abandoned:integer",
                        "AbandonedShort:integer", "AbandonedWithinServiceLevel:integer", "OverflowOut:integer",
                        "AnsweredWaitSeconds:integer", "LongestAnsweredWaitSeconds:integer",
                        "AbandonedWaitSeconds:integer", "LongestAbandonedWaitSeconds:integer", "TalkSeconds:integer",
                        "WrapUpSeconds:integer", "Resolved:integer", "ResolutionSeconds:integer")
                .schema("AgentStatsBatch", "*DataSourceKey", "IntervalMinutes:integer", "*Rows:@AgentStatsRow[]")
                .schema("AgentStatsRow", "*AgentId", "AgentName", "*IntervalStart", "Handled:integer",
                        "InboundHandled:integer", "OutboundHandled:integer", "DirectInboundHandled:integer",
                        "TalkSeconds:integer", "WrapUpSeconds:integer", "HandleSeconds:integer",
                        "TransferredOut:integer")
                .schema("AgentQueueStatsBatch", "*DataSourceKey", "IntervalMinutes:integer",
                        "*Rows:@AgentQueueStatsRow[]")
                .schema("AgentQueueStatsRow", "*AgentId", "*QueueId", "*IntervalStart", "Answered:integer",
                        "TalkSeconds:integer", "WrapUpSeconds:integer", "TransferredOut:integer")
                .post("/queue-stats", "QueueStatsBatch")
                .post("/agent-stats", "AgentStatsBatch")
                .post("/agent-queue-stats", "AgentQueueStatsBatch");
    }
}
