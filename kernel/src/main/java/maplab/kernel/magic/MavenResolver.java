package maplab.kernel.magic;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession.CloseableSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.ConfigurationProperties;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.eclipse.aether.util.repository.SimpleResolutionErrorPolicy;

/**
 * Resolves {@code group:artifact[:extension[:classifier]]:version} with its runtime dependencies,
 * the way Maven 3 does (Maven Resolver, the same POM rules), into MapLab's own local repository
 * $MAPLAB_CACHE/m2 ($HOME/.cache/maplab/m2), so a second session downloads nothing. The remote
 * repositories are Maven Central, or the URLs in MAPLAB_MAVEN_REPOS (separated by spaces or
 * commas; file:// URLs work). A failure says which of three it is: bad coordinates, an artifact
 * the repositories do not have, or repositories that cannot be reached (offline).
 *
 * <p>Neither a missing artifact nor a network error is remembered: the next %maven asks again
 * (Maven's default would refuse for a day).
 */
final class MavenResolver {

    static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

    /** Why a resolution failed, in a sentence for the notebook. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }

    private static RepositorySystem system;

    private final Path localRepository;
    private final List<RemoteRepository> repositories = new ArrayList<>();

    MavenResolver(Path localRepository, List<String> urls) {
        this.localRepository = localRepository;
        for (int i = 0; i < urls.size(); i++) {
            String id = urls.get(i).equals(CENTRAL) ? "central" : "repo" + (i + 1);
            repositories.add(new RemoteRepository.Builder(id, "default", urls.get(i)).build());
        }
    }

    static MavenResolver fromEnvironment() {
        String cache = System.getenv("MAPLAB_CACHE");
        Path base = cache != null && !cache.isBlank() ? Path.of(cache)
                : Path.of(System.getProperty("user.home"), ".cache", "maplab");
        String repos = System.getenv().getOrDefault("MAPLAB_MAVEN_REPOS", "").trim();
        List<String> urls = repos.isEmpty() ? List.of(CENTRAL) : List.of(repos.split("[\\s,]+"));
        return new MavenResolver(base.resolve("m2"), urls);
    }

    Path localRepository() {
        return localRepository;
    }

    /** The jars of the artifact and of its runtime dependencies, the artifact's first. */
    List<Path> resolve(String coordinates) throws Failure {
        Artifact artifact;
        try {
            artifact = new DefaultArtifact(coordinates);
        } catch (IllegalArgumentException e) {
            throw new Failure("'" + coordinates + "' is not group:artifact:version");
        }
        RepositorySystem repo = system();
        try (CloseableSession session = repo.createSessionBuilder()
                .withLocalRepositoryBaseDirectories(localRepository)
                .setSystemProperties(System.getProperties())
                .setResolutionErrorPolicy(new SimpleResolutionErrorPolicy(false, false))
                .setConfigProperty(ConfigurationProperties.CONNECT_TIMEOUT, 10_000)
                .setConfigProperty(ConfigurationProperties.REQUEST_TIMEOUT, 60_000)
                .build()) {
            CollectRequest collect = new CollectRequest(new Dependency(artifact, JavaScopes.RUNTIME), repositories);
            DependencyRequest request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
            List<Path> jars = new ArrayList<>();
            for (ArtifactResult r : repo.resolveDependencies(session, request).getArtifactResults()) {
                jars.add(r.getArtifact().getPath());
            }
            return jars;
        } catch (DependencyResolutionException e) {
            throw new Failure(explain(coordinates, e));
        }
    }

    private String explain(String coordinates, Exception e) {
        List<String> urls = repositories.stream().map(RemoteRepository::getUrl).toList();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof ConnectException
                    || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException) {
                return "cannot reach " + String.join(", ", urls) + " (offline?) to resolve " + coordinates
                        + ": " + t;
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ArtifactNotFoundException || t instanceof org.eclipse.aether.resolution.ArtifactDescriptorException) {
                return coordinates + ": " + firstLine(t.getMessage()) + " (looked in " + String.join(", ", urls)
                        + " and " + localRepository + ")";
            }
        }
        return "cannot resolve " + coordinates + ": " + firstLine(e.getMessage());
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** One repository system per kernel: building it costs a few hundred milliseconds. */
    private static synchronized RepositorySystem system() {
        if (system == null) {
            system = new RepositorySystemSupplier().get();
        }
        return system;
    }
}
