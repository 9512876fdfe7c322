package maplab.kernel.eval;

import java.util.List;

/**
 * What every session imports before the first cell (documented in the README): the usual JShell
 * packages, the map model, Tablesaw's API, XChart, and the display functions.
 */
public final class DefaultImports {

    public static final List<String> IMPORTS = List.of(
            "java.io.*",
            "java.math.*",
            "java.net.*",
            "java.nio.file.*",
            "java.util.*",
            "java.util.concurrent.*",
            "java.util.function.*",
            "java.util.regex.*",
            "java.util.stream.*",
            "maplab.engine.*",
            "maplab.engine.classic.*",
            "maplab.engine.swiss.*",
            "maplab.render.*",
            "maplab.experiment.*",
            "tech.tablesaw.api.*",
            "org.knowm.xchart.*",
            "maplab.kernel.display.MimeBundle",
            "maplab.kernel.display.DisplayHandle",
            "maplab.kernel.display.Renderers",
            "static maplab.kernel.display.Display.*");

    private DefaultImports() {
    }

    /** All imports as one cell of source. */
    public static String source() {
        StringBuilder s = new StringBuilder();
        for (String i : IMPORTS) {
            s.append("import ").append(i).append(";\n");
        }
        return s.toString();
    }
}
