package maplab.kernel.eval;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * How to start the cells' JVM: its class path (the kernel's own by default: the model, Tablesaw,
 * XChart and the display classes must be there) and extra JVM options (MAPLAB_KERNEL_JVM_OPTS,
 * e.g. -Xmx2g). The token frames display records (see DisplayRecords).
 */
public record EvaluatorConfig(String classpath, List<String> remoteVmOptions, String token) {

    public EvaluatorConfig {
        remoteVmOptions = List.copyOf(remoteVmOptions);
    }

    public static EvaluatorConfig defaults() {
        List<String> extra = new ArrayList<>();
        String opts = System.getenv().getOrDefault("MAPLAB_KERNEL_JVM_OPTS", "").trim();
        if (!opts.isEmpty()) {
            extra.addAll(List.of(opts.split("\\s+")));
        }
        return new EvaluatorConfig(System.getProperty("java.class.path"), extra, UUID.randomUUID().toString());
    }


    public EvaluatorConfig withVmOptions(List<String> options) {
        return new EvaluatorConfig(classpath, options, token);
    }

    List<String> classpathEntries() {
        return List.of(classpath.split(File.pathSeparator));
    }
}
