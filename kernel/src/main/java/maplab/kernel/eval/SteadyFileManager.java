package maplab.kernel.eval;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;

/**
 * The compiler's file manager under JShell, made to keep its class-path index between javac tasks.
 *
 * <p>JShell runs two to five javac tasks per snippet. Each task hands the file manager its options
 * again ({@code --multi-release} at least, from javac's tool API); javac's file manager clears its
 * index of the class path's packages on every such option, even when its value is unchanged, and
 * the next lookup in the class path rebuilds the index over every directory of every jar (Guava,
 * ICU4J, PDFBox, ...). Measured: about a tenth of a trivial cell. This manager forwards an option
 * only when it differs from the option it last forwarded, so a repeated option is a no-op, as it
 * already is for everything but that cache; any other (a class path grown by {@code %classpath})
 * is forwarded and clears the index as before. Everything else is delegated.
 */
final class SteadyFileManager extends ForwardingJavaFileManager<StandardJavaFileManager>
        implements StandardJavaFileManager {

    /** Option name to the arguments it was last forwarded with. */
    private final Map<String, List<String>> forwarded = new HashMap<>();

    SteadyFileManager(StandardJavaFileManager fileManager) {
        super(fileManager);
    }

    @Override
    public boolean handleOption(String current, Iterator<String> remaining) {
        int arity = fileManager.isSupportedOption(current);
        if (arity < 0) {
            return fileManager.handleOption(current, remaining);
        }
        List<String> args = new ArrayList<>(arity);
        for (int i = 0; i < arity && remaining.hasNext(); i++) {
            args.add(remaining.next());
        }
        if (args.equals(forwarded.get(current))) {
            return true;
        }
        // Another option (an alias of this one, say) may have changed what this one set: after any
        // forwarded option, only the latest is known to be in force.
        forwarded.clear();
        boolean handled = fileManager.handleOption(current, args.iterator());
        if (handled) {
            forwarded.put(current, args);
        }
        return handled;
    }

    @Override
    public void setLocation(Location location, Iterable<? extends File> files) throws IOException {
        forwarded.clear();
        fileManager.setLocation(location, files);
    }

    @Override
    public void setLocationFromPaths(Location location, Collection<? extends Path> paths) throws IOException {
        forwarded.clear();
        fileManager.setLocationFromPaths(location, paths);
    }

    @Override
    public void setLocationForModule(Location location, String moduleName, Collection<? extends Path> paths)
            throws IOException {
        forwarded.clear();
        fileManager.setLocationForModule(location, moduleName, paths);
    }

    @Override
    public boolean isSameFile(FileObject a, FileObject b) {
        return fileManager.isSameFile(a, b);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromFiles(Iterable<? extends File> files) {
        return fileManager.getJavaFileObjectsFromFiles(files);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromPaths(Collection<? extends Path> paths) {
        return fileManager.getJavaFileObjectsFromPaths(paths);
    }

    @Override
    @SuppressWarnings("deprecation")
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromPaths(Iterable<? extends Path> paths) {
        return fileManager.getJavaFileObjectsFromPaths(paths);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(File... files) {
        return fileManager.getJavaFileObjects(files);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(Path... paths) {
        return fileManager.getJavaFileObjects(paths);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromStrings(Iterable<String> names) {
        return fileManager.getJavaFileObjectsFromStrings(names);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(String... names) {
        return fileManager.getJavaFileObjects(names);
    }

    @Override
    public Iterable<? extends File> getLocation(Location location) {
        return fileManager.getLocation(location);
    }

    @Override
    public Iterable<? extends Path> getLocationAsPaths(Location location) {
        return fileManager.getLocationAsPaths(location);
    }

    @Override
    public Path asPath(FileObject file) {
        return fileManager.asPath(file);
    }

    @Override
    public void setPathFactory(PathFactory factory) {
        fileManager.setPathFactory(factory);
    }

    @Override
    public String toString() {
        return "SteadyFileManager[" + Objects.toString(fileManager) + "]";
    }
}
