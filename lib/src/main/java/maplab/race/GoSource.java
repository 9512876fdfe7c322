package maplab.race;

import java.util.List;
import maplab.engine.GoType;

/** Writes a scenario as the Go program it stands for: the map, its initial entries, the synchronisation, the goroutines. */
final class GoSource {

    private GoSource() {
    }

    static String of(Scenario s) {
        StringBuilder sb = new StringBuilder();
        sb.append("m := make(").append(s.type()).append(s.hint() > 0 ? ", " + s.hint() : "").append(")\n");
        s.initial().forEach((k, v) -> sb.append("m[").append(GoType.show(k)).append("] = ")
                .append(GoType.show(v)).append('\n'));
        s.mutexes().forEach(mu -> sb.append("var ").append(mu).append(" sync.Mutex\n"));
        s.channels().forEach((c, cap) -> sb.append(c).append(" := make(chan struct{}")
                .append(cap > 0 ? ", " + cap : "").append(")\n"));
        s.waitGroups().forEach((wg, n) -> sb.append("var ").append(wg).append(" sync.WaitGroup; ")
                .append(wg).append(".Add(").append(n).append(")\n"));
        List<List<Op>> goroutines = s.goroutines();
        for (int g = 0; g < goroutines.size(); g++) {
            sb.append("go func() { // G").append(g + 1).append('\n');
            for (Op op : goroutines.get(g)) {
                sb.append("\t").append(op.go()).append('\n');
            }
            sb.append("}()\n");
        }
        return sb.toString();
    }
}
