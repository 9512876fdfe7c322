package tracekit

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
)

// Obj is one trace line, decoded with its numbers kept as json.Number (hashes and
// addresses do not fit a float64).
type Obj = map[string]interface{}

// Num is v as an int64, if it is an integer JSON number.
func Num(v interface{}) (int64, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, false
	}
	i, err := n.Int64()
	return i, err == nil
}

// ReadTrace reads a trace: its header (line 1) and its operation lines, each exactly one
// JSON object of at most maxLine bytes. It checks nothing else.
func ReadTrace(path string, maxLine int) (header Obj, lines []Obj, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), maxLine)
	lineNo := 0
	for sc.Scan() {
		lineNo++
		dec := json.NewDecoder(strings.NewReader(sc.Text()))
		dec.UseNumber()
		var o Obj
		if err := dec.Decode(&o); err != nil {
			return nil, nil, fmt.Errorf("line %d: not a JSON object: %v", lineNo, err)
		}
		if dec.More() {
			return nil, nil, fmt.Errorf("line %d: more than one JSON value", lineNo)
		}
		if lineNo == 1 {
			header = o
			continue
		}
		lines = append(lines, o)
	}
	if err := sc.Err(); err != nil {
		return nil, nil, err
	}
	return header, lines, nil
}

var goVerRe = regexp.MustCompile(`^go1\.(\d+)`)

// CheckHeader checks the fields every trace header carries (format, engine, goarch amd64,
// version 1, a go1.N release) and returns N.
func CheckHeader(h Obj, engine string) (goMinor int, err error) {
	// In a fixed order, so that a header wrong in several fields always names the first.
	for _, kv := range [][2]string{{"format", "maplab-trace"}, {"engine", engine}, {"goarch", "amd64"}} {
		if h[kv[0]] != kv[1] {
			return 0, fmt.Errorf("%s = %v, want %v", kv[0], h[kv[0]], kv[1])
		}
	}
	if v, ok := Num(h["version"]); !ok || v != 1 {
		return 0, fmt.Errorf("version = %v, want 1", h["version"])
	}
	g, _ := h["go"].(string)
	m := goVerRe.FindStringSubmatch(g)
	if m == nil {
		return 0, fmt.Errorf("go = %q", g)
	}
	goMinor, _ = strconv.Atoi(m[1])
	return goMinor, nil
}
