package com.wixanswers.wfm.sql;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A table or view the integration reads, as its contract defines it: each column with the SQL Server type the
 * contract gives and whether it may be null, and the indexes the integration's queries seek on. The queries name
 * these columns and no other, the demo's tables are created from these definitions, and the doctor checks a
 * customer's table or view against them.
 */
public record TableContract(String contract, List<Column> columns, List<Index> indexes) {
    /** What a column holds, as far as reading it is concerned: a compatible type is one of the same kind. */
    public enum Kind { TEXT, WHOLE_NUMBER, DECIMAL, DATE_TIME, BIT }

    /** A column: its name, its type in the contract (SQL Server), its kind, and whether it may be null. */
    public record Column(String name, String type, Kind kind, boolean nullable) {
    }

    /** A recommended index: its key columns, and the columns it includes (SQL Server's {@code INCLUDE}). */
    public record Index(List<String> keys, List<String> included) {
        public String describe() {
            return "(" + String.join(", ", keys) + ")" + (included.isEmpty() ? ""
                    : " INCLUDE (" + String.join(", ", included) + ")");
        }
    }

    public static Column column(String name, String type, Kind kind, boolean nullable) {
        return new Column(name, type, kind, nullable);
    }

    public static Index index(List<String> keys, List<String> included) {
        return new Index(List.copyOf(keys), List.copyOf(included));
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    /** {@code CREATE TABLE} of the contract, as SQL Server and H2 both take it. */
    public String createTable(TableName table) {
        return "CREATE TABLE " + table + " (" + columns.stream().map(column -> column.name() + " " + column.type()
                + (column.nullable() ? " NULL" : " NOT NULL")).collect(Collectors.joining(", ")) + ")";
    }

    /**
     * {@code CREATE INDEX} of each recommended index; {@code includes} where the database takes SQL Server's
     * {@code INCLUDE} (H2 does not).
     */
    public List<String> createIndexes(TableName table, boolean includes) {
        String prefix = "ix_" + table.value().replace('.', '_') + "_";
        return indexes.stream().map(index -> "CREATE INDEX " + prefix + String.join("_", index.keys()) + " ON "
                + table + " (" + String.join(", ", index.keys()) + ")" + (includes && !index.included().isEmpty()
                ? " INCLUDE (" + String.join(", ", index.included()) + ")" : "")).toList();
    }
}
