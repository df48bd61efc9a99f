package com.wixanswers.wfm.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A plain aligned table for the terminal: text columns left, numbers right, an absent value blank. */
final class TextTable {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(String... headers) {
        this.headers = List.of(headers);
    }

    TextTable row(Object... cells) {
        List<String> row = new ArrayList<>(cells.length);
        for (Object cell : cells) {
            row.add(cell == null ? "" : String.valueOf(cell));
        }
        rows.add(row);
        return this;
    }

    void print(PrintStream out) {
        int[] widths = new int[headers.size()];
        for (int column = 0; column < widths.length; column++) {
            widths[column] = headers.get(column).length();
            for (List<String> row : rows) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        out.println(line(headers, widths));
        for (List<String> row : rows) {
            out.println(line(row, widths));
        }
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < cells.size(); column++) {
            String cell = cells.get(column);
            boolean number = cell.matches("-?[0-9][0-9.,%]*");
            String padded = number ? " ".repeat(widths[column] - cell.length()) + cell
                    : cell + " ".repeat(widths[column] - cell.length());
            line.append(column == 0 ? "" : "  ").append(padded);
        }
        return line.toString().stripTrailing();
    }
}
