package org.elearn.query.web;

/**
 * Spreadsheet formula injection: a cell that begins with {@code =}, {@code +}, {@code -}, {@code @},
 * a tab or a carriage return can run as a formula when the file is opened. Exports prefix such
 * cells with an apostrophe, which spreadsheets show as text. Stored data stays as it was given.
 */
public final class CsvCells {

    private CsvCells() {
    }

    public static String neutralize(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + cell : cell;
    }
}
