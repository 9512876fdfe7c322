package tracekit

import "bufio"

// Lines writes a trace's operation lines one behind: the last line written so far is held,
// so that it can still get its "after" state when the workload ends (or asks for it). A held
// line is a JSON object without its closing brace.
type Lines struct {
	w        *bufio.Writer
	held     string
	has      bool
	hasAfter bool
}

// NewLines writes to w.
func NewLines(w *bufio.Writer) Lines { return Lines{w: w} }

// Hold writes the line held so far and holds line instead; hasAfter says whether it
// already carries an "after".
func (l *Lines) Hold(line string, hasAfter bool) {
	l.Flush()
	l.held, l.has, l.hasAfter = line, true, hasAfter
}

// KeepAfter attaches "after" to the held line (the map has not changed since it was
// emitted), unless it has one.
func (l *Lines) KeepAfter(after func() string) {
	if l.has && !l.hasAfter {
		l.held += `,"after":` + after()
		l.hasAfter = true
	}
}

// Flush writes the held line, if any.
func (l *Lines) Flush() {
	if l.has {
		l.w.WriteString(l.held)
		l.w.WriteString("}\n")
		l.has = false
	}
}
