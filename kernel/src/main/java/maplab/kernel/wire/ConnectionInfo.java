package maplab.kernel.wire;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * The connection file Jupyter hands the kernel: where to bind each socket and the HMAC key. The
 * kernel binds exactly there (loopback unless the file says otherwise).
 */
public record ConnectionInfo(String transport, String ip, int shellPort, int controlPort, int stdinPort,
                             int iopubPort, int hbPort, String key, String signatureScheme) {

    public static ConnectionInfo read(Path file) throws IOException {
        JsonObject o = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        String scheme = o.has("signature_scheme") ? o.get("signature_scheme").getAsString() : "hmac-sha256";
        return new ConnectionInfo(
                o.has("transport") ? o.get("transport").getAsString() : "tcp",
                o.has("ip") ? o.get("ip").getAsString() : "127.0.0.1",
                o.get("shell_port").getAsInt(), o.get("control_port").getAsInt(), o.get("stdin_port").getAsInt(),
                o.get("iopub_port").getAsInt(), o.get("hb_port").getAsInt(),
                o.has("key") ? o.get("key").getAsString() : "", scheme);
    }

    /**
     * Makes the file readable and writable by its owner only, if others could read it (it holds
     * the HMAC key; jupyter_client writes it so, a hand-written one may not be). Returns whether
     * it had to.
     */
    public static boolean restrictToOwner(Path file) throws IOException {
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return false;
        }
        Set<PosixFilePermission> owner = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        if (owner.containsAll(perms)) {
            return false;
        }
        Files.setPosixFilePermissions(file, owner);
        return true;
    }

    /** Removes the file if it is there; a failure is not worth more than a line in the log. */
    public static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException | RuntimeException e) {
            System.err.println("maplab: could not remove " + file + ": " + e);
        }
    }

    public String address(int port) {
        return "ipc".equals(transport) ? "ipc://" + ip + "-" + port : transport + "://" + ip + ":" + port;
    }
}
