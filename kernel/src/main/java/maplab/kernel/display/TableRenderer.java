package maplab.kernel.display;

import tech.tablesaw.table.Relation;

/**
 * Tablesaw tables as an HTML table with inline styles (and Tablesaw's own text form). A long
 * table shows its first and last rows with a note of how many were left out, so a million-row
 * result cannot flood the notebook.
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
                        .append(Html.escape(t.getString(r, c))).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</tbody></table></div>");
        String text = cut ? t.first(HEAD).print() + "\n... " + (rows - HEAD) + " more rows" : t.print();
        return new MimeBundle().put("text/html", h.toString()).put("text/plain", text);
    }
}
