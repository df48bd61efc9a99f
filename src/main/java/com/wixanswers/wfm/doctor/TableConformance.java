package com.wixanswers.wfm.doctor;

import com.wixanswers.wfm.sql.TableContract;
import com.wixanswers.wfm.sql.TableName;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A customer's table or view against its contract, as the database describes it (JDBC's metadata, on SQL Server and
 * H2 alike): every contract column present, of a compatible kind of type, and not nullable where the contract needs
 * a value; the recommended indexes, where the database can list them (a missing one slows, it does not break).
 */
final class TableConformance {
    private static final Map<TableContract.Kind, Set<Integer>> COMPATIBLE = Map.of(
            TableContract.Kind.TEXT, Set.of(Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR,
                    Types.LONGNVARCHAR, Types.CLOB, Types.NCLOB),
            TableContract.Kind.WHOLE_NUMBER, Set.of(Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT),
            TableContract.Kind.DECIMAL, Set.of(Types.DECIMAL, Types.NUMERIC, Types.FLOAT, Types.REAL, Types.DOUBLE,
                    Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT),
            TableContract.Kind.DATE_TIME, Set.of(Types.TIMESTAMP),
            TableContract.Kind.BIT, Set.of(Types.BIT, Types.BOOLEAN, Types.TINYINT, Types.SMALLINT, Types.INTEGER));

    private TableConformance() {
    }

    /** A column as the database describes it. */
    private record Described(String name, int type, String typeName, boolean nullable) {
    }

    /** The table's checks: its columns, then its indexes. */
    static List<Check> check(Connection connection, TableName table, TableContract contract, String setting)
            throws SQLException {
        String part = Doctor.DATABASE;
        String what = contract.contract() + " (" + table + ")";
        DatabaseMetaData metadata = connection.getMetaData();
        String[] name = table.value().contains(".") ? table.value().split("\\.", 2) : new String[]{null, table.value()};
        Found found = find(metadata, connection.getCatalog(), name[0], name[1]);
        if (found == null) {
            return List.of(Check.differs(part, what, "no table or view " + table + " (" + setting + ")"));
        }
        Map<String, Described> columns = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        try (ResultSet rows = metadata.getColumns(connection.getCatalog(), found.schema(), found.name(), null)) {
            while (rows.next()) {
                columns.put(rows.getString("COLUMN_NAME"), new Described(rows.getString("COLUMN_NAME"),
                        rows.getInt("DATA_TYPE"), rows.getString("TYPE_NAME"),
                        rows.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls));
            }
        }
        List<String> differences = new ArrayList<>();
        List<String> nullable = new ArrayList<>();
        for (TableContract.Column column : contract.columns()) {
            Described described = columns.get(column.name());
            if (described == null) {
                differences.add("has no column " + column.name() + " (" + column.type() + ")");
            } else if (!COMPATIBLE.get(column.kind()).contains(described.type())) {
                differences.add(column.name() + " is " + described.typeName() + ", where the contract has "
                        + column.type());
            } else if (!column.nullable() && described.nullable()) {
                nullable.add(column.name());
            }
        }
        List<String> warnings = new ArrayList<>();
        if (!nullable.isEmpty()) {
            String mayBeNull = String.join(", ", nullable) + (nullable.size() == 1 ? " may" : " may each")
                    + " be null, where the contract needs a value in every row";
            // A view's column is as nullable as its expression; some databases say so of every view column.
            if (found.view()) {
                warnings.add(mayBeNull + " (a view: make sure none is; ISNULL(column, value) in the view says so to"
                        + " the database)");
            } else {
                differences.add(mayBeNull);
            }
        }
        List<Check> checks = new ArrayList<>();
        checks.add(!differences.isEmpty() ? Check.differs(part, what, String.join("; ", differences))
                : !warnings.isEmpty() ? Check.warning(part, what, String.join("; ", warnings))
                : Check.ok(part, what, "the " + (found.view() ? "view" : "table") + " has the contract's "
                + contract.columns().size() + " columns, of compatible types"));
        checks.addAll(indexes(metadata, connection.getCatalog(), found, contract, what));
        return checks;
    }

    /** Where the table was found, under the name and schema the database keeps them, and whether it is a view. */
    private record Found(String schema, String name, boolean view) {
    }

    /** The table as named, or in upper or lower case (H2 keeps unquoted names upper case, others lower). */
    private static Found find(DatabaseMetaData metadata, String catalog, String schema, String name)
            throws SQLException {
        for (String[] spelling : List.of(new String[]{schema, name},
                new String[]{upper(schema), name.toUpperCase(Locale.ROOT)},
                new String[]{lower(schema), name.toLowerCase(Locale.ROOT)})) {
            try (ResultSet tables = metadata.getTables(catalog, spelling[0], spelling[1], null)) {
                while (tables.next()) {
                    String type = tables.getString("TABLE_TYPE");
                    if (type != null && (type.contains("TABLE") || type.contains("VIEW"))) {
                        return new Found(tables.getString("TABLE_SCHEM"), tables.getString("TABLE_NAME"),
                                type.contains("VIEW"));
                    }
                }
            }
        }
        return null;
    }

    private static List<Check> indexes(DatabaseMetaData metadata, String catalog, Found found, TableContract contract,
                                       String what) throws SQLException {
        List<String> recommended = contract.indexes().stream().map(TableContract.Index::describe).toList();
        if (found.view()) {
            return List.of(Check.warning(Doctor.DATABASE, what + " indexes", "a view: the indexes of its tables cannot"
                    + " be listed from here; the integration seeks on " + String.join(", ", recommended)));
        }
        Map<String, List<String>> keysByIndex = new TreeMap<>();
        try (ResultSet rows = metadata.getIndexInfo(catalog, found.schema(), found.name(), false, true)) {
            while (rows.next()) {
                if (rows.getString("INDEX_NAME") != null && rows.getString("COLUMN_NAME") != null) {
                    List<String> keys = keysByIndex.computeIfAbsent(rows.getString("INDEX_NAME"),
                            index -> new ArrayList<>());
                    int position = rows.getInt("ORDINAL_POSITION");
                    while (keys.size() < position) {
                        keys.add("");
                    }
                    keys.set(position - 1, rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (TableContract.Index index : contract.indexes()) {
            boolean present = keysByIndex.values().stream().anyMatch(keys -> keys.size() >= index.keys().size()
                    && keys.subList(0, index.keys().size()).equals(index.keys()));
            if (!present) {
                missing.add(index.describe());
            }
        }
        return List.of(missing.isEmpty() ? Check.ok(Doctor.DATABASE, what + " indexes", "every recommended index")
                : Check.warning(Doctor.DATABASE, what + " indexes", "no index " + String.join(", ", missing)
                + ": the integration seeks on it; it works without, more slowly"));
    }

    private static String upper(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
