package maplab.render;

import java.util.List;
import maplab.engine.MapType;
import maplab.engine.swiss.GroupSnapshot;
import maplab.engine.swiss.SwissSnapshot;
import maplab.engine.swiss.TableSnapshot;

/**
 * The plain-text picture of a Swiss map snapshot ({@link TextDiagram}): the header, the small
 * group or the directory (the table of each entry), then each table with one line per group.
 * A slot shows its control byte in hex, then what it holds:
 *
 * <pre>
 * map[uint64]uint64 go1.26 used=9 dirLen=1 globalDepth=0 clearSeq=0 seed=0x...
 * directory#0 (1 entry): [0] table#0
 * table#0 index=0 localDepth=0 capacity=16 used=9 growthLeft=5 tombstones=0 (groups#1, 2 groups)
 *   g0  3a|17:289  80|_  fe|.  ...
 * </pre>
 * {@code 80|_} is an empty slot, {@code fe|.} a tombstone, {@code hh|key:elem} a full slot
 * whose control byte hh is the key's H2. Tables over 32 groups show their first 32.
 */
final class SwissText {

    private static final int MAX_GROUPS = 32;

    private SwissText() {
    }

    static String render(SwissSnapshot s) {
        StringBuilder out = new StringBuilder();
        out.append(s.type()).append(' ').append(s.version()).append(" used=").append(s.used())
                .append(" dirLen=").append(s.dirLen()).append(" globalDepth=").append(s.globalDepth())
                .append(" clearSeq=").append(s.clearSeq()).append(" seed=").append(s.seedHex());
        if (s.tombstonePossible()) {
            out.append(" tombstonePossible");
        }
        out.append('\n');
        if (s.isSmall()) {
            if (s.small() == null) {
                out.append("small map: no group yet (allocated by the first insert)\n");
            } else {
                out.append("small map: groups#").append(s.smallGroupsId()).append('\n');
                group(out, "  g0 ", s.small(), s.type());
            }
            return out.toString();
        }
        List<Integer> dir = s.directory();
        out.append("directory#").append(s.directoryId()).append(" (").append(dir.size())
                .append(dir.size() == 1 ? " entry):" : " entries):");
        for (int i = 0; i < dir.size(); i++) {
            out.append(" [").append(i).append("] table#").append(dir.get(i));
        }
        out.append('\n');
        for (TableSnapshot t : s.tables()) {
            out.append(t).append(" index=").append(t.index()).append(" localDepth=").append(t.localDepth())
                    .append(" capacity=").append(t.capacity()).append(" used=").append(t.used())
                    .append(" growthLeft=").append(t.growthLeft()).append(" tombstones=").append(t.tombstones())
                    .append(" (groups#").append(t.groupsId()).append(", ").append(t.groups().size())
                    .append(t.groups().size() == 1 ? " group)\n" : " groups)\n");
            int shown = Math.min(MAX_GROUPS, t.groups().size());
            for (int g = 0; g < shown; g++) {
                group(out, String.format("  g%-3d", g), t.groups().get(g), s.type());
            }
            if (shown < t.groups().size()) {
                out.append("  ... ").append(t.groups().size() - shown).append(" more groups\n");
            }
        }
        return out.toString();
    }

    private static void group(StringBuilder out, String prefix, GroupSnapshot g, MapType t) {
        out.append(prefix);
        for (int i = 0; i < 8; i++) {
            out.append(' ').append(slot(g, i, t));
        }
        out.append('\n');
    }

    static String slot(GroupSnapshot g, int i, MapType t) {
        String ctrl = String.format("%02x|", g.ctrl(i));
        if (g.empty(i)) {
            return ctrl + "_";
        }
        if (g.deleted(i)) {
            return ctrl + ".";
        }
        return ctrl + TextDiagram.value(t.key(), g.key(i)) + ":" + TextDiagram.value(t.elem(), g.elem(i));
    }
}
