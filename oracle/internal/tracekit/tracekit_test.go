package tracekit

import (
	"bufio"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// HoldOp writes the line format of docs/trace-format.md, one line behind.
func TestHoldOp(t *testing.T) {
	var sb strings.Builder
	bw := bufio.NewWriter(&sb)
	l := NewLines(bw)
	l.HoldOp(0, "make", `"hint":-1`, `{"count":0}`, nil)
	l.HoldOp(1, "clear", "", `{"count":0}`, func() string { return `{"x":1}` })
	l.KeepAfter(func() string { t.Error("KeepAfter on a line that has an after"); return "" })
	l.Flush()
	bw.Flush()
	want := `{"i":0,"op":"make","hint":-1,"summary":{"count":0}}` + "\n" +
		`{"i":1,"op":"clear","summary":{"count":0},"after":{"x":1}}` + "\n"
	if sb.String() != want {
		t.Errorf("got\n%s\nwant\n%s", sb.String(), want)
	}
}

func TestReadTraceAndCheckHeader(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "w.jsonl")
	head := `{"format":"maplab-trace","version":1,"engine":"swiss","goarch":"amd64","go":"go1.26.10"}`
	if err := os.WriteFile(path, []byte(head+"\n"+`{"i":0,"op":"make","n":18446744073709551615}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	h, lines, err := ReadTrace(path, 1<<20)
	if err != nil || len(lines) != 1 || lines[0]["op"] != "make" {
		t.Fatalf("ReadTrace: %v %v", lines, err)
	}
	if _, ok := Num(lines[0]["n"]); ok {
		t.Error("Num accepted a number past int64")
	}
	if minor, err := CheckHeader(h, "swiss"); err != nil || minor != 26 {
		t.Errorf("CheckHeader: %d %v", minor, err)
	}
	// Several wrong fields: always the first in format, engine, goarch order.
	if _, err := CheckHeader(Obj{}, "classic"); err == nil || err.Error() != "format = <nil>, want maplab-trace" {
		t.Errorf("empty header: %v", err)
	}
	if err := os.WriteFile(path, []byte(head+"\n{} {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := ReadTrace(path, 1<<20); err == nil || err.Error() != "line 2: more than one JSON value" {
		t.Errorf("two values on a line: %v", err)
	}
}

// A failed write leaves neither the temporary file nor an earlier trace of the same name.
func TestWriteAtomically(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "w.jsonl")
	if err := WriteAtomically(path, func(w *bufio.Writer) error { _, err := w.WriteString("ok\n"); return err }); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != "ok\n" {
		t.Fatalf("written: %q %v", b, err)
	}
	boom := errors.New("boom")
	err := WriteAtomically(path, func(w *bufio.Writer) error {
		return Catch(func() { panic(Failure{Msg: "boom"}) })
	})
	if err == nil || err.Error() != boom.Error() {
		t.Fatalf("err = %v", err)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("left behind: %v", ents)
	}
}
