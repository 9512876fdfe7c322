package maplab.kernel.display;

import maplab.table.Numbers;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;
import tech.tablesaw.table.Relation;

/**
 * Tablesaw tables as an HTML table with inline styles (and Tablesaw's own text form). A long
 * table shows its first and last rows with a note of how many were left out, so a million-row
 * result cannot flood the notebook. Fractional numbers (double and float columns) are shown for
 * people, by {@link Numbers#format}: "2.062", not "2.0624999999999996"; "16,384", not "1.6384E4".
 */
final class TableRenderer {

    static final int HEAD = 20;
    static final int TAIL = 5;

    private TableRenderer() {
    }

    static MimeBundle render(Relation t) {
        int rows = t.rowCount();
        StringBuilder h = new StringBuilder();
        h.append("<div style=\"font-family:sans-serif;font-size:12px\">");
        h.append("<div style=\"font-weight:bold;margin:2px 0\">").append(Html.escape(t.name() == null ? "" : t.name()))
                .append(" <span style=\"font-weight:normal;color:#666\">(").append(rows).append(" rows \u00d7 ")
                .append(t.columnCount()).append(" columns)</span></div>");
        h.append("<table style=\"border-collapse:collapse\"><thead><tr>");
        for (String name : t.columnNames()) {
            h.append("<th style=\"border-bottom:2px solid #444;padding:2px 8px;text-align:right\">")
                    .append(Html.escape(name)).append("</th>");
        }
        h.append("</tr></thead><tbody>");
        boolean cut = rows > HEAD + TAIL;
        for (int r = 0; r < rows; r++) {
            if (cut && r == HEAD) {
                h.append("<tr><td colspan=\"").append(t.columnCount())
                        .append("\" style=\"padding:2px 8px;color:#666;text-align:center\">\u2026 ")
                        .append(rows - HEAD - TAIL).append(" more rows \u2026</td></tr>");
                r = rows - TAIL;
            }
            h.append("<tr>");
            for (int c = 0; c < t.columnCount(); c++) {
                h.append("<td style=\"border-bottom:1px solid #ddd;padding:2px 8px;text-align:right\">")
                        .append(Html.escape(cell(t.column(c), r))).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</tbody></table></div>");
        String text = cut ? forPeople(t.first(HEAD)).print() + "\n... " + (rows - HEAD) + " more rows"
                : forPeople(t.first(rows)).print();
        return new MimeBundle().put("text/html", h.toString()).put("text/plain", text);
    }

    private static boolean fractional(Column<?> column) {
        return column.type() == ColumnType.DOUBLE || column.type() == ColumnType.FLOAT;
    }

    private static String cell(Column<?> column, int row) {
        if (fractional(column) && !column.isMissing(row)) {
            return Numbers.format(((NumericColumn<?>) column).getDouble(row));
        }
        return column.getString(row);
    }

    /** The rows shown as text, their fractional columns printed by {@link Numbers#format} (a copy: the user's table keeps its format). */
    private static Table forPeople(Table shown) {
        for (Column<?> c : shown.columns()) {
            if (fractional(c)) {
                ((NumericColumn<?>) c).setPrintFormatter(new NumberColumnFormatter() {
                    @Override
                    public String format(double value) {
                        return Numbers.format(value);
                    }

                    @Override
                    public String format(float value) {
                        return Numbers.format(value);
                    }
                });
            }
        }
        return shown;
    }
}
