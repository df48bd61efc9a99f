package com.wixanswers.wfm.calabrio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.util.ArrayList;
import java.util.List;

/**
 * Shapes the historical-data API's request bodies (calabrio.md, "Historical data API"): the envelope
 * {@code {"DataSourceKey", "IntervalMinutes", "Rows"}}, row fields in PascalCase, interval starts as UTC
 * instants, at most {@code batchSize} rows a body. The payload schema is the project's assumption: when
 * Calabrio's real one is in hand, this class is what changes.
 */
public final class HistoricalRequests {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE);

    private final String dataSourceKey;
    private final int intervalMinutes;
    private final int batchSize;

    private record Body(String dataSourceKey, int intervalMinutes, List<?> rows) {
    }

    public HistoricalRequests(String dataSourceKey, int intervalMinutes, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
        this.dataSourceKey = dataSourceKey;
        this.intervalMinutes = intervalMinutes;
        this.batchSize = batchSize;
    }

    /** The bodies that carry {@code rows}, in order, each with at most {@code batchSize} rows. */
    public List<byte[]> bodies(List<?> rows) {
        List<byte[]> bodies = new ArrayList<>((rows.size() + batchSize - 1) / batchSize);
        for (int from = 0; from < rows.size(); from += batchSize) {
            List<?> batch = rows.subList(from, Math.min(rows.size(), from + batchSize));
            try {
                bodies.add(JSON.writeValueAsBytes(new Body(dataSourceKey, intervalMinutes, batch)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot serialise a historical-data request", e);
            }
        }
        return bodies;
    }
}
