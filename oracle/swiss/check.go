//go:build go1.24

package main

// oracle -check DIR: reads trace files back, independently of the code that wrote them,
// and checks (1) the format rules of docs/trace-format.md for engine "swiss", (2) the
// consistency of every recorded state (used = live slots, ctrl bytes vs keys and their
// recorded hashes, growthLeft = capacity·7/8 − used − tombstones, directory entries vs
// localDepth/index, probe reachability), (3) the operations against each other (live keys,
// found, reseeds, clearSeq, the iterator protocol, freed order), and (4) what some
// workloads are meant to show, per Go version.

import (
	"encoding/json"
	"fmt"
	"maplab/oracle/internal/tracekit"
	"math/bits"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

type obj = tracekit.Obj

// checkDir checks every *.jsonl file in dir; returns the number of files with errors.
func checkDir(dir string) (int, error) {
	return tracekit.CheckDir(dir, func(path string) (int, string, error) {
		ops, err := checkFile(path)
		return ops, "", err
	})
}

var (
	hash64Re  = regexp.MustCompile(`^0x[0-9a-f]{16}$`)
	decRe     = regexp.MustCompile(`^(0|[1-9][0-9]*)$`)
	freedIDRe = regexp.MustCompile(`^(directory|table|groups)#(0|[1-9][0-9]*)$`)
	bytesRe   = regexp.MustCompile(`^\[(\d+)\]byte$`)
)

// opFields lists each op's own fields (docs/trace-format.md).
var opFields = map[string]string{
	"make": "hint", "set": "key hash elem", "delete": "key hash", "get": "key hash found", "clear": "",
	"iterate": "start order", "iter-open": "it start", "iter-next": "it keys", "iter-close": "it", "gc": "freed",
}

type iterCheck struct {
	steps    int
	ended    bool
	reported map[string]bool
}

// checker holds one file's state while its lines are read.
type checker struct {
	goMinor   int
	header    obj
	keyType   string
	lines     []obj
	forced    bool
	live      map[string]bool
	hashes    map[string]uint64 // key -> hash under the current seed
	seed      string
	used      int64
	clearSeq  int64
	tombPoss  bool
	iters     map[int64]*iterCheck
	seenTabs  map[int64]bool // table ids seen in some after
	curTabs   map[int64]bool // table ids in the latest after
	freed     map[string]bool
	gcFreed   [][]string
	lastAfter obj
}

func num(v any) (int64, bool) { return tracekit.Num(v) }

func checkFile(path string) (int, error) {
	header, lines, err := tracekit.ReadTrace(path, 1<<28)
	if err != nil {
		return 0, err
	}
	c := &checker{live: map[string]bool{}, hashes: map[string]uint64{}, iters: map[int64]*iterCheck{},
		seenTabs: map[int64]bool{}, curTabs: map[int64]bool{}, freed: map[string]bool{}}
	c.header, c.lines = header, lines
	if err := c.checkHeader(strings.TrimSuffix(filepath.Base(path), ".jsonl")); err != nil {
		return 0, fmt.Errorf("line 1: %v", err)
	}
	if len(c.lines) == 0 {
		return 0, fmt.Errorf("no operations")
	}
	for _, o := range c.lines {
		switch o["op"] {
		case "iter-open", "iter-next", "iter-close", "gc":
			c.forced = true
		}
	}
	for j, o := range c.lines {
		if err := c.checkLine(j, o); err != nil {
			return 0, fmt.Errorf("line %d (op %d %v): %v", j+2, j, o["op"], err)
		}
	}
	for id, it := range c.iters {
		return 0, fmt.Errorf("iterator %d never closed (ended %v)", id, it.ended)
	}
	if err := c.checkWorkload(); err != nil {
		return 0, fmt.Errorf("workload %s: %v", c.header["workload"], err)
	}
	return len(c.lines), nil
}

func (c *checker) checkHeader(file string) error {
	h := c.header
	minor, err := tracekit.CheckHeader(h, "swiss")
	if err != nil {
		return err
	}
	c.goMinor = minor
	g, _ := h["go"].(string)
	if c.goMinor < 24 {
		return fmt.Errorf("go = %q: the swiss engine is Go 1.24+", g)
	}
	if h["workload"] != file {
		return fmt.Errorf("workload %v, file %s", h["workload"], file)
	}
	c.keyType, _ = h["keyType"].(string)
	elemType, _ := h["elemType"].(string)
	var keySize, elemSize int64
	switch c.keyType {
	case "uint64", "*T":
		keySize = 8
	case "string":
		keySize = 16
	default:
		return fmt.Errorf("keyType %q", c.keyType)
	}
	indElem := false
	if elemType == "uint64" {
		elemSize = 8
	} else if bm := bytesRe.FindStringSubmatch(elemType); bm != nil {
		n, _ := strconv.Atoi(bm[1])
		if n <= 128 {
			return fmt.Errorf("elemType %s: version 1 uses [N]byte only for N > 128", elemType)
		}
		elemSize, indElem = 8, true
	} else {
		return fmt.Errorf("elemType %q", elemType)
	}
	ks, _ := num(h["keySize"])
	es, _ := num(h["elemSize"])
	ss, _ := num(h["slotSize"])
	gs, _ := num(h["groupSize"])
	if ks != keySize || es != elemSize || h["indirectKey"] != false || h["indirectElem"] != indElem {
		return fmt.Errorf("keySize/elemSize/indirect %d/%d/%v/%v for %s -> %s", ks, es, h["indirectKey"], h["indirectElem"], c.keyType, elemType)
	}
	if ss != keySize+elemSize || gs != 8+8*ss {
		return fmt.Errorf("slotSize %d groupSize %d, want %d and 8 + 8·slotSize", ss, gs, keySize+elemSize)
	}
	return nil
}

func (c *checker) keyOK(v any) (string, error) {
	switch c.keyType {
	case "string":
		s, ok := v.(string)
		if !ok {
			return "", fmt.Errorf("key %v is not a string", v)
		}
		b, _ := json.Marshal(s)
		return string(b), nil
	default:
		s, ok := v.(string)
		if !ok || !decRe.MatchString(s) {
			return "", fmt.Errorf("key %v is not a decimal string", v)
		}
		if _, err := strconv.ParseUint(s, 10, 64); err != nil {
			return "", fmt.Errorf("key %s: %v", s, err)
		}
		if c.keyType == "*T" && s == "0" {
			return "", fmt.Errorf("pointer key numbers start at 1")
		}
		return `"` + s + `"`, nil
	}
}

func decString(v any) bool {
	s, ok := v.(string)
	if !ok || !decRe.MatchString(s) {
		return false
	}
	_, err := strconv.ParseUint(s, 10, 64)
	return err == nil
}

func (c *checker) checkLine(j int, o obj) error {
	if i, ok := num(o["i"]); !ok || i != int64(j) {
		return fmt.Errorf("i = %v, want %d", o["i"], j)
	}
	op, _ := o["op"].(string)
	fields, known := opFields[op]
	if !known {
		return fmt.Errorf("unknown op %q", op)
	}
	for k := range o {
		if k != "i" && k != "op" && k != "summary" && k != "after" && !strings.Contains(" "+fields+" ", " "+k+" ") {
			return fmt.Errorf("field %q does not belong to %s", k, op)
		}
	}
	for _, k := range strings.Fields(fields) {
		if _, ok := o[k]; !ok {
			return fmt.Errorf("%s without %q", op, k)
		}
	}
	if a, has := o["after"]; has {
		if _, ok := a.(obj); !ok {
			return fmt.Errorf("after is not an object")
		}
	}
	sum, ok := o["summary"].(obj)
	if !ok {
		return fmt.Errorf("no summary")
	}
	if c.forced && o["after"] == nil {
		return fmt.Errorf("no after in a trace that uses iter-* or gc")
	}
	used, ok1 := num(sum["used"])
	dirLen, ok2 := num(sum["dirLen"])
	gd, ok3 := num(sum["globalDepth"])
	cs, ok4 := num(sum["clearSeq"])
	tp, ok5 := sum["tombstonePossible"].(bool)
	seed, _ := sum["seed"].(string)
	if !ok1 || !ok2 || !ok3 || !ok4 || !ok5 || !hash64Re.MatchString(seed) || used < 0 || len(sum) != 6 {
		return fmt.Errorf("summary %v", sum)
	}
	if dirLen != 0 && dirLen != 1<<gd || dirLen == 0 && gd != 0 {
		return fmt.Errorf("dirLen %d globalDepth %d", dirLen, gd)
	}
	if c.goMinor == 24 && tp {
		return fmt.Errorf("tombstonePossible true in Go 1.24 (no such field)")
	}
	keyField := func() (string, uint64, error) {
		k, err := c.keyOK(o["key"])
		if err != nil {
			return "", 0, err
		}
		hs, _ := o["hash"].(string)
		if !hash64Re.MatchString(hs) {
			return "", 0, fmt.Errorf("hash %v", o["hash"])
		}
		h, _ := strconv.ParseUint(hs[2:], 16, 64)
		if c.seed != "" {
			if old, ok := c.hashes[k]; ok && old != h {
				return "", 0, fmt.Errorf("key %s hashed to %#x and %#x under one seed", k, old, h)
			}
		}
		c.hashes[k] = h
		return k, h, nil
	}
	prevSeed, prevUsed, prevCS := c.seed, c.used, c.clearSeq
	reseedOK, reseedWant := false, false
	switch op {
	case "make":
		if j != 0 {
			return fmt.Errorf("make is not the first operation")
		}
		if _, ok := num(o["hint"]); !ok {
			return fmt.Errorf("hint %v", o["hint"])
		}
		if used != 0 || cs != 0 || tp {
			return fmt.Errorf("fresh map summary %v", sum)
		}
		reseedOK = true
	case "set":
		k, _, err := keyField()
		if err != nil {
			return err
		}
		if !decString(o["elem"]) {
			return fmt.Errorf("elem %v", o["elem"])
		}
		c.live[k] = true
	case "delete":
		k, _, err := keyField()
		if err != nil {
			return err
		}
		if c.live[k] && used == 0 {
			reseedWant = true
		}
		delete(c.live, k)
	case "get":
		k, _, err := keyField()
		if err != nil {
			return err
		}
		if f, ok := o["found"].(bool); !ok || f != c.live[k] {
			return fmt.Errorf("found %v, key live %v", o["found"], c.live[k])
		}
	case "clear":
		early := prevUsed == 0 && (c.goMinor == 24 || !c.tombPoss)
		if early {
			if seed != prevSeed || cs != prevCS {
				return fmt.Errorf("clear of an empty map (tombstonePossible %v) reseeded or counted", c.tombPoss)
			}
		} else {
			if cs != prevCS+1 {
				return fmt.Errorf("clear: clearSeq %d -> %d", prevCS, cs)
			}
			reseedWant = true
		}
		c.live = map[string]bool{}
	case "iterate":
		if err := c.checkStart(o["start"], prevUsed); err != nil {
			return err
		}
		order, ok := o["order"].([]any)
		if !ok {
			return fmt.Errorf("order %v", o["order"])
		}
		seen := map[string]bool{}
		for _, v := range order {
			k, err := c.keyOK(v)
			if err != nil {
				return err
			}
			if seen[k] || !c.live[k] {
				return fmt.Errorf("iterate: key %s twice or not live", k)
			}
			seen[k] = true
		}
		if len(seen) != len(c.live) {
			return fmt.Errorf("iterate produced %d keys, %d live", len(seen), len(c.live))
		}
	case "iter-open":
		id, ok := num(o["it"])
		if !ok || c.iters[id] != nil {
			return fmt.Errorf("iter-open it %v", o["it"])
		}
		if err := c.checkStart(o["start"], prevUsed); err != nil {
			return err
		}
		c.iters[id] = &iterCheck{reported: map[string]bool{}}
	case "iter-next":
		id, _ := num(o["it"])
		it := c.iters[id]
		if it == nil || it.ended {
			return fmt.Errorf("iter-next on iterator %v (unknown or ended)", o["it"])
		}
		keys, ok := o["keys"].([]any)
		if !ok {
			return fmt.Errorf("keys %v", o["keys"])
		}
		for n, v := range keys {
			k, err := c.keyOK(v)
			if err != nil {
				return err
			}
			if it.reported[k] {
				return fmt.Errorf("iterator %d reported %s twice", id, k)
			}
			// Every key but the pending first one is found by a Next at this step: live now.
			if !(it.steps == 0 && n == 0) && !c.live[k] {
				return fmt.Errorf("iterator %d reported %s, not live", id, k)
			}
			it.reported[k] = true
		}
		it.steps++
		it.ended = len(keys) == 0
	case "iter-close":
		id, _ := num(o["it"])
		if c.iters[id] == nil {
			return fmt.Errorf("iter-close of unknown iterator %v", o["it"])
		}
		delete(c.iters, id)
	case "gc":
		freed, ok := o["freed"].([]any)
		if !ok {
			return fmt.Errorf("freed %v", o["freed"])
		}
		var ids []string
		lastKind, lastK := -1, int64(-1)
		for _, v := range freed {
			s, _ := v.(string)
			m := freedIDRe.FindStringSubmatch(s)
			if m == nil || c.freed[s] {
				return fmt.Errorf("freed id %v malformed or freed twice", v)
			}
			c.freed[s] = true
			kind := map[string]int{"directory": 0, "table": 1, "groups": 2}[m[1]]
			k, _ := strconv.ParseInt(m[2], 10, 64)
			if kind < lastKind || kind == lastKind && k <= lastK {
				return fmt.Errorf("freed %v not in order (directory, table, groups; each ascending)", freed)
			}
			lastKind, lastK = kind, k
			if kind == 1 && (!c.seenTabs[k] || c.curTabs[k]) {
				return fmt.Errorf("freed table#%d was never in the map or still is", k)
			}
			ids = append(ids, s)
		}
		c.gcFreed = append(c.gcFreed, ids)
	default:
		return fmt.Errorf("unknown op %q", op)
	}
	if int64(len(c.live)) != used {
		return fmt.Errorf("%d keys live by the operations, summary used %d", len(c.live), used)
	}
	if seed != prevSeed {
		if !reseedOK && !reseedWant {
			return fmt.Errorf("seed changed %s -> %s", prevSeed, seed)
		}
		c.hashes = map[string]uint64{}
	} else if reseedWant {
		return fmt.Errorf("no new seed (delete to empty or clear)")
	}
	if op != "clear" && op != "make" && cs != prevCS {
		return fmt.Errorf("clearSeq changed by %s", op)
	}
	c.seed, c.used, c.clearSeq, c.tombPoss = seed, used, cs, tp
	if a, ok := o["after"].(obj); ok {
		if err := c.checkAfter(a, used, dirLen, gd, tp); err != nil {
			return fmt.Errorf("after: %v", err)
		}
		c.lastAfter = a
	} else if o["after"] != nil {
		return fmt.Errorf("after is not an object")
	}
	return nil
}

func (c *checker) checkStart(v any, used int64) error {
	st, ok := v.(obj)
	if !ok || !decString(st["entryOffset"]) || !decString(st["dirOffset"]) || len(st) != 2 {
		return fmt.Errorf("start %v", v)
	}
	if used == 0 && (st["entryOffset"] != "0" || st["dirOffset"] != "0") {
		return fmt.Errorf("start %v on an empty map (no draw)", v)
	}
	return nil
}

// group is one parsed group: ctrl bytes and key strings (JSON).
func (c *checker) group(v any) ([8]int, [8]string, error) {
	var ctrl [8]int
	var keys [8]string
	g, ok := v.(obj)
	if !ok || len(g) != 3 {
		return ctrl, keys, fmt.Errorf("group %v", v)
	}
	cs, _ := g["ctrl"].([]any)
	ks, _ := g["keys"].([]any)
	es, _ := g["elems"].([]any)
	if len(cs) != 8 || len(ks) != 8 || len(es) != 8 {
		return ctrl, keys, fmt.Errorf("group arrays of %d/%d/%d", len(cs), len(ks), len(es))
	}
	for i := 0; i < 8; i++ {
		n, ok := num(cs[i])
		if !ok || !(n >= 0 && n < 128 || n == ctrlEmpty || n == ctrlDeleted) {
			return ctrl, keys, fmt.Errorf("ctrl %v", cs[i])
		}
		ctrl[i] = int(n)
		full := n < 128
		if full != (ks[i] != nil) || full != (es[i] != nil) {
			return ctrl, keys, fmt.Errorf("slot %d: ctrl %d with key %v elem %v", i, n, ks[i], es[i])
		}
		if full {
			k, err := c.keyOK(ks[i])
			if err != nil {
				return ctrl, keys, err
			}
			if !decString(es[i]) {
				return ctrl, keys, fmt.Errorf("elem %v", es[i])
			}
			keys[i] = k
		}
	}
	return ctrl, keys, nil
}

func (c *checker) checkAfter(a obj, used, dirLen, gd int64, tp bool) error {
	if len(a) != 3 {
		return fmt.Errorf("keys %v", a)
	}
	dir, ok1 := a["directory"].([]any)
	tabs, ok2 := a["tables"].([]any)
	if !ok1 || !ok2 || int64(len(dir)) != dirLen {
		return fmt.Errorf("directory/tables missing or directory of %d entries, dirLen %d", len(dir), dirLen)
	}
	liveKeys := map[string]bool{}
	addKey := func(k string) error {
		if liveKeys[k] || !c.live[k] {
			return fmt.Errorf("key %s twice in the map, or not live by the operations", k)
		}
		liveKeys[k] = true
		return nil
	}
	if dirLen == 0 {
		if len(tabs) != 0 {
			return fmt.Errorf("small map with tables")
		}
		if a["small"] == nil {
			if used != 0 {
				return fmt.Errorf("no small group but used %d", used)
			}
			return nil
		}
		ctrl, keys, err := c.group(a["small"])
		if err != nil {
			return fmt.Errorf("small: %v", err)
		}
		for i := 0; i < 8; i++ {
			if ctrl[i] == ctrlDeleted {
				return fmt.Errorf("small group holds a tombstone")
			}
			if ctrl[i] < 128 {
				if err := addKey(keys[i]); err != nil {
					return err
				}
				if h, ok := c.hashes[keys[i]]; ok && int(h&0x7f) != ctrl[i] {
					return fmt.Errorf("small slot %d: ctrl %d, key %s has h2 %d", i, ctrl[i], keys[i], h&0x7f)
				}
			}
		}
		if int64(len(liveKeys)) != used {
			return fmt.Errorf("small group holds %d keys, used %d", len(liveKeys), used)
		}
		return nil
	}
	if a["small"] != nil {
		return fmt.Errorf("small group in a map with a directory")
	}
	ids := make([]int64, len(dir))
	for i, v := range dir {
		n, ok := num(v)
		if !ok {
			return fmt.Errorf("directory[%d] = %v", i, v)
		}
		ids[i] = n
	}
	c.curTabs = map[int64]bool{}
	total := int64(0)
	pos := 0
	anyTomb := false
	for ti, tv := range tabs {
		t, ok := tv.(obj)
		if !ok || len(t) != 7 {
			return fmt.Errorf("table %d: %v keys", ti, len(t))
		}
		id, _ := num(t["id"])
		ld, _ := num(t["localDepth"])
		index, _ := num(t["index"])
		capacity, _ := num(t["capacity"])
		tused, _ := num(t["used"])
		gl, _ := num(t["growthLeft"])
		groups, _ := t["groups"].([]any)
		if c.curTabs[id] {
			return fmt.Errorf("table id %d listed twice", id)
		}
		c.curTabs[id], c.seenTabs[id] = true, true
		if ld > gd || index != int64(pos) {
			return fmt.Errorf("table %d: localDepth %d (globalDepth %d), index %d, first appearance %d", id, ld, gd, index, pos)
		}
		span := int64(1) << (gd - ld)
		if index%span != 0 || index+span > dirLen {
			return fmt.Errorf("table %d: index %d not aligned to its span %d", id, index, span)
		}
		for p := index; p < index+span; p++ {
			if ids[p] != id {
				return fmt.Errorf("directory[%d] = %d, want table %d (index %d, span %d)", p, ids[p], id, index, span)
			}
		}
		pos = int(index + span)
		if capacity < 8 || capacity > 1024 || bits.OnesCount64(uint64(capacity)) != 1 || int64(len(groups))*8 != capacity {
			return fmt.Errorf("table %d: capacity %d with %d groups", id, capacity, len(groups))
		}
		live, tombs := int64(0), int64(0)
		mask := uint64(len(groups) - 1)
		type slot struct {
			g    uint64
			key  string
			ctrl int
		}
		var full []slot
		hasEmpty := make([]bool, len(groups))
		for g, gv := range groups {
			ctrl, keys, err := c.group(gv)
			if err != nil {
				return fmt.Errorf("table %d group %d: %v", id, g, err)
			}
			gt := false
			for i := 0; i < 8; i++ {
				switch {
				case ctrl[i] == ctrlEmpty:
					hasEmpty[g] = true
				case ctrl[i] == ctrlDeleted:
					tombs++
					gt = true
				default:
					live++
					if err := addKey(keys[i]); err != nil {
						return err
					}
					full = append(full, slot{uint64(g), keys[i], ctrl[i]})
				}
			}
			if gt && hasEmpty[g] {
				return fmt.Errorf("table %d group %d holds an empty slot and a tombstone", id, g)
			}
		}
		maxGL := capacity * 7 / 8
		if capacity <= 8 {
			maxGL = capacity - 1
		}
		if live != tused || gl != maxGL-tused-tombs {
			return fmt.Errorf("table %d: used %d (live slots %d), growthLeft %d, tombstones %d, capacity %d: want growthLeft %d",
				id, tused, live, gl, tombs, capacity, maxGL-tused-tombs)
		}
		for _, s := range full {
			h, ok := c.hashes[s.key]
			if !ok {
				return fmt.Errorf("live key %s has no hash recorded under the current seed", s.key)
			}
			if int(h&0x7f) != s.ctrl {
				return fmt.Errorf("table %d: key %s ctrl %d, h2 %d", id, s.key, s.ctrl, h&0x7f)
			}
			d := int64(0)
			if dirLen > 1 {
				d = int64(h >> (64 - gd))
			}
			if d < index || d >= index+span {
				return fmt.Errorf("key %s (directory index %d) in table %d covering [%d,%d)", s.key, d, id, index, index+span)
			}
			p, step := (h>>7)&mask, uint64(0)
			for p != s.g {
				if hasEmpty[p] {
					return fmt.Errorf("key %s in group %d unreachable: its probe stops at group %d", s.key, s.g, p)
				}
				step++
				p = (p + step) & mask
			}
		}
		anyTomb = anyTomb || tombs > 0
		total += tused
	}
	if int64(pos) != dirLen {
		return fmt.Errorf("tables cover %d of %d directory entries", pos, dirLen)
	}
	if total != used {
		return fmt.Errorf("tables hold %d, used %d", total, used)
	}
	if c.goMinor >= 25 && anyTomb && !tp {
		return fmt.Errorf("a tombstone with tombstonePossible false")
	}
	return nil
}

// checkWorkload checks what some workloads are meant to show, per Go version.
func (c *checker) checkWorkload() error {
	name, _ := c.header["workload"].(string)
	lastCap := func() int64 {
		if c.lastAfter == nil {
			return -1
		}
		tabs, _ := c.lastAfter["tables"].([]any)
		if len(tabs) == 0 {
			return 0
		}
		n, _ := num(tabs[0].(obj)["capacity"])
		return n
	}
	prunes := c.goMinor >= 25
	switch name {
	case "churn-prune-u64", "churn-string-keys":
		// 1.25+ prunes and keeps 128 slots, unless a prune gave up (too few unneeded tombstones
		// for this hash seed) and the table grew once; the recorder checks the prunes themselves.
		ok := c.churnCap() == 256
		if prunes {
			ok = c.churnCap() == 128 || c.churnCap() == 256
		}
		if !ok {
			return fmt.Errorf("capacity after the churn %d in go1.%d", c.churnCap(), c.goMinor)
		}
	case "churn-ptr-keys", "churn-big-elem":
		if c.churnCap() != 256 {
			return fmt.Errorf("capacity after the churn %d, want 256 (no pruning on this path)", c.churnCap())
		}
	case "gc-growth":
		want := "[[] [groups#0] [table#0 groups#1] [] [table#1 groups#2] [] []]"
		if fmt.Sprint(c.gcFreed) != want {
			return fmt.Errorf("freed %v, want %s", c.gcFreed, want)
		}
	case "gc-iter-key-groups":
		want := "[[table#0 groups#0 groups#1] [table#2] [groups#3] [table#1 groups#2] []]"
		if fmt.Sprint(c.gcFreed) != want {
			return fmt.Errorf("freed %v, want %s", c.gcFreed, want)
		}
	case "gc-small-iter":
		want := "[[] [] [groups#0]]"
		if fmt.Sprint(c.gcFreed) != want {
			return fmt.Errorf("freed %v, want %s", c.gcFreed, want)
		}
	case "growth-split", "iterate-directory", "hint-3000":
		if gd, _ := num(c.lines[len(c.lines)-1]["summary"].(obj)["globalDepth"]); gd < 2 {
			return fmt.Errorf("globalDepth %d at the end, want >= 2", gd)
		}
	case "clear-tombstones":
		// The second clear empties a table holding only tombstones.
		n := 0
		for j, o := range c.lines {
			if o["op"] != "clear" {
				continue
			}
			if n++; n != 2 {
				continue
			}
			cs, _ := num(o["summary"].(obj)["clearSeq"])
			if prunes != (cs == 1) {
				return fmt.Errorf("clear of a map with only tombstones (line %d): clearSeq %d in go1.%d", j+2, cs, c.goMinor)
			}
		}
	}
	_ = lastCap
	if strings.HasPrefix(name, "hint-") {
		h, _ := strconv.Atoi(strings.TrimPrefix(name, "hint-"))
		a, _ := c.lines[0]["after"].(obj)
		if a == nil {
			return fmt.Errorf("make line without after")
		}
		tabs, _ := a["tables"].([]any)
		if h <= 8 {
			if len(tabs) != 0 || a["small"] != nil {
				return fmt.Errorf("make(%d) allocated", h)
			}
			return nil
		}
		target := h * 8 / 7
		dirSize := 1
		for dirSize*1024 < target {
			dirSize *= 2
		}
		capacity := 8
		for capacity < target/dirSize {
			capacity *= 2
		}
		if len(tabs) != dirSize {
			return fmt.Errorf("make(%d): %d tables, want %d", h, len(tabs), dirSize)
		}
		for _, tv := range tabs {
			cp, _ := num(tv.(obj)["capacity"])
			if cp != int64(capacity) {
				return fmt.Errorf("make(%d): capacity %d, want %d", h, cp, capacity)
			}
		}
	}
	return nil
}

// churnCap is the first table's capacity on the last line with "after" before the first
// iterate (the churn ends there; the workload writes the state).
func (c *checker) churnCap() int64 {
	var last obj
	for _, o := range c.lines {
		if o["op"] == "iterate" {
			break
		}
		if a, ok := o["after"].(obj); ok {
			last = a
		}
	}
	if last == nil {
		return -1
	}
	tabs, _ := last["tables"].([]any)
	if len(tabs) == 0 {
		return 0
	}
	n, _ := num(tabs[0].(obj)["capacity"])
	return n
}
