package com.wixanswers.wfm.calabrio;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;

import java.util.ArrayList;
import java.util.List;

/**
 * The JSON fields a request class is sent with, read from the very {@link ObjectMapper} that serialises it (its
 * naming strategy included), down into the objects its lists hold: what the doctor compares with a tenant's API
 * document, so that the doctor and the senders cannot drift apart.
 *
 * @param fields in the order they are sent
 */
public record RequestFields(String type, List<Field> fields) {
    /** A field, and the fields of the objects it holds (one object, or a list of them), or null for a value. */
    public record Field(String name, RequestFields holds) {
    }

    public static RequestFields of(ObjectMapper mapper, Class<?> type) {
        return of(mapper, mapper.constructType(type));
    }

    private static RequestFields of(ObjectMapper mapper, JavaType type) {
        BeanDescription description = mapper.getSerializationConfig().introspect(type);
        List<Field> fields = new ArrayList<>();
        for (BeanPropertyDefinition property : description.findProperties()) {
            JavaType value = property.getPrimaryType();
            JavaType held = value.isCollectionLikeType() || value.isArrayType() ? value.getContentType() : value;
            fields.add(new Field(property.getName(), isObject(held) ? of(mapper, held) : null));
        }
        return new RequestFields(type.getRawClass().getSimpleName(), List.copyOf(fields));
    }

    /** A record of the app's own (a row, a day, an interval), not a value (text, number, date, boolean). */
    private static boolean isObject(JavaType type) {
        return type.getRawClass().isRecord();
    }

    public List<String> names() {
        return fields.stream().map(Field::name).toList();
    }
}
