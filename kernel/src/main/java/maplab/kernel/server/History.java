package maplab.kernel.server;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The cells run in this session, for history_request: tail, range and search (IPython's glob
 * patterns: * and ?, backslash escapes). Entries are [session, line, input] or, with output,
 * [session, line, [input, output]]. Session 1 is this kernel's only session.
 */
final class History {

    static final int SESSION = 1;

    private record Entry(int line, String input, String output) {
    }

    private final List<Entry> entries = new ArrayList<>();

    synchronized void add(int line, String input, String output) {
        entries.add(new Entry(line, input, output));
    }

    synchronized JsonArray query(JsonObject request) {
        String type = ShellHandlers.optionalText(request, "hist_access_type", "tail");
        boolean output = ShellHandlers.bool(request, "output", false);
        int n = ShellHandlers.integer(request, "n", 0);
        List<Entry> picked;
        switch (type) {
            case "tail" -> picked = last(entries, n);
            case "range" -> {
                int start = ShellHandlers.integer(request, "start", 0);
                int stop = ShellHandlers.integer(request, "stop", Integer.MAX_VALUE);
                picked = new ArrayList<>();
                for (Entry e : entries) {
                    if (e.line() >= start && e.line() < stop) {
                        picked.add(e);
                    }
                }
            }
            case "search" -> {
                Pattern p = glob(ShellHandlers.optionalText(request, "pattern", "*"));
                boolean unique = ShellHandlers.bool(request, "unique", false);
                List<Entry> matches = new ArrayList<>();
                Set<String> seen = new LinkedHashSet<>();
                for (int i = entries.size() - 1; i >= 0; i--) {
                    Entry e = entries.get(i);
                    if (p.matcher(e.input()).matches() && (!unique || seen.add(e.input()))) {
                        matches.add(0, e);
                    }
                }
                picked = last(matches, n);
            }
            default -> throw new IllegalArgumentException("hist_access_type must be tail, range or search, not " + type);
        }
        JsonArray out = new JsonArray();
        for (Entry e : picked) {
            JsonArray row = new JsonArray();
            row.add(SESSION);
            row.add(e.line());
            if (output) {
                JsonArray io = new JsonArray();
                io.add(e.input());
                io.add(e.output() == null ? JsonNull.INSTANCE : new com.google.gson.JsonPrimitive(e.output()));
                row.add(io);
            } else {
                row.add(e.input());
            }
            out.add(row);
        }
        return out;
    }

    private static List<Entry> last(List<Entry> list, int n) {
        return n <= 0 ? new ArrayList<>(list) : new ArrayList<>(list.subList(Math.max(0, list.size() - n), list.size()));
    }

    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '\\' && i + 1 < glob.length()) {
                re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
            } else if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
