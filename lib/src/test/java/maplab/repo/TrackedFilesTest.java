package maplab.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No tracked text file names a folder that exists only on the machine it was written on: the
 * sibling folder of the checkout that build machines share, or a build machine's absolute work
 * or root home folders. A clone on another machine has none of them, so a file that names one
 * (a script reading it, a doc telling a reader to look there) is broken everywhere else. Paths
 * belong under the repository or {@code $HOME/.cache/maplab}.
 */
class TrackedFilesTest {

    // Spelled in pieces, so that this file does not contain what it looks for.
    static final List<String> FORBIDDEN = List.of(".." + "/shared", "/" + "work/", "/" + "root/");

    /** The forbidden strings in {@code text}, each with its 1-based line: "12: /x/...". */
    static List<String> hits(String text) {
        List<String> found = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            for (String f : FORBIDDEN) {
                if (lines[i].contains(f)) {
                    found.add((i + 1) + ": " + f);
                }
            }
        }
        return found;
    }

    @Test
    void theScanFindsEachForbiddenPathAndOnlyThose() {
        assertEquals(List.of("2: " + FORBIDDEN.get(0), "3: " + FORBIDDEN.get(1), "3: " + FORBIDDEN.get(2)),
                hits("ok\ncat " + FORBIDDEN.get(0) + "x\ncd " + FORBIDDEN.get(1) + "a " + FORBIDDEN.get(2) + "b\n"));
        assertEquals(List.of(), hits("$HOME/.cache/maplab/go\n../lib/x /opt/y work/z root/ ~/shared\n"));
    }

    @Test
    void noTrackedTextFileNamesAMachinesOwnFolders() throws IOException, InterruptedException {
        String top = git(Path.of(""), "rev-parse", "--show-toplevel");
        assumeTrue(top != null, "not a git checkout (or no git on PATH): there is no list of tracked files");
        Path root = Path.of(top.trim());
        String list = git(root, "ls-files", "-z");
        assertTrue(list != null && !list.isEmpty(), "git ls-files listed nothing in " + root);
        List<String> bad = new ArrayList<>();
        int text = 0;
        for (String name : list.split("\0")) {
            Path file = root.resolve(name);
            if (name.isEmpty() || !Files.isRegularFile(file)) {
                continue; // deleted in the work tree but not yet in the index
            }
            byte[] bytes = Files.readAllBytes(file);
            if (binary(bytes)) {
                continue;
            }
            text++;
            for (String hit : hits(new String(bytes, StandardCharsets.UTF_8))) {
                bad.add(name + ":" + hit);
            }
        }
        assertTrue(text > 100, "only " + text + " tracked text files found in " + root);
        assertEquals(List.of(), bad, "tracked files name folders of one machine; use paths relative to the "
                + "repository or $HOME/.cache/maplab");
    }

    /** Git's own test: a NUL byte in the first 8,000 bytes makes a file binary (PNG, class files). */
    private static boolean binary(byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, 8000); i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /** git's stdout, or null when git is missing or fails (not a checkout). */
    private static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException noGit) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
        }
        return p.waitFor() == 0 ? out.toString(StandardCharsets.UTF_8) : null;
    }
}
