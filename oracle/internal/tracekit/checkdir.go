package tracekit

import (
	"fmt"
	"path/filepath"
	"sort"
)

// CheckDir checks every *.jsonl file in dir with checkFile, which returns the number of
// operations and a note for the "ok" line; it prints one line per file and returns how
// many failed.
func CheckDir(dir string, checkFile func(path string) (ops int, note string, err error)) (int, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	if err != nil {
		return 0, err
	}
	if len(files) == 0 {
		return 0, fmt.Errorf("no *.jsonl files in %s", dir)
	}
	sort.Strings(files)
	bad := 0
	for _, f := range files {
		ops, note, err := checkFile(f)
		if err != nil {
			fmt.Printf("FAIL %s: %v\n", filepath.Base(f), err)
			bad++
			continue
		}
		fmt.Printf("ok   %-28s ops=%d%s\n", filepath.Base(f), ops, note)
	}
	return bad, nil
}
