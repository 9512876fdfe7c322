package maplab.kernel.wire;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC signatures of Jupyter messages (the hex digest of header, parent header, metadata and
 * content). An empty key means signing is off, as the protocol says.
 */
public final class Signer {

    private final SecretKeySpec key;
    private final String algorithm;

    public Signer(String key, String scheme) {
        if (!scheme.startsWith("hmac-")) {
            throw new IllegalArgumentException("unsupported signature scheme " + scheme);
        }
        this.algorithm = "Hmac" + scheme.substring(5).toUpperCase(java.util.Locale.ROOT).replace("-", "");
        this.key = key.isEmpty() ? null : new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm);
        if (this.key != null) {
            mac(); // fail now on an unknown algorithm, not on the first message
        }
    }

    public boolean enabled() {
        return key != null;
    }

    public String sign(byte[]... parts) {
        if (key == null) {
            return "";
        }
        Mac mac = mac();
        for (byte[] p : parts) {
            mac.update(p);
        }
        return hex(mac.doFinal());
    }

    /** Constant-time comparison, so a forger learns nothing from timing. */
    public boolean verify(String signature, byte[]... parts) {
        if (key == null) {
            return true;
        }
        byte[] expected = sign(parts).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }

    private Mac mac() {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with " + algorithm, e);
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            s.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return s.toString();
    }
}
