package com.wixanswers.wfm.testing;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Workbooks through Apache POI, a reader and writer other than the app's (fastexcel): POI is what NPOI, the library
 * Calabrio's people importer reads workbooks with, was ported from.
 */
public final class Workbooks {
    private Workbooks() {
    }

    /** A value of a test upload: text, a number cell, a date cell, a formula, or a number cell with a format. */
    public sealed interface Value {
    }

    public record Number(double value, String format) implements Value {
    }

    public record Date(LocalDate value, String format) implements Value {
    }

    public record Formula(String formula) implements Value {
    }

    public static Number number(double value) {
        return new Number(value, null);
    }

    public static Number number(double value, String format) {
        return new Number(value, format);
    }

    public static Date date(LocalDate value) {
        return new Date(value, "yyyy-mm-dd");
    }

    public static Formula formula(String formula) {
        return new Formula(formula);
    }

    /**
     * An .xlsx of one sheet as Excel writes it: text in the shared-strings table, numbers and dates as number cells
     * with their formats; a null row is a blank row; a String is text, a null cell is no cell.
     */
    public static byte[] xlsx(List<List<Object>> rows) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("Agents");
            Map<String, CellStyle> styles = new LinkedHashMap<>();
            for (int index = 0; index < rows.size(); index++) {
                if (rows.get(index) == null) {
                    continue;
                }
                Row row = sheet.createRow(index);
                List<Object> values = rows.get(index);
                for (int column = 0; column < values.size(); column++) {
                    Object value = values.get(column);
                    if (value == null) {
                        continue;
                    }
                    Cell cell = row.createCell(column);
                    if (value instanceof String text) {
                        cell.setCellValue(text);
                    } else if (value instanceof Number number) {
                        cell.setCellValue(number.value());
                        if (number.format() != null) {
                            cell.setCellStyle(style(workbook, styles, number.format()));
                        }
                    } else if (value instanceof Date date) {
                        cell.setCellValue(date.value());
                        cell.setCellStyle(style(workbook, styles, date.format()));
                    } else if (value instanceof Formula formula) {
                        cell.setCellFormula(formula.formula());
                    } else {
                        throw new IllegalArgumentException("no cell for " + value);
                    }
                }
            }
            workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
            workbook.write(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CellStyle style(XSSFWorkbook workbook, Map<String, CellStyle> styles, String format) {
        return styles.computeIfAbsent(format, code -> {
            CellStyle style = workbook.createCellStyle();
            style.setDataFormat(workbook.createDataFormat().getFormat(code));
            return style;
        });
    }

    /**
     * The first sheet read as Calabrio's importer reads it: row 1 the header (text cells), then per row a map of
     * header to value, where {@code dateColumn}'s cell must be a date-formatted number cell (read as a LocalDate)
     * and every other cell a text cell. A number cell in a text column, a text date or a formula fails, as the
     * importer refuses it ("requires text cell format").
     */
    public static List<Map<String, Object>> readAsCalabrio(byte[] workbook, String dateColumn) {
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(workbook))) {
            Sheet sheet = book.getSheetAt(0);
            Row header = sheet.getRow(0);
            List<String> names = new ArrayList<>();
            for (Cell cell : header) {
                require(cell.getCellType() == CellType.STRING, cell, "a header cell must be text");
                names.add(cell.getStringCellValue());
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int index = 1; index <= sheet.getLastRowNum(); index++) {
                Row row = sheet.getRow(index);
                Map<String, Object> values = new LinkedHashMap<>();
                for (int column = 0; column < names.size(); column++) {
                    Cell cell = row.getCell(column);
                    String name = names.get(column);
                    if (cell == null || cell.getCellType() == CellType.BLANK) {
                        values.put(name, null);
                    } else if (name.equals(dateColumn)) {
                        require(cell.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell), cell,
                                "the start date must be a date cell");
                        values.put(name, cell.getLocalDateTimeCellValue().toLocalDate());
                    } else {
                        require(cell.getCellType() == CellType.STRING, cell, "requires text cell format");
                        values.put(name, cell.getStringCellValue());
                    }
                }
                rows.add(values);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The header row's texts. */
    public static List<String> header(byte[] workbook) {
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(workbook))) {
            List<String> names = new ArrayList<>();
            book.getSheetAt(0).getRow(0).forEach(cell -> names.add(cell.getStringCellValue()));
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The format of the date column's cells, as a person sees it in Excel. */
    public static String dateFormat(byte[] workbook, int row, int column) {
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(workbook))) {
            return book.getSheetAt(0).getRow(row).getCell(column).getCellStyle().getDataFormatString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void require(boolean condition, Cell cell, String why) {
        if (!condition) {
            throw new AssertionError("cell " + cell.getAddress() + " (" + cell.getCellType() + "): " + why);
        }
    }
}
