package com.wixanswers.wfm.calabrio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.wixanswers.wfm.config.Secret;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Shapes the historical-data API's request bodies (docs/contracts/requests.md): the envelope
 * {@code {"DataSourceKey", "IntervalMinutes", "Rows"}}, row fields in PascalCase, interval starts as UTC
 * instants, at most {@code batchSize} rows a body. The payload schema is the project's assumption: when
 * Calabrio's real one is in hand, this class is what changes.
 */
public final class HistoricalRequests {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE);

    /** What a body carries where Calabrio is not sent to (a dry run's files): never the key itself. */
    public static final Secret DATA_SOURCE_KEY_PLACEHOLDER = new Secret("<CALABRIO_DATA_SOURCE_KEY>");

    private final Supplier<Secret> dataSourceKey;
    private final int intervalMinutes;
    private final int batchSize;

    /** A body: the envelope around one kind's rows. */
    public record Envelope<R>(String dataSourceKey, int intervalMinutes, List<R> rows) {
    }

    /** @param dataSourceKey read for every body, so a rotated key is used as soon as it is visible */
    public HistoricalRequests(Supplier<Secret> dataSourceKey, int intervalMinutes, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
        this.dataSourceKey = dataSourceKey;
        this.intervalMinutes = intervalMinutes;
        this.batchSize = batchSize;
    }

    /** The fields a body of {@code kind} is sent with, the rows' within its {@code Rows}. */
    public static RequestFields fields(HistoricalKind kind) {
        RequestFields envelope = RequestFields.of(JSON, Envelope.class);
        return new RequestFields("Envelope<" + kind.row().getSimpleName() + ">", envelope.fields().stream()
                .map(field -> field.name().equals("Rows") ? new RequestFields.Field("Rows",
                        RequestFields.of(JSON, kind.row())) : field).toList());
    }

    /** A body of {@code kind} with no rows at all: what the doctor checks the keys with, sending no statistic. */
    public byte[] emptyBody() {
        try {
            return JSON.writeValueAsBytes(new Envelope<>(dataSourceKey.get().reveal(), intervalMinutes, List.of()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a historical-data request", e);
        }
    }

    /** The bodies that carry {@code rows}, in order, each with at most {@code batchSize} rows. */
    public List<byte[]> bodies(List<?> rows) {
        List<byte[]> bodies = new ArrayList<>((rows.size() + batchSize - 1) / batchSize);
        String key = dataSourceKey.get().reveal();
        for (int from = 0; from < rows.size(); from += batchSize) {
            List<?> batch = rows.subList(from, Math.min(rows.size(), from + batchSize));
            try {
                bodies.add(JSON.writeValueAsBytes(new Envelope<>(key, intervalMinutes, batch)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot serialise a historical-data request", e);
            }
        }
        return bodies;
    }
}
