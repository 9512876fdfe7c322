package maplab.experiment.claims;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one experiment returned on one Go release: a short answer in words, with its figures
 * named, so that a verdict rule compares numbers rather than reading the text.
 *
 * @param answer one or two sentences with the figures in them
 * @param figures the numbers the verdict rule reads, by name, in the order they were added
 */
public record Measured(String answer, Map<String, Double> figures) {

    public Measured {
        if (answer == null || answer.isBlank()) {
            throw new IllegalArgumentException("a measured answer needs a text, got " + (answer == null ? "null" : "a blank"));
        }
        if (figures == null) {
            throw new IllegalArgumentException("figures must be a map (empty when there are none), got null");
        }
        Map<String, Double> copy = new LinkedHashMap<>();
        figures.forEach((name, value) -> {
            checkFigure(name, value);
            copy.put(name, value);
        });
        figures = Collections.unmodifiableMap(copy);
    }

    /** An answer with no figures yet. */
    public static Measured of(String answer) {
        return new Measured(answer, Map.of());
    }

    /** An answer formatted with {@link String#format} in the root locale, with no figures yet. */
    public static Measured of(String format, Object... args) {
        return of(String.format(Locale.ROOT, format, args));
    }

    /** This answer with one more figure. */
    public Measured with(String name, double value) {
        checkFigure(name, value);
        if (figures.containsKey(name)) {
            throw new IllegalArgumentException("figure '" + name + "' is already set (" + figures.get(name) + ")");
        }
        Map<String, Double> more = new LinkedHashMap<>(figures);
        more.put(name, value);
        return new Measured(answer, more);
    }

    /** The figure of that name; an IllegalArgumentException names the figures there are. */
    public double figure(String name) {
        Double v = figures.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no figure '" + name + "' in this answer; it has " + figures.keySet());
        }
        return v;
    }

    private static void checkFigure(String name, Double value) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a figure needs a name, got " + (name == null ? "null" : "a blank"));
        }
        if (value == null || value.isNaN() || value.isInfinite()) {
            throw new IllegalArgumentException("figure '" + name + "' must be a finite number, got " + value);
        }
    }
}
