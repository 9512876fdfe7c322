package maplab.experiment.claims;

import java.util.EnumSet;
import java.util.Set;

/**
 * A statement people make about Go maps, as data: the checks that test it live elsewhere
 * ({@link Claims}), one per engine, so a second engine can give it a second verdict without the
 * claim being rewritten.
 *
 * @param id a short stable name, e.g. "grows-at-6.5" (lower case, digits, '.', '-')
 * @param text the claim as people put it
 * @param whereSaid the kind of source it is met in, e.g. "Stack Overflow answers" (not a link)
 * @param swiss one line on how Go 1.24+ (Swiss tables) differs: the reason given when the Swiss
 *     engine has no check for it, or, for a claim about the classic map only, why it does not apply
 * @param about the engines the claim is about: a claim about one release says it does not apply to
 *     the other design
 */
public record Claim(String id, String text, String whereSaid, String swiss, Set<MapEngine> about) {

    /** A claim about Go maps in general: both engines. */
    public Claim(String id, String text, String whereSaid, String swiss) {
        this(id, text, whereSaid, swiss, EnumSet.allOf(MapEngine.class));
    }

    public Claim {
        if (id == null || !id.matches("[a-z0-9][a-z0-9.\\-]*")) {
            throw new IllegalArgumentException("claim id must be lower-case letters, digits, '.' and '-', got '" + id + "'");
        }
        for (String[] f : new String[][] {{"text", text}, {"whereSaid", whereSaid}, {"swiss", swiss}}) {
            if (f[1] == null || f[1].isBlank()) {
                throw new IllegalArgumentException("claim " + id + ": " + f[0] + " must not be blank");
            }
        }
        if (about == null || about.isEmpty()) {
            throw new IllegalArgumentException("claim " + id + " must be about at least one engine, got " + about);
        }
        about = Set.copyOf(about);
    }

    /** Whether the claim is about that engine's design at all. */
    public boolean isAbout(MapEngine engine) {
        return about.contains(engine);
    }
}
