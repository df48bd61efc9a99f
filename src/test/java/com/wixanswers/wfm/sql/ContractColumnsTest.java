package com.wixanswers.wfm.sql;

import com.wixanswers.wfm.config.Settings;
import com.wixanswers.wfm.forecast.ForecastHorizon;
import com.wixanswers.wfm.forecast.ForecastQueries;
import com.wixanswers.wfm.forecast.ForecastsContract;
import com.wixanswers.wfm.historical.InteractionStatistics;
import com.wixanswers.wfm.historical.InteractionsContract;
import com.wixanswers.wfm.historical.StatsDay;
import com.wixanswers.wfm.demo.ForecastsSchema;
import com.wixanswers.wfm.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The queries read exactly their contract's columns: what the doctor checks a customer's table against is what the
 * SQL reads, so the two cannot drift. Every statement the queries prepare is captured, and its lower-case
 * identifiers, less the aliases it defines and the table's own name, are the contract's columns.
 */
class ContractColumnsTest {
    private static final Pattern IDENTIFIER = Pattern.compile("\\b[a-z_][a-z0-9_]*\\b");
    private static final Pattern ALIAS = Pattern.compile("\\bAS ([a-z_][a-z0-9_]*)|\\b[a-z_]+ ([a-z])\\b WHERE");
    private final TestDatabase db = new TestDatabase();

    @AfterEach
    void close() throws SQLException {
        db.close();
    }

    /** A connection that keeps the SQL of every statement prepared on it. */
    private static Connection capturing(Connection real, List<String> statements) {
        return (Connection) Proxy.newProxyInstance(ContractColumnsTest.class.getClassLoader(),
                new Class<?>[]{Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement")) {
                        statements.add((String) args[0]);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Identifiers of the statements, less the table's name and the aliases they define that are not columns. */
    private static Set<String> columnsRead(List<String> statements, String table, List<String> contract) {
        Set<String> columns = new TreeSet<>();
        for (String sql : statements) {
            String code = sql.replaceAll("'[^']*'", "''");
            Set<String> aliases = new TreeSet<>();
            Matcher alias = ALIAS.matcher(code);
            while (alias.find()) {
                aliases.add(alias.group(1) != null ? alias.group(1) : alias.group(2));
            }
            Matcher identifier = IDENTIFIER.matcher(code);
            while (identifier.find()) {
                boolean aliased = aliases.contains(identifier.group()) && !contract.contains(identifier.group());
                if (!aliased && !identifier.group().equals(table)) {
                    columns.add(identifier.group());
                }
            }
        }
        return columns;
    }

    @Test
    void theStatisticsReadTheInteractionsContractsColumnsAndNoOther() throws SQLException {
        db.row().offered("2026-11-27T09:00:00Z").answered("a-1", 10, 100, 5).insert();
        db.row().offered("2026-11-27T09:00:00Z").direction("SIDEWAYS").insert();
        List<String> statements = new ArrayList<>();
        Connection connection = capturing(db.connection(), statements);
        InteractionStatistics statistics = new InteractionStatistics(TestDatabase.TABLE,
                Settings.load(Map.of("SERVICE_LEVEL_SECONDS_CHAT", "30")).statistics());
        StatsDay day = StatsDay.of(LocalDate.of(2026, 11, 27), ZoneId.of("UTC"), 60);
        statistics.queuesOf(connection, day);
        statistics.agentsOf(connection, day);
        statistics.invalidRowsOf(connection, day, 3);
        statistics.offeredRowsOf(connection, day, 3);
        statistics.queueStats(connection, day, null);
        statistics.agentWork(connection, day, null);
        List<String> contract = InteractionsContract.INTERACTIONS.columnNames();
        assertEquals(new TreeSet<>(contract), columnsRead(statements, TestDatabase.TABLE.value(), contract));
    }

    @Test
    void theForecastQueriesReadTheForecastsContractsColumnsAndNoOther() throws SQLException {
        TableName table = new TableName("forecasts");
        ForecastsSchema.create(db.connection(), table);
        List<String> statements = new ArrayList<>();
        Connection connection = capturing(db.connection(), statements);
        ForecastQueries queries = new ForecastQueries(table);
        ForecastHorizon horizon = new ForecastHorizon(LocalDate.of(2026, 12, 3), 2, ZoneId.of("Europe/Berlin"));
        queries.skillNames(connection, horizon);
        queries.rows(connection, horizon, List.of("Billing"), row -> { }, invalid -> { });
        queries.rowsOf(connection, horizon, "Billing");
        List<String> contract = ForecastsContract.FORECASTS.columnNames();
        assertEquals(new TreeSet<>(contract), columnsRead(statements, "forecasts", contract));
    }
}
