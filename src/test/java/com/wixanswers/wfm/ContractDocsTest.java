package com.wixanswers.wfm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wixanswers.wfm.calabrio.HistoricalKind;
import com.wixanswers.wfm.calabrio.HistoricalRequests;
import com.wixanswers.wfm.calabrio.HttpHistoricalDataTransport;
import com.wixanswers.wfm.calabrio.RequestFields;
import com.wixanswers.wfm.calabrio.RtaRequests;
import com.wixanswers.wfm.calabrio.WfmRequests;
import com.wixanswers.wfm.forecast.ForecastsContract;
import com.wixanswers.wfm.historical.InteractionsContract;
import com.wixanswers.wfm.sql.TableContract;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contracts in {@code docs/contracts/} are what a customer builds from: their column tables are the ones the
 * queries and the doctor use, and their example bodies have exactly the fields the request classes send.
 */
class ContractDocsTest {
    private static final Path DOCS = Path.of("docs/contracts");
    private static final Pattern COLUMN_ROW = Pattern.compile("^\\| `(\\w+)` \\| `([^`]+)` \\| (yes|no) \\|",
            Pattern.MULTILINE);
    private static final Pattern EXAMPLE = Pattern.compile("^### `POST ([^`]+)`$.*?^```json$(.*?)^```$",
            Pattern.MULTILINE | Pattern.DOTALL);

    private static void assertColumns(String file, TableContract contract) throws IOException {
        String text = Files.readString(DOCS.resolve(file));
        List<String> documented = new ArrayList<>();
        Matcher row = COLUMN_ROW.matcher(text);
        while (row.find()) {
            documented.add(row.group(1) + " " + row.group(2) + " "
                    + (row.group(3).equals("yes") ? "NULL" : "NOT NULL"));
        }
        assertEquals(contract.columns().stream().map(column -> column.name() + " " + column.type() + " "
                + (column.nullable() ? "NULL" : "NOT NULL")).toList(), documented, file);
    }

    @Test
    void theColumnTablesAreTheContractsTheQueriesAndTheDoctorRead() throws IOException {
        assertColumns("interactions.md", InteractionsContract.INTERACTIONS);
        assertColumns("forecasts.md", ForecastsContract.FORECASTS);
    }

    @Test
    void theForecastsCreateTableAndTheRecommendedIndexesAreTheContracts() throws IOException {
        String forecasts = Files.readString(DOCS.resolve("forecasts.md")).replaceAll("\\s+", " ");
        for (TableContract.Column column : ForecastsContract.FORECASTS.columns()) {
            assertTrue(forecasts.contains(column.name() + " " + column.type() + (column.nullable() ? " NULL"
                    : " NOT NULL")), column.name());
        }
        assertTrue(forecasts.contains("ON forecasts (skill_name, interval_start, created_at)"));
        String interactions = Files.readString(DOCS.resolve("interactions.md"));
        for (TableContract.Index index : InteractionsContract.INTERACTIONS.indexes()) {
            assertTrue(interactions.contains("ON interactions " + index.describe() + ";"), index.describe());
        }
    }

    /** Every {@code Name} and {@code List[].Name} of an example body, in order. */
    private static void flatten(JsonNode node, String at, List<String> names) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            names.add(at + field.getKey());
            JsonNode value = field.getValue();
            JsonNode held = value.isArray() && !value.isEmpty() ? value.get(0) : value;
            if (held.isObject()) {
                flatten(held, at + field.getKey() + (value.isArray() ? "[]." : "."), names);
            }
        }
    }

    private static void flatten(RequestFields fields, String at, List<String> names, boolean[] list) {
        for (RequestFields.Field field : fields.fields()) {
            names.add(at + field.name());
            if (field.holds() != null) {
                flatten(field.holds(), at + field.name() + (list[0] ? "[]." : "."), names, list);
            }
        }
    }

    /** The request classes' fields, flattened as {@link #flatten(JsonNode, String, List)} flattens examples. */
    private static List<String> sent(RequestFields fields) {
        List<String> names = new ArrayList<>();
        // Every object a request nests is a list's element (Rows, States, Days, Intervals).
        flatten(fields, "", names, new boolean[]{true});
        return names;
    }

    @Test
    void everyExampleBodyHasExactlyTheFieldsItsRequestClassSends() throws IOException {
        Map<String, RequestFields> requests = new LinkedHashMap<>();
        for (WfmRequests.Call call : WfmRequests.Call.values()) {
            requests.put("/api/" + call.path(), call.fields());
        }
        for (HistoricalKind kind : HistoricalKind.values()) {
            requests.put(HttpHistoricalDataTransport.API_PATH + kind.path(), HistoricalRequests.fields(kind));
        }
        requests.put("{CALABRIO_RTA_URL}", RtaRequests.fields());
        String text = Files.readString(DOCS.resolve("requests.md"));
        ObjectMapper json = new ObjectMapper();
        Map<String, List<String>> documented = new LinkedHashMap<>();
        Matcher example = EXAMPLE.matcher(text);
        while (example.find()) {
            List<String> names = new ArrayList<>();
            flatten(json.readTree(example.group(2)), "", names);
            documented.put(example.group(1), names);
        }
        assertEquals(requests.keySet(), documented.keySet());
        requests.forEach((path, fields) -> assertEquals(sent(fields), documented.get(path), path));
    }

    @Test
    void whatUsersReadNamesNoFolderOutsideTheProject() throws IOException {
        List<Path> read = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.walk(Path.of("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).forEach(read::add);
        }
        try (Stream<Path> sources = Files.walk(Path.of("src/main"))) {
            sources.filter(Files::isRegularFile).forEach(read::add);
        }
        for (Path file : read) {
            String text = Files.readString(file);
            assertFalse(text.contains("../shared"), file + " sends readers to ../shared, which a clone lacks");
            Matcher link = Pattern.compile("\\]\\(([^)#]+\\.md)").matcher(text);
            while (link.find()) {
                assertTrue(Files.exists(file.getParent() == null ? Path.of(link.group(1))
                        : file.getParent().resolve(link.group(1))), file + " links to " + link.group(1));
            }
        }
    }
}
