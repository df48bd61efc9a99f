package com.wixanswers.wfm.onboarding;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * The rows of an agents file as a person sees them, the header first: each row's cells as text, and what could not
 * be read of it (a field too many, a value under no header, an error cell). A CSV's records or a workbook's first
 * sheet; blank rows are skipped.
 */
interface SheetRows extends Closeable {
    /** One row: its cells, stripped of nothing, and the reasons it cannot be taken as it is. */
    record Row(List<String> cells, List<String> problems) {
        public Row {
            cells = List.copyOf(cells);
            problems = List.copyOf(problems);
        }
    }

    /** The file's content cannot be read as what it is (a quote left open, a workbook without a sheet): why. */
    final class Unreadable extends IOException {
        Unreadable(String why) {
            super(why);
        }
    }

    /** The next row, or null after the last. */
    Row next() throws IOException;

    /** What the file is, for messages: "CSV file" or "workbook". */
    String kind();
}
