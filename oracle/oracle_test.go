//go:build !go1.24

package main

// go test records every workload with the toolchain that runs the test and checks
// the traces with checkFile. Run it with each classic-map toolchain:
//
//	scripts/go-toolchains.sh go 1.19 test ./...   (from oracle/; also 1.21, 1.22, 1.23)

import (
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"
)

func TestLayouts(t *testing.T) {
	if err := checkLayouts(); err != nil {
		t.Fatal(err)
	}
}

func TestWorkloads(t *testing.T) {
	if err := checkLayouts(); err != nil {
		t.Fatal(err)
	}
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	dir := t.TempDir()
	total := int64(0)
	for _, w := range workloads {
		w := w
		t.Run(w.name, func(t *testing.T) {
			path := filepath.Join(dir, w.name+".jsonl")
			ops, maxB, err := record(w, path, 1, -1)
			if err != nil {
				t.Fatal(err)
			}
			if maxB >= 16 {
				t.Fatalf("max B %d", maxB)
			}
			n, notes, err := checkFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if n != ops {
				t.Fatalf("checkFile read %d operations, recorded %d", n, ops)
			}
			st, _ := os.Stat(path)
			total += st.Size()
			t.Logf("%s: %d ops, max B %d, %d bytes%s", w.name, ops, maxB, st.Size(), notes)
		})
	}
	// The whole set stays small enough to keep in the repository (2.15–2.3 MB per version).
	if total > 3_000_000 {
		t.Errorf("traces total %d bytes", total)
	}
}

// The checker must reject a trace whose state does not add up.
func TestCheckRejectsBadTrace(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "delete-reinsert.jsonl")
	w, _ := findWorkload("delete-reinsert")
	if _, _, err := record(w, path, 1, -1); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	lines[5] = strings.Replace(lines[5], `"count":4`, `"count":5`, 1)
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := checkFile(path); err == nil || !strings.Contains(err.Error(), "live slots") {
		t.Fatalf("tampered count not reported: %v", err)
	}
}

// The checker must reject a paused loop that reports a key deleted in its body
// before the loop reached it (Go's iteration guarantee).
func TestCheckRejectsDeletedKeyReported(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "body-delete-next-key.jsonl")
	w, _ := findWorkload("body-delete-next-key")
	if _, _, err := record(w, path, 1, -1); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	delRe := regexp.MustCompile(`"op":"delete","key":("[0-9]+")`)
	nextRe := regexp.MustCompile(`"keys":\["[0-9]+"`)
	done := false
	for j := 1; j+1 < len(lines) && !done; j++ {
		m := delRe.FindStringSubmatch(lines[j])
		if m == nil || !strings.Contains(lines[j+1], `"op":"iter-next"`) || !nextRe.MatchString(lines[j+1]) {
			continue
		}
		lines[j+1] = nextRe.ReplaceAllString(lines[j+1], `"keys":[`+m[1])
		done = true
	}
	if !done {
		t.Fatal("no delete followed by a loop step")
	}
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := checkFile(path); err == nil || !strings.Contains(err.Error(), "deleted during the loop") {
		t.Fatalf("a deleted key reported by the loop was not caught: %v", err)
	}
}
