package maplab.kernel.server;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.concurrent.Future;
import maplab.kernel.eval.CellResult;
import maplab.kernel.eval.DisplayOutput;
import maplab.kernel.eval.Evaluator;
import maplab.kernel.magic.Magics;
import maplab.kernel.wire.Message;

/**
 * The requests of the shell channel. Each runs on the shell thread, between busy and idle status
 * messages. A request with bad content gets an error reply naming what is wrong; nothing a
 * request contains can end the loop that called it.
 */
final class ShellHandlers {

    private final Replies replies;
    private final OutputRouter output;
    private final InputRequests inputs;
    private final Future<Evaluator> evaluator;
    private final History history = new History();
    private final KernelInfo info;
    private int executionCount;

    ShellHandlers(Replies replies, OutputRouter output, InputRequests inputs, Future<Evaluator> evaluator,
                  KernelInfo info) {
        this.replies = replies;
        this.output = output;
        this.inputs = inputs;
        this.evaluator = evaluator;
        this.info = info;
    }

    /** Handles one request; returns false for a message type this kernel does not know. */
    boolean handle(Channel shell, Message m) throws Exception {
        switch (m.type()) {
            case "kernel_info_request" -> replies.reply(shell, m, "kernel_info_reply", info.content());
            case "execute_request" -> execute(shell, m);
            case "complete_request" -> complete(shell, m);
            case "inspect_request" -> inspect(shell, m);
            case "is_complete_request" -> isComplete(shell, m);
            case "history_request" -> history(shell, m);
            case "comm_info_request" -> {
                JsonObject c = new JsonObject();
                c.add("comms", new JsonObject());
                replies.reply(shell, m, "comm_info_reply", c);
            }
            case "comm_open" -> {
                // No comm targets: close it at once, as the protocol asks of a kernel without the target.
                JsonObject c = new JsonObject();
                c.add("comm_id", m.content().get("comm_id"));
                c.add("data", new JsonObject());
                replies.publish(m.header(), "comm_close", c);
            }
            case "comm_msg", "comm_close" -> { }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void execute(Channel shell, Message m) throws Exception {
        String code = text(m.content(), "code");
        boolean silent = bool(m.content(), "silent", false);
        boolean store = bool(m.content(), "store_history", !silent);
        boolean allowStdin = bool(m.content(), "allow_stdin", false);
        if (store) {
            executionCount++;
        }
        int count = executionCount;
        if (!silent) {
            JsonObject input = new JsonObject();
            input.addProperty("code", code);
            input.addProperty("execution_count", count);
            replies.publish(m.header(), "execute_input", input);
        }
        output.startCell(m.header());
        inputs.startCell(m, allowStdin);
        CellResult r;
        try {
            r = new Magics(evaluator.get(), output).run(code);
        } finally {
            inputs.endCell();
            output.endCell();
        }
        if (store) {
            String shown = r.ok() && r.value() != null && r.value().data().has("text/plain")
                    ? r.value().data().get("text/plain").getAsString() : null;
            history.add(count, code, shown);
        }
        JsonObject reply = new JsonObject();
        reply.addProperty("execution_count", count);
        if (r.ok()) {
            reply.addProperty("status", "ok");
            reply.add("payload", new JsonArray());
            reply.add("user_expressions", new JsonObject());
            DisplayOutput v = r.value();
            if (v != null && !silent) {
                JsonObject result = new JsonObject();
                result.addProperty("execution_count", count);
                result.add("data", v.data());
                result.add("metadata", v.metadata());
                replies.publish(m.header(), "execute_result", result);
            }
        } else {
            JsonObject error = errorContent(r.error().ename(), r.error().evalue(), r.error().traceback());
            if (!silent) {
                replies.publish(m.header(), "error", error.deepCopy());
            }
            reply.addProperty("status", "error");
            for (String k : List.of("ename", "evalue", "traceback")) {
                reply.add(k, error.get(k));
            }
        }
        replies.reply(shell, m, "execute_reply", reply);
    }

    static JsonObject errorContent(String ename, String evalue, List<String> traceback) {
        JsonObject e = new JsonObject();
        e.addProperty("ename", ename);
        e.addProperty("evalue", evalue);
        JsonArray tb = new JsonArray();
        traceback.forEach(tb::add);
        e.add("traceback", tb);
        return e;
    }

    private void complete(Channel shell, Message m) throws Exception {
        String code = text(m.content(), "code");
        int cursor = Offsets.toJava(code, integer(m.content(), "cursor_pos", code.codePointCount(0, code.length())));
        var c = evaluator.get().complete(code, cursor);
        JsonObject reply = new JsonObject();
        JsonArray matches = new JsonArray();
        c.matches().forEach(matches::add);
        reply.add("matches", matches);
        reply.addProperty("cursor_start", Offsets.toJupyter(code, c.start()));
        reply.addProperty("cursor_end", Offsets.toJupyter(code, c.end()));
        reply.add("metadata", new JsonObject());
        replies.reply(shell, m, "complete_reply", reply);
    }

    private void inspect(Channel shell, Message m) throws Exception {
        String code = text(m.content(), "code");
        int cursor = Offsets.toJava(code, integer(m.content(), "cursor_pos", code.codePointCount(0, code.length())));
        List<String> docs = evaluator.get().inspect(code, cursor);
        JsonObject reply = new JsonObject();
        reply.addProperty("found", !docs.isEmpty());
        JsonObject data = new JsonObject();
        if (!docs.isEmpty()) {
            data.addProperty("text/plain", String.join("\n\n", docs));
        }
        reply.add("data", data);
        reply.add("metadata", new JsonObject());
        replies.reply(shell, m, "inspect_reply", reply);
    }

    private void isComplete(Channel shell, Message m) throws Exception {
        String code = text(m.content(), "code");
        JsonObject reply = new JsonObject();
        if (code.stripLeading().startsWith("%")) {
            reply.addProperty("status", "complete");
        } else {
            switch (evaluator.get().isComplete(code)) {
                case COMPLETE -> reply.addProperty("status", "complete");
                case INVALID -> reply.addProperty("status", "invalid");
                case INCOMPLETE -> {
                    reply.addProperty("status", "incomplete");
                    reply.addProperty("indent", "    ");
                }
            }
        }
        replies.reply(shell, m, "is_complete_reply", reply);
    }

    private void history(Channel shell, Message m) {
        JsonObject reply = new JsonObject();
        reply.add("history", history.query(m.content()));
        replies.reply(shell, m, "history_reply", reply);
    }

    static String text(JsonObject content, String field) {
        JsonElement e = content.get(field);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException("the request needs a string '" + field + "'");
        }
        return e.getAsString();
    }

    static String optionalText(JsonObject content, String field, String otherwise) {
        JsonElement e = content.get(field);
        return e == null || e.isJsonNull() ? otherwise : text(content, field);
    }

    static boolean bool(JsonObject content, String field, boolean otherwise) {
        JsonElement e = content.get(field);
        if (e == null || e.isJsonNull()) {
            return otherwise;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw new IllegalArgumentException("'" + field + "' must be true or false");
        }
        return e.getAsBoolean();
    }

    static int integer(JsonObject content, String field, int otherwise) {
        JsonElement e = content.get(field);
        if (e == null || e.isJsonNull()) {
            return otherwise;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException("'" + field + "' must be a number");
        }
        return e.getAsInt();
    }
}
