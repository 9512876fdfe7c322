package maplab.trace;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.regex.Pattern;
import maplab.engine.GoMap;
import maplab.engine.MapIterator;
import maplab.engine.MapState;
import maplab.engine.MapType;
import maplab.engine.swiss.GroupSnapshot;
import maplab.engine.swiss.GroupType;
import maplab.engine.swiss.SwissIterator;
import maplab.engine.swiss.SwissSnapshot;
import maplab.engine.swiss.TableSnapshot;

/**
 * A Swiss map in the trace format: slotSize and groupSize, the Map summary, the small group or
 * the directory and its tables, and the iterator's two random offsets.
 */
final class SwissCodec implements TraceCodec {

    static final SwissCodec INSTANCE = new SwissCodec();

    private static final Pattern FREED = Pattern.compile("(directory|table|groups)#\\d+");

    private SwissCodec() {
    }

    @Override
    public String engine() {
        return "swiss";
    }

    @Override
    public void checkLayout(JsonObject h, MapType type) {
        GroupType g = GroupType.of(type);
        expect(h, "slotSize", g.slotSize(), type);
        expect(h, "groupSize", g.groupSize(), type);
    }

    private static void expect(JsonObject h, String field, long want, MapType type) {
        long got = TraceReader.integer(h, field);
        if (got != want) {
            throw new IllegalArgumentException(field + " is " + got + " but " + type + " has " + want);
        }
    }

    @Override
    public void writeLayout(JsonObject h, MapType type) {
        GroupType g = GroupType.of(type);
        h.addProperty("slotSize", g.slotSize());
        h.addProperty("groupSize", g.groupSize());
    }

    private static final java.util.Set<String> SUMMARY = java.util.Set.of("used", "dirLen", "globalDepth",
            "tombstonePossible", "clearSeq", "seed");
    private static final java.util.Set<String> AFTER = java.util.Set.of("small", "directory", "tables");
    private static final java.util.Set<String> TABLE = java.util.Set.of("id", "localDepth", "index", "capacity",
            "used", "growthLeft", "groups");
    private static final java.util.Set<String> GROUP = java.util.Set.of("ctrl", "keys", "elems");

    @Override
    public void checkSummary(JsonObject s) {
        StateShape.object(s, "summary", SUMMARY);
        for (String f : new String[] {"used", "dirLen", "globalDepth", "clearSeq"}) {
            StateShape.integer(s, f, "summary", 0, Long.MAX_VALUE);
        }
        TraceReader.bool(s, "tombstonePossible");
        Values.hex(s.get("seed"), "summary.seed");
    }

    /** {small, directory, tables}: GROUPs and TABLEs of the documented fields. */
    @Override
    public void checkAfter(JsonObject a, MapType t) {
        StateShape.object(a, "after", AFTER);
        if (!a.get("small").isJsonNull()) {
            group(a.get("small"), "after.small", t);
        }
        JsonArray dir = StateShape.array(a, "directory", "after", -1);
        for (int j = 0; j < dir.size(); j++) {
            TraceReader.integer(a, "after.directory[" + j + "]", dir.get(j));
        }
        JsonArray tables = StateShape.array(a, "tables", "after", -1);
        for (int j = 0; j < tables.size(); j++) {
            String path = "after.tables[" + j + "]";
            JsonObject o = StateShape.object(tables.get(j), path, TABLE);
            for (String f : new String[] {"id", "localDepth", "index", "capacity", "used", "growthLeft"}) {
                StateShape.integer(o, f, path, 0, Long.MAX_VALUE);
            }
            JsonArray groups = StateShape.array(o, "groups", path, -1);
            for (int g = 0; g < groups.size(); g++) {
                group(groups.get(g), path + ".groups[" + g + "]", t);
            }
        }
    }

    private static void group(JsonElement e, String path, MapType t) {
        JsonObject o = StateShape.object(e, path, GROUP);
        StateShape.bytes(o, "ctrl", path);
        StateShape.slots(o, "keys", path, t.key());
        StateShape.slots(o, "elems", path, t.elem());
    }

    @Override
    public void checkStart(JsonObject s) {
        for (String f : new String[] {"entryOffset", "dirOffset"}) {
            JsonElement e = s.get(f);
            if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
                throw new IllegalArgumentException("start." + f + " must be a decimal string");
            }
            try {
                Long.parseUnsignedLong(e.getAsString());
            } catch (NumberFormatException x) {
                throw new IllegalArgumentException("start." + f + " '" + e.getAsString() + "' is not a 64-bit unsigned decimal");
            }
        }
    }

    @Override
    public Pattern freedIds() {
        return FREED;
    }

    @Override
    public String seedField() {
        return "seed";
    }

    @Override
    public JsonObject summary(MapState state) {
        SwissSnapshot s = (SwissSnapshot) state;
        JsonObject o = new JsonObject();
        o.addProperty("used", s.used());
        o.addProperty("dirLen", s.dirLen());
        o.addProperty("globalDepth", s.globalDepth());
        o.addProperty("tombstonePossible", s.tombstonePossible());
        o.addProperty("clearSeq", s.clearSeq());
        o.addProperty("seed", Values.hex64(s.seed()));
        return o;
    }

    /** {@code {"entryOffset":"e","dirOffset":"d"}}: the two draws of Iter.Init, before Next moved dirOffset. */
    @Override
    public JsonObject start(MapIterator iterator) {
        SwissIterator it = (SwissIterator) iterator;
        JsonObject s = new JsonObject();
        s.addProperty("entryOffset", Long.toUnsignedString(it.entryOffset()));
        s.addProperty("dirOffset", Long.toUnsignedString(it.dirOffset()));
        return s;
    }

    /** Iter.Init draws entryOffset, then dirOffset, and only when the map has entries. */
    @Override
    public void queueStart(ScriptedRandom random, JsonObject start, GoMap map) {
        if (map.len() > 0) {
            random.start(Long.parseUnsignedLong(start.get("entryOffset").getAsString()));
            random.start(Long.parseUnsignedLong(start.get("dirOffset").getAsString()));
        }
    }

    @Override
    public JsonObject after(MapState state) {
        SwissSnapshot s = (SwissSnapshot) state;
        MapType t = s.type();
        JsonObject o = new JsonObject();
        o.add("small", s.small() == null ? JsonNull.INSTANCE : group(t, s.small()));
        JsonArray dir = new JsonArray();
        s.directory().forEach(dir::add);
        o.add("directory", dir);
        JsonArray tables = new JsonArray();
        for (TableSnapshot ts : s.tables()) {
            JsonObject j = new JsonObject();
            j.addProperty("id", ts.id());
            j.addProperty("localDepth", ts.localDepth());
            j.addProperty("index", ts.index());
            j.addProperty("capacity", ts.capacity());
            j.addProperty("used", ts.used());
            j.addProperty("growthLeft", ts.growthLeft());
            JsonArray groups = new JsonArray();
            ts.groups().forEach(g -> groups.add(group(t, g)));
            j.add("groups", groups);
            tables.add(j);
        }
        o.add("tables", tables);
        return o;
    }

    private static JsonObject group(MapType t, GroupSnapshot g) {
        JsonObject o = new JsonObject();
        JsonArray ctrl = new JsonArray(GroupType.SLOTS);
        JsonArray keys = new JsonArray(GroupType.SLOTS);
        JsonArray elems = new JsonArray(GroupType.SLOTS);
        for (int i = 0; i < GroupType.SLOTS; i++) {
            ctrl.add(new JsonPrimitive(g.ctrl(i)));
            // A control byte below 128 is a full slot's H2.
            boolean live = g.ctrl(i) < 128;
            keys.add(Values.encode(t.key(), g.key(i), live));
            elems.add(Values.encode(t.elem(), g.elem(i), live));
        }
        o.add("ctrl", ctrl);
        o.add("keys", keys);
        o.add("elems", elems);
        return o;
    }
}
