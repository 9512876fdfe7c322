package maplab.experiment;

import java.util.ArrayList;
import java.util.List;
import maplab.engine.GoVersion;
import maplab.engine.MapType;
import maplab.memory.MemoryExperiments;
import maplab.table.Progress;
import maplab.table.TableBuilder;
import tech.tablesaw.api.Table;

/** The heap model's experiments ({@link MemoryExperiments}) as tables. See {@link Experiments}. */
final class MemoryTables {

    private MemoryTables() {
    }

    private static void checkSizes(long[] sizes) {
        if (sizes == null || sizes.length == 0) {
            throw new IllegalArgumentException("sizes must list at least one map size");
        }
        for (long n : sizes) {
            Params.between("each size", n, 1, 10_000_000);
        }
    }

    private static final List<String> KEYS = List.of("uint64", "string");
    private static final List<String> ELEMS = List.of("uint64", "string", "struct{}", "[200]byte");

    /** The heap model's workloads (MemoryReplay) generate these key and elem types only. */
    private static void checkType(MapType type) {
        if (type == null) {
            throw new IllegalArgumentException("type must be a map type, got null");
        }
        if (!KEYS.contains(type.key().name()) || !ELEMS.contains(type.elem().name())) {
            throw new IllegalArgumentException("the memory experiments support key types " + KEYS + " and elem types "
                    + ELEMS + ", got " + type);
        }
    }

    static Table bytesPerEntry(List<MapType> types, long[] sizes, List<GoVersion> versions) {
        if (types == null || types.isEmpty()) {
            throw new IllegalArgumentException("types must list at least one map type");
        }
        types.forEach(MemoryTables::checkType);
        checkSizes(sizes);
        TableBuilder t = new TableBuilder("bytes per entry").strings("type").longs("n", "bytes")
                .doubles("bytesPerEntry").strings("go");
        Progress progress = new Progress("bytes per entry", (long) types.size() * sizes.length * versions.size(),
                "maps");
        for (List<Object[]> rows : Trials.map(versions, progress, (version, step) -> {
            List<Object[]> out = new ArrayList<>();
            for (MapType type : types) {
                for (long n : sizes) {
                    MemoryExperiments.PerEntry p = MemoryExperiments.bytesPerEntry(type, n, version);
                    out.add(new Object[] {p.type(), p.n(), p.bytes(), p.bytesPerEntry(), version.release()});
                    step.run();
                }
            }
            return out;
        })) {
            rows.forEach(t::row);
        }
        progress.done();
        return t.build();
    }

    static Table neverShrinks(MapType type, long[] sizes, List<GoVersion> versions) {
        checkType(type);
        checkSizes(sizes);
        TableBuilder t = new TableBuilder("memory after emptying " + type).strings("type")
                .longs("n", "full", "afterDeleteAll", "afterClear", "afterNewMap").strings("go");
        Progress progress = new Progress("never shrinks", (long) sizes.length * versions.size(), "sizes");
        for (List<Object[]> rows : Trials.map(versions, progress, (version, step) -> {
            List<Object[]> out = new ArrayList<>();
            for (long n : sizes) {
                MemoryExperiments.Emptying e = MemoryExperiments.deleteAllVsClearVsNewMap(type, n, version);
                out.add(new Object[] {type.toString(), n, e.full(), e.afterDeleteAll(), e.afterClear(),
                    e.afterNewMap(), version.release()});
                step.run();
            }
            return out;
        })) {
            rows.forEach(t::row);
        }
        progress.done();
        return t.build();
    }
}
