package maplab.trace;

import java.util.List;

/** A whole trace: the header and the operation lines, in order. {@code source} names it in messages. */
public record Trace(String source, TraceHeader header, List<TraceOp> ops) {

    /** The file name without directories and the .jsonl ending. */
    public String name() {
        String n = source.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1);
        return n.endsWith(".jsonl") ? n.substring(0, n.length() - ".jsonl".length()) : n;
    }
}
