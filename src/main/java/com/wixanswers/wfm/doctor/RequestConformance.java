package com.wixanswers.wfm.doctor;

import com.wixanswers.wfm.calabrio.RequestFields;
import io.swagger.v3.oas.models.media.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request as the integration sends it ({@link RequestFields}, read from its own request classes) against the
 * schema a tenant's document gives its body: every field sent must be in the schema, and every field the schema
 * requires must be sent, in the objects its lists hold too. A field matched only in another letter case is a
 * warning: Calabrio's own API binds JSON fields case-insensitively, so it proves nothing wrong.
 */
final class RequestConformance {
    private RequestConformance() {
    }

    /** What differs, and what differs only in letter case. */
    record Result(List<String> differences, List<String> caseOnly) {
    }

    static Result compare(RequestFields sent, Schema<?> schema) {
        List<String> differences = new ArrayList<>();
        List<String> caseOnly = new ArrayList<>();
        compare(sent, schema, "", differences, caseOnly);
        return new Result(differences, caseOnly);
    }

    private static void compare(RequestFields sent, Schema<?> schema, String at, List<String> differences,
                                List<String> caseOnly) {
        Map<String, Schema> properties = schema.getProperties();
        if (properties == null || properties.isEmpty()) {
            differences.add("the document describes no fields of " + (at.isEmpty() ? "the body" : at)
                    + ", where the integration sends " + String.join(", ", sent.names()));
            return;
        }
        for (RequestFields.Field field : sent.fields()) {
            Optional<String> exact = properties.containsKey(field.name()) ? Optional.of(field.name())
                    : Optional.empty();
            Optional<String> other = properties.keySet().stream().filter(name -> name.equalsIgnoreCase(field.name()))
                    .findFirst();
            if (exact.isEmpty() && other.isEmpty()) {
                differences.add("sends " + at + field.name() + ", which the document's schema has not");
                continue;
            }
            if (exact.isEmpty()) {
                caseOnly.add("sends " + at + field.name() + " where the document writes " + at + other.get());
            }
            Schema<?> property = properties.get(exact.orElse(other.get()));
            if (field.holds() != null && property != null) {
                Schema<?> held = property.getItems() != null ? property.getItems() : property;
                compare(field.holds(), held, at + field.name() + (property.getItems() != null ? "[]." : "."),
                        differences, caseOnly);
            }
        }
        for (String required : schema.getRequired() == null ? List.<String>of() : schema.getRequired()) {
            if (sent.names().stream().noneMatch(name -> name.equalsIgnoreCase(required))) {
                differences.add("the document requires " + at + required + ", which the integration does not send");
            }
        }
    }
}
