package tracekit

import (
	"bufio"
	"strconv"
	"strings"
)

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

// HoldOp holds the line of operation i: {"i":i,"op":"op", then fields (already JSON members,
// comma-separated; may be empty), "summary", and "after" if after is not nil.
func (l *Lines) HoldOp(i int, op, fields, summary string, after func() string) {
	var line strings.Builder
	line.WriteString(`{"i":`)
	line.WriteString(strconv.Itoa(i))
	line.WriteString(`,"op":"`)
	line.WriteString(op)
	line.WriteByte('"')
	if fields != "" {
		line.WriteByte(',')
		line.WriteString(fields)
	}
	line.WriteString(`,"summary":`)
	line.WriteString(summary)
	if after != nil {
		line.WriteString(`,"after":`)
		line.WriteString(after())
	}
	l.Hold(line.String(), after != nil)
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
