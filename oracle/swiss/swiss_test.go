//go:build go1.24

package main

// go test records every workload with the toolchain that runs the test, under five
// -seed values, and checks each trace with checkFile. Run it with each Swiss-map toolchain:
//
//	scripts/go-toolchains.sh go 1.26 test ./swiss/...   (from oracle/; also 1.24, 1.25)

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"

	"maplab/oracle/internal/memkit"
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
	for seed := int64(1); seed <= 5; seed++ {
		dir := t.TempDir()
		for _, w := range workloads {
			w := w
			t.Run(w.name+"/seed"+strconv.FormatInt(seed, 10), func(t *testing.T) {
				path := filepath.Join(dir, w.name+".jsonl")
				res, err := record(w, path, seed, -1)
				if err != nil {
					t.Fatal(err)
				}
				n, err := checkFile(path)
				if err != nil {
					t.Fatal(err)
				}
				if n != res.ops {
					t.Fatalf("checkFile read %d operations, recorded %d", n, res.ops)
				}
			})
		}
	}
}

// The checker must reject traces whose state or protocol does not add up.
func TestCheckRejectsBadTraces(t *testing.T) {
	dir := t.TempDir()
	record1 := func(name string) []string {
		w, _ := findWorkload(name)
		path := filepath.Join(dir, name+".jsonl")
		if _, err := record(w, path, 1, -1); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return strings.Split(string(data), "\n")
	}
	cases := []struct {
		workload, old, new, want string
		line                     int // 0: the first line holding old after line 1
	}{
		{"delete-tombstone", `"growthLeft":6`, `"growthLeft":5`, "growthLeft", 0},
		{"delete-tombstone", `"used":3,"dirLen"`, `"used":4,"dirLen"`, "live", 0},
		{"delete-tombstone", `"ctrl":[254`, `"ctrl":[128`, "", 0},
		{"small-grow-to-table", `"found":false`, `"found":true`, "found", 0},
		{"iter-body-writes", `"op":"iter-close"`, `"op":"iter-next","keys":[]`, "", 0},
		{"gc-growth", `"freed":["table#0","groups#1"]`, `"freed":["groups#1","table#0"]`, "order", 0},
		{"delete-to-empty", `"op":"get"`, `"op":"get","after":null,"x":1`, "", 0},
	}
	for _, c := range cases {
		lines := record1(c.workload)
		changed := false
		for j := 1; j < len(lines); j++ {
			if strings.Contains(lines[j], c.old) {
				lines[j] = strings.Replace(lines[j], c.old, c.new, 1)
				changed = true
				break
			}
		}
		if !changed {
			t.Fatalf("%s: no line holds %s", c.workload, c.old)
		}
		path := filepath.Join(dir, c.workload+".jsonl")
		if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := checkFile(path); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %s -> %s not reported (want %q): %v", c.workload, c.old, c.new, c.want, err)
		}
	}
}

// TestMemoryLive measures a few small maps the way `oracle -memory` does and checks their bytes
// against the sizes Go gives the Swiss map's objects (amd64): new(Map) 48; the small map's
// group of 8 uint64/uint64 slots, 136 B in the 144 class; a table header 32, a one-entry
// directory 8, two groups 272 B in the 288 class. A test binary's runtime now and then
// allocates an object of its own between the two readings, so a reading is retried up to 3 times.
func TestMemoryLive(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	dir := t.TempDir()
	cases := []struct {
		name   string
		phases []memPhase
		want   int64
	}{
		{"empty", ph(), 48},
		{"five", ph(memSet(0, 5)), 48 + 144},
		{"nine", ph(memSet(0, 9)), 48 + 8 + 32 + 288},
		{"iter-pins-small-group", ph(memSet(0, 8), memIterOpen, memSet(8, 9), memIterDone), 48 + 8 + 32 + 288 + 144},
	}
	for _, c := range cases {
		var got memLive
		for try := 0; try < 3; try++ {
			got = measureMem(dir, c.name, "uint64", "uint64", -1, c.phases, memkit.U64Key, memkit.U64Elem)
			if got.Bytes == c.want {
				break
			}
		}
		if got.Bytes != c.want {
			t.Errorf("%s: %d live bytes, want %d", c.name, got.Bytes, c.want)
		}
		for _, p := range got.Phases {
			if p.Hashes == "" {
				continue
			}
			st, err := os.Stat(filepath.Join(dir, p.Hashes))
			if err != nil || st.Size() != int64(8*(p.To-p.From)) {
				t.Errorf("%s: hash file %s: %v, want %d bytes", c.name, p.Hashes, err, 8*(p.To-p.From))
			}
		}
	}
}
