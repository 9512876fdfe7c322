package maplab.render;

import java.util.List;
import maplab.engine.GoType;
import maplab.engine.classic.BucketSnapshot;
import maplab.engine.classic.MapSnapshot;

/**
 * The plain-text picture of a classic map snapshot ({@link TextDiagram}): the header, then one line per bucket of each
 * chain, each slot shown as its tophash state or its key.
 *
 * <pre>
 * map[uint64]uint64 go1.19 count=9 B=1 flags=0 noverflow=0 hash0=0x1b2c3d4e
 * buckets#1 (2 buckets)
 *   [0] buckets#1[0]  k=3:9  k=5:25  .  _  _  _  _  _
 * </pre>
 * A live slot shows key:elem; {@code .} is emptyOne, {@code _} emptyRest, {@code X}/{@code Y}
 * evacuatedX/Y and {@code E} evacuatedEmpty.
 */
final class ClassicText {

    private ClassicText() {
    }

    static String render(MapSnapshot s) {
        StringBuilder out = new StringBuilder();
        out.append(s.type()).append(' ').append(s.version()).append(" count=").append(s.count())
                .append(" B=").append(s.B()).append(" flags=").append(s.flags())
                .append(" noverflow=").append(s.noverflow()).append(" hash0=").append(s.hash0Hex());
        if (s.growing()) {
            out.append(s.sameSizeGrow() ? " same-size-growing" : " growing").append(" nevacuate=").append(s.nevacuate());
        }
        out.append('\n');
        section(out, "buckets#" + s.arrayId(), s.buckets(), s.type().key(), s.type().elem());
        if (s.growing()) {
            section(out, "oldbuckets = buckets#" + s.oldArrayId(), s.oldbuckets(), s.type().key(), s.type().elem());
        }
        if (s.nextOverflowFree() > 0) {
            out.append("free preallocated overflow buckets: ").append(s.nextOverflowFree()).append('\n');
        }
        return out.toString();
    }

    private static void section(StringBuilder out, String title, List<BucketSnapshot> heads, GoType kt, GoType et) {
        if (heads.isEmpty()) {
            out.append("buckets: nil (allocated by the first insert)\n");
            return;
        }
        out.append(title).append(" (").append(heads.size()).append(heads.size() == 1 ? " bucket)\n" : " buckets)\n");
        for (int i = 0; i < heads.size(); i++) {
            String prefix = String.format("  [%d] ", i);
            for (BucketSnapshot b : heads.get(i).chain()) {
                out.append(prefix).append(b.name()).append(' ');
                for (int j = 0; j < 8; j++) {
                    out.append(' ').append(slot(b, j, kt, et));
                }
                out.append('\n');
                prefix = " ".repeat(prefix.length() - 3) + "-> ";
            }
        }
    }

    private static String slot(BucketSnapshot b, int j, GoType kt, GoType et) {
        switch (b.tophash(j)) {
            case 0: return "_";
            case 1: return ".";
            case 2: return "X";
            case 3: return "Y";
            case 4: return "E";
            default: return TextDiagram.value(kt, b.key(j)) + ":" + TextDiagram.value(et, b.elem(j));
        }
    }
}
