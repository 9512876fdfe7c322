package maplab.experiment.claims;

/**
 * A claim's verdict on one Go release, computed by a {@link Check}'s rule from what the
 * experiment measured.
 *
 * @param kind true, false, partly (true in some cases only), not measured, or does not apply
 * @param qualifier for {@link Kind#PARTLY}: when the claim holds; for {@link Kind#NOT_MEASURED} and
 *     {@link Kind#DOES_NOT_APPLY}: why; empty for true and false, whose reasons are in the answer
 */
public record Verdict(Kind kind, String qualifier) {

    public enum Kind { TRUE, FALSE, PARTLY, NOT_MEASURED, DOES_NOT_APPLY }

    public static final Verdict TRUE = new Verdict(Kind.TRUE, "");
    public static final Verdict FALSE = new Verdict(Kind.FALSE, "");

    public Verdict {
        if (kind == null) {
            throw new IllegalArgumentException("a verdict needs a kind, got null");
        }
        if (qualifier == null) {
            throw new IllegalArgumentException("qualifier must be a text (empty for true and false), got null");
        }
        boolean plain = kind == Kind.TRUE || kind == Kind.FALSE;
        if (plain && !qualifier.isEmpty()) {
            throw new IllegalArgumentException(kind + " takes no qualifier (its reasons are in the measured answer), got '"
                    + qualifier + "'");
        }
        if (!plain && qualifier.isBlank()) {
            throw new IllegalArgumentException(kind + " needs a qualifier saying when it holds or why, got a blank");
        }
    }

    /** True when {@code holds}, false otherwise. */
    public static Verdict of(boolean holds) {
        return holds ? TRUE : FALSE;
    }

    /** True only in some cases: {@code when} says which, e.g. "only for keys that hold pointers". */
    public static Verdict partly(String when) {
        return new Verdict(Kind.PARTLY, when == null ? "" : when);
    }

    public static Verdict notMeasured(String why) {
        return new Verdict(Kind.NOT_MEASURED, why == null ? "" : why);
    }

    public static Verdict doesNotApply(String why) {
        return new Verdict(Kind.DOES_NOT_APPLY, why == null ? "" : why);
    }

    /** "true", "false", "partly: <when>", "not measured: <why>", "does not apply: <why>". */
    @Override
    public String toString() {
        return switch (kind) {
            case TRUE -> "true";
            case FALSE -> "false";
            case PARTLY -> "partly: " + qualifier;
            case NOT_MEASURED -> "not measured: " + qualifier;
            case DOES_NOT_APPLY -> "does not apply: " + qualifier;
        };
    }
}
