package maplab.kernel.wire;

/** A message that cannot be trusted or read: bad signature, missing frames, unparseable JSON. */
public final class BadMessage extends Exception {
    private static final long serialVersionUID = 1L;

    public BadMessage(String why) {
        super(why);
    }
}
