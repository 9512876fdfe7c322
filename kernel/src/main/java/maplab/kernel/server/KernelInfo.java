package maplab.kernel.server;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import maplab.kernel.wire.WireCodec;

/** The kernel_info_reply content: protocol, implementation, and language_info for front-ends. */
final class KernelInfo {

    JsonObject content() {
        JsonObject c = new JsonObject();
        c.addProperty("status", "ok");
        c.addProperty("protocol_version", WireCodec.PROTOCOL_VERSION);
        c.addProperty("implementation", "maplab");
        c.addProperty("implementation_version", "0.1.0");
        JsonObject lang = new JsonObject();
        lang.addProperty("name", "java");
        lang.addProperty("version", Runtime.version().toString());
        lang.addProperty("mimetype", "text/x-java");
        lang.addProperty("file_extension", ".jshell");
        lang.addProperty("pygments_lexer", "java");
        lang.addProperty("codemirror_mode", "text/x-java");
        c.add("language_info", lang);
        c.addProperty("banner", "MapLab: Java " + Runtime.version() + " (JShell) with the Go map model, Tablesaw and XChart");
        JsonArray links = new JsonArray();
        JsonObject help = new JsonObject();
        help.addProperty("text", "JShell");
        help.addProperty("url", "https://docs.oracle.com/en/java/javase/17/jshell/");
        links.add(help);
        c.add("help_links", links);
        c.addProperty("debugger", false);
        return c;
    }
}
