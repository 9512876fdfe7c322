package maplab.kernel.eval;

/**
 * Where a cell's output goes as it happens: text of stdout and stderr, and display records.
 * Called from JShell's output thread, possibly after the cell has ended (threads the cell
 * started); implementations must be thread-safe.
 */
public interface OutputSink {

    void stdout(String text);

    void stderr(String text);

    void display(DisplayOutput output);
}
