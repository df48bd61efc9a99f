package com.wixanswers.wfm.onboarding;

import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ExcelReaderException;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * The first sheet of an Excel workbook (.xlsx) with fastexcel-reader, its cells read as a person sees them: a date
 * cell (a day number with a date format) is {@code yyyy-MM-dd}, a number is its plain digits ({@code 1001}, never
 * {@code 1001.0}; a {@code 00000} format pads it, a percent format shows {@code 100%}), a formula its last value. The
 * first row that is not blank is the header; a value in a column whose header is blank, or beyond it, makes its row
 * invalid. Before anything is parsed, the workbook's parts are unpacked once and counted, so that a ZIP bomb is
 * refused at {@code maxUnpackedBytes}.
 */
final class WorkbookRows implements SheetRows {
    private static final Pattern DATE_PARTS = Pattern.compile("[yYdDmM]");
    private static final Pattern TIME_PARTS = Pattern.compile("[hHsS]");
    private static final Pattern ZERO_PADDED = Pattern.compile("0+");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    /** Excel's error values: a formula's cached error reaches fastexcel as this text. */
    private static final Pattern ERROR_VALUE = Pattern.compile(
            "#(NULL!|DIV/0!|VALUE!|REF!|NAME\\?|NUM!|N/A|GETTING_DATA|SPILL!|CALC!)");

    private final ReadableWorkbook workbook;
    private final Stream<org.dhatim.fastexcel.reader.Row> stream;
    private final Iterator<org.dhatim.fastexcel.reader.Row> rows;
    /** Which columns the header names (a blank header cell names none); null until the header is read. */
    private boolean[] headed;

    private WorkbookRows(ReadableWorkbook workbook, Stream<org.dhatim.fastexcel.reader.Row> stream) {
        this.workbook = workbook;
        this.stream = stream;
        this.rows = stream.iterator();
    }

    /** The workbook in {@code bytes}: the rows of its first sheet. */
    static WorkbookRows open(byte[] bytes, long maxUnpackedBytes) throws IOException {
        requireUnpackedAtMost(bytes, maxUnpackedBytes);
        ReadableWorkbook workbook;
        try {
            workbook = new ReadableWorkbook(new ByteArrayInputStream(bytes), new ReadingOptions(true, true));
        } catch (IOException | ExcelReaderException | IllegalStateException e) {
            throw new Unreadable("the file is a ZIP archive but not an Excel workbook (.xlsx): save it from Excel as"
                    + " a workbook or as CSV UTF-8");
        }
        try {
            return new WorkbookRows(workbook, workbook.getFirstSheet().openStream());
        } catch (IOException | ExcelReaderException | IllegalStateException e) {
            workbook.close();
            throw new Unreadable("the workbook's first sheet cannot be read: save it again from Excel as .xlsx");
        }
    }

    /** Unpacks every part and counts the bytes, stopping past the bound. */
    private static void requireUnpackedAtMost(byte[] bytes, long maxUnpackedBytes) throws IOException {
        long unpacked = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                for (int read = zip.read(buffer); read >= 0; read = zip.read(buffer)) {
                    unpacked += read;
                    if (unpacked > maxUnpackedBytes) {
                        throw new Unreadable(String.format(Locale.ROOT, "the workbook unpacks to more than %,d bytes"
                                + " (ten times ONBOARDING_MAX_BYTES): split it, or raise the setting",
                                maxUnpackedBytes));
                    }
                }
            }
        } catch (ZipException e) {
            throw new Unreadable("the file starts as a workbook (a ZIP archive) but is damaged: save it again from"
                    + " Excel as .xlsx");
        }
    }

    @Override
    public Row next() throws IOException {
        try {
            while (rows.hasNext()) {
                Row row = read(rows.next());
                if (row != null) {
                    return row;
                }
            }
            return null;
        } catch (ExcelReaderException | IllegalStateException e) {
            throw new Unreadable("the workbook's first sheet cannot be read past the rows read so far: save it again"
                    + " from Excel as .xlsx");
        }
    }

    /** The row as text, or null when it is blank. */
    private Row read(org.dhatim.fastexcel.reader.Row sheetRow) {
        List<String> cells = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        boolean blank = true;
        for (int column = 0; column < sheetRow.getCellCount(); column++) {
            Cell cell = sheetRow.getCell(column);
            String text = "";
            if (cell != null && isError(cell)) {
                problems.add("cell " + cell.getAddress() + " holds an error (" + cell.getRawValue() + ")");
                text = null;
            } else if (cell != null) {
                text = text(cell);
            }
            blank &= text != null && text.isBlank();
            boolean underNoHeader = headed != null && (column >= headed.length || !headed[column]);
            if (underNoHeader && text != null && !text.isBlank()) {
                problems.add("cell " + cell.getAddress() + " holds a value, but its column has no header");
            }
            cells.add(text == null ? "" : text);
        }
        if (blank) {
            return null;
        }
        if (headed == null) {
            headed = new boolean[cells.size()];
            for (int column = 0; column < cells.size(); column++) {
                headed[column] = !cells.get(column).isBlank();
            }
        }
        return new Row(cells, problems);
    }

    private static boolean isError(Cell cell) {
        return cell.getType() == org.dhatim.fastexcel.reader.CellType.ERROR
                || cell.getType() == org.dhatim.fastexcel.reader.CellType.FORMULA && cell.getValue() instanceof String text
                && ERROR_VALUE.matcher(text).matches();
    }

    /** A cell's value as Excel shows it in the usual formats. */
    static String text(Cell cell) {
        Object value = cell.getValue();
        return switch (cell.getType()) {
            case EMPTY -> "";
            case STRING -> value == null ? "" : value.toString();
            case BOOLEAN -> Boolean.TRUE.equals(value) ? "TRUE" : "FALSE";
            case NUMBER, FORMULA -> value instanceof BigDecimal number ? number(cell, number)
                    : value instanceof Boolean bool ? (bool ? "TRUE" : "FALSE")
                    : value == null ? "" : value.toString();
            case ERROR -> cell.getRawValue();
        };
    }

    private static String number(Cell cell, BigDecimal number) {
        String format = visibleCodes(cell.getDataFormatString());
        if (isDate(cell.getDataFormatId(), format)) {
            LocalDateTime at = cell.asDate();
            if (at.toLocalTime().equals(LocalTime.MIDNIGHT)) {
                return at.toLocalDate().toString();
            }
            boolean timeOnly = format != null && !format.matches(".*[yYdD].*") && TIME_PARTS.matcher(format).find();
            return timeOnly ? at.format(TIME) : at.toLocalDate() + " " + at.format(TIME);
        }
        if (format != null && format.contains("%")) {
            return plain(number.movePointRight(2)) + "%";
        }
        String digits = plain(number);
        if (format != null && ZERO_PADDED.matcher(format).matches() && digits.matches("\\d+")
                && digits.length() < format.length()) {
            return "0".repeat(format.length() - digits.length()) + digits;
        }
        return digits;
    }

    private static String plain(BigDecimal number) {
        return number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
    }

    /** Excel's built-in date and time formats are ids 14 to 22 and 45 to 47; a custom one says so in its codes. */
    private static boolean isDate(Integer formatId, String codes) {
        if (formatId != null && (formatId >= 14 && formatId <= 22 || formatId >= 45 && formatId <= 47)) {
            return true;
        }
        return codes != null && !codes.equalsIgnoreCase("General")
                && (DATE_PARTS.matcher(codes).find() || TIME_PARTS.matcher(codes).find());
    }

    /** A format's codes without its quoted text, escaped characters and bracketed colours or conditions. */
    private static String visibleCodes(String format) {
        return format == null ? null : format.replaceAll("\"[^\"]*\"", "").replaceAll("\\\\.", "")
                .replaceAll("\\[[^]]*]", "").replaceAll("_.", "");
    }

    @Override
    public String kind() {
        return "workbook";
    }

    @Override
    public void close() throws IOException {
        try {
            stream.close();
        } finally {
            workbook.close();
        }
    }
}
