package org.elearn.query.web;

import java.util.regex.Pattern;

/**
 * Spreadsheet formula injection: a cell that begins with {@code =}, {@code +}, {@code -}, {@code @},
 * a tab or a carriage return can run as a formula when the file is opened. Exports prefix such
 * cells with an apostrophe, which spreadsheets show as text. A phone number or a plain number
 * ({@code +44 20 7946 0000}, {@code -2}) cannot call anything, so it is written as given rather
 * than corrupted with an apostrophe. Stored data stays as it was given.
 */
public final class CsvCells {

    /** Signs, digits and the separators of phone numbers and numbers: nothing a formula could call. */
    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?[0-9 ()./-]+");

    private CsvCells() {
    }

    public static String neutralize(String cell) {
        return isFormulaLike(cell) ? "'" + cell : cell;
    }

    /** Whether a spreadsheet could run this text as a formula. */
    public static boolean isFormulaLike(String cell) {
        if (cell == null || cell.isEmpty()) {
            return false;
        }
        char first = cell.charAt(0);
        return switch (first) {
            case '=', '@', '\t', '\r' -> true;
            case '+', '-' -> !PLAIN_NUMBER.matcher(cell).matches();
            default -> false;
        };
    }
}
