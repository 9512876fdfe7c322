package maplab.render;

import java.util.List;
import java.util.Locale;
import maplab.engine.MapType;
import maplab.engine.swiss.GroupSnapshot;
import maplab.engine.swiss.SwissSnapshot;
import maplab.engine.swiss.TableSnapshot;

/**
 * The SVG picture of a Swiss map snapshot ({@link SvgDiagram}): the header; a small map's one
 * group; or the directory as a row of entries naming their tables, then each table (its header
 * fields) with one row per group. A slot shows its control byte in hex above its key:elem, and its
 * fill tells its state: full, empty or deleted (a tombstone). Tables over 16 groups show their
 * first 16, and maps over 8 tables their first 8, saying how many more there are.
 */
final class SwissSvg {

    private static final int MAX_GROUPS = 16;
    private static final int MAX_TABLES = 8;
    private static final int ENTRY_W = 64;

    private SwissSvg() {
    }

    static String render(SwissSnapshot s) {
        SvgCanvas c = new SvgCanvas();
        int y = SvgCanvas.MARGIN + 14;
        c.text(SvgCanvas.MARGIN, y, header(s), "font-weight:bold");
        y += 10;
        if (s.isSmall()) {
            y += 18;
            if (s.small() == null) {
                c.text(SvgCanvas.MARGIN, y, "small map: no group yet (allocated by the first insert)", "font-style:italic");
            } else {
                c.text(SvgCanvas.MARGIN, y, "small map: groups#" + s.smallGroupsId() + " (one group, no table)", "");
                y = group(c, y + 8, 0, s.small(), s.type());
            }
        } else {
            y = directory(c, y, s);
            List<TableSnapshot> tables = s.tables();
            for (int t = 0; t < Math.min(MAX_TABLES, tables.size()); t++) {
                y = table(c, y, tables.get(t), s.type());
            }
            if (tables.size() > MAX_TABLES) {
                y += 16;
                c.text(SvgCanvas.MARGIN, y, "... " + (tables.size() - MAX_TABLES) + " more tables", "font-style:italic");
            }
        }
        y = c.legend(y + 24, new String[][] {{SvgDiagram.LIVE, "full (control byte = H2)"},
                {SvgDiagram.EMPTY_ONE, "deleted (0xfe, tombstone)"}, {SvgDiagram.EMPTY_REST, "empty (0x80)"}});
        return c.finish(y + SvgCanvas.MARGIN);
    }

    private static String header(SwissSnapshot s) {
        return s.type() + " " + s.version() + "  used=" + s.used() + " dirLen=" + s.dirLen() + " globalDepth="
                + s.globalDepth() + " clearSeq=" + s.clearSeq() + (s.tombstonePossible() ? " tombstonePossible" : "")
                + " seed=" + s.seedHex();
    }

    /** The directory: one box per entry with the id of the table it points to. */
    private static int directory(SvgCanvas c, int y, SwissSnapshot s) {
        y += 18;
        List<Integer> dir = s.directory();
        c.text(SvgCanvas.MARGIN, y, "directory#" + s.directoryId() + " (" + dir.size()
                + (dir.size() == 1 ? " entry" : " entries") + ", chosen by the top " + s.globalDepth() + " hash bits)", "");
        y += 8;
        int shown = Math.min(dir.size(), 32);
        // Entries are as wide as the widest label, e.g. "[31] t260", and never narrower than 64 px.
        int entryW = ENTRY_W;
        for (int i = 0; i < shown; i++) {
            entryW = Math.max(entryW, (int) Math.ceil(SvgCanvas.width("[" + i + "] t" + dir.get(i), 11)) + 12);
        }
        for (int i = 0; i < shown; i++) {
            int x = SvgCanvas.MARGIN + i * entryW;
            c.rect(x, y, entryW, 24, "#f4f4f4", "#333", 1);
            c.text(x + 6, y + 16, "[" + i + "] t" + dir.get(i), "font-size:11px");
        }
        if (shown < dir.size()) {
            c.text(SvgCanvas.MARGIN + shown * entryW + 6, y + 16, "... " + (dir.size() - shown) + " more", "");
        }
        return y + 24;
    }

    private static int table(SvgCanvas c, int y, TableSnapshot t, MapType type) {
        y += 26;
        c.text(SvgCanvas.MARGIN, y, String.format(Locale.ROOT,
                "%s index=%d localDepth=%d capacity=%d used=%d growthLeft=%d tombstones=%d (groups#%d)",
                t, t.index(), t.localDepth(), t.capacity(), t.used(), t.growthLeft(), t.tombstones(), t.groupsId()), "");
        y += 8;
        int shown = Math.min(MAX_GROUPS, t.groups().size());
        for (int g = 0; g < shown; g++) {
            y = group(c, y, g, t.groups().get(g), type);
        }
        if (shown < t.groups().size()) {
            y += 14;
            c.text(SvgCanvas.MARGIN, y, "... " + (t.groups().size() - shown) + " more groups", "font-style:italic");
        }
        return y;
    }

    /** One group: its index, then 8 slots with control byte and key:elem; returns the y below it. */
    private static int group(SvgCanvas c, int y, int g, GroupSnapshot gs, MapType type) {
        int x = SvgCanvas.MARGIN;
        c.text(x, y + SvgCanvas.SLOT_H / 2 + 5, "g" + g, "");
        x += 40;
        for (int i = 0; i < 8; i++) {
            String fill = gs.full(i) ? SvgDiagram.LIVE : gs.deleted(i) ? SvgDiagram.EMPTY_ONE : SvgDiagram.EMPTY_REST;
            String value = gs.empty(i) ? "empty" : gs.deleted(i) ? "deleted"
                    : TextDiagram.value(type.key(), gs.key(i)) + ":" + TextDiagram.value(type.elem(), gs.elem(i));
            c.slot(x + i * SvgCanvas.SLOT_W, y, fill, String.format(Locale.ROOT, "%02x", gs.ctrl(i)),
                    SvgCanvas.cut(value), gs.name() + " slot " + i + ": " + value);
        }
        c.rect(x, y, 8 * SvgCanvas.SLOT_W, SvgCanvas.SLOT_H, "none", "#333", 1.5);
        return y + SvgCanvas.SLOT_H + 6;
    }
}
