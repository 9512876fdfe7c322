package maplab.kernel.eval;

/**
 * The outcome of one cell. {@code value} is the last expression's MIME bundle (null when the
 * cell ends with a statement or fails); {@code error} is set unless the cell succeeded.
 */
public record CellResult(DisplayOutput value, ErrorReport error) {

    public boolean ok() {
        return error == null;
    }

    public static CellResult success(DisplayOutput value) {
        return new CellResult(value, null);
    }

    public static CellResult failure(ErrorReport error) {
        return new CellResult(null, error);
    }
}
