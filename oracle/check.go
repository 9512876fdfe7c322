//go:build !go1.24

package main

// oracle -check DIR: reads trace files back, independently of the code that wrote
// them, and checks (1) the format rules of ../docs/trace-format.md, (2) the
// consistency of every recorded state (live slots add up to count, array sizes
// match B, keys present exactly where tophash >= 5), and (3) what each workload is
// meant to show, per Go version (growth points, same-size growth, freed sets, the
// held iterator, clear during iteration).

import (
	"fmt"
	"maplab/oracle/internal/tracekit"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

type obj = tracekit.Obj

// checkDir checks every *.jsonl file in dir; returns the number of files with errors.
func checkDir(dir string) (int, error) { return tracekit.CheckDir(dir, checkFile) }

var (
	hash64Re  = regexp.MustCompile(`^0x[0-9a-f]{16}$`)
	hash32Re  = regexp.MustCompile(`^0x[0-9a-f]{8}$`)
	freedIDRe = regexp.MustCompile(`^(buckets|overflow)#(\d+)$`)
)

// checker holds one file's state while its lines are read.
type checker struct {
	goMinor  int
	header   obj
	lines    []obj
	hasIter  bool
	workload string
}

func num(v any) (int64, bool) { return tracekit.Num(v) }

func checkFile(path string) (ops int, notes string, err error) {
	header, lines, err := tracekit.ReadTrace(path, 1<<26)
	if err != nil {
		return 0, "", err
	}
	c := &checker{}
	c.header, c.lines = header, lines
	if err := c.checkHeader(strings.TrimSuffix(filepath.Base(path), ".jsonl")); err != nil {
		return 0, "", fmt.Errorf("line 1: %v", err)
	}
	if len(c.lines) == 0 {
		return 0, "", fmt.Errorf("no operations")
	}
	for _, o := range c.lines {
		if op := o["op"]; op == "iter-open" || op == "iter-next" || op == "iter-close" || op == "gc" {
			c.hasIter = true
		}
	}
	for j, o := range c.lines {
		if err := c.checkLine(j, o); err != nil {
			return 0, "", fmt.Errorf("line %d (op %d %v): %v", j+2, j, o["op"], err)
		}
	}
	if err := c.checkIterators(); err != nil {
		return 0, "", err
	}
	notes, err = c.checkWorkload()
	return len(c.lines), notes, err
}

func (c *checker) checkHeader(file string) error {
	h := c.header
	minor, err := tracekit.CheckHeader(h, "classic")
	if err != nil {
		return err
	}
	c.goMinor = minor
	g, _ := h["go"].(string)
	if c.goMinor < 19 || c.goMinor > 23 {
		return fmt.Errorf("go = %q: the classic map oracle covers 1.19-1.23", g)
	}
	for _, k := range []string{"keySize", "elemSize", "bucketSize"} {
		if _, ok := num(h[k]); !ok {
			return fmt.Errorf("%s missing or not an integer", k)
		}
	}
	for _, k := range []string{"indirectKey", "indirectElem"} {
		if _, ok := h[k].(bool); !ok {
			return fmt.Errorf("%s missing or not a bool", k)
		}
	}
	kt, _ := h["keyType"].(string)
	et, _ := h["elemType"].(string)
	ks, _ := num(h["keySize"])
	es, _ := num(h["elemSize"])
	bs, _ := num(h["bucketSize"])
	if bs != 16+8*(ks+es) {
		return fmt.Errorf("bucketSize %d != 16 + 8*(keySize %d + elemSize %d)", bs, ks, es)
	}
	if (kt == "uint64" && ks != 8) || (kt == "string" && ks != 16) || (et == "uint64" && es != 8) ||
		(strings.HasPrefix(et, "[") && (es != 8 || h["indirectElem"] != true)) {
		return fmt.Errorf("sizes %d/%d do not fit %s/%s", ks, es, kt, et)
	}
	c.workload, _ = h["workload"].(string)
	if c.workload != file {
		return fmt.Errorf("workload %q but the file is %s.jsonl", c.workload, file)
	}
	return nil
}

func strField(o obj, k string) (string, error) {
	s, ok := o[k].(string)
	if !ok {
		return "", fmt.Errorf("%s missing or not a string", k)
	}
	return s, nil
}

func (c *checker) checkKeyField(o obj, k string) error {
	s, err := strField(o, k)
	if err != nil {
		return err
	}
	if c.header["keyType"] == "uint64" {
		if _, err := strconv.ParseUint(s, 10, 64); err != nil {
			return fmt.Errorf("%s %q is not a decimal uint64", k, s)
		}
	}
	return nil
}

func (c *checker) checkLine(j int, o obj) error {
	if i, ok := num(o["i"]); !ok || i != int64(j) {
		return fmt.Errorf("i = %v, want %d", o["i"], j)
	}
	op, _ := o["op"].(string)
	if (j == 0) != (op == "make") {
		return fmt.Errorf("make must be exactly the first operation")
	}
	switch op {
	case "make":
		if h, ok := num(o["hint"]); !ok || h < -1 {
			return fmt.Errorf("bad hint %v", o["hint"])
		}
	case "set", "delete", "get":
		if err := c.checkKeyField(o, "key"); err != nil {
			return err
		}
		if h, _ := o["hash"].(string); !hash64Re.MatchString(h) {
			return fmt.Errorf("hash %q is not 0x and 16 hex digits", h)
		}
		if op == "set" {
			if e, err := strField(o, "elem"); err != nil {
				return err
			} else if _, err := strconv.ParseUint(e, 10, 64); err != nil {
				return fmt.Errorf("elem %q is not decimal", e)
			}
		}
		if _, ok := o["found"].(bool); op == "get" && !ok {
			return fmt.Errorf("get without found")
		}
	case "clear", "iter-close":
	case "iterate", "iter-open":
		st, ok := o["start"].(obj)
		if !ok {
			return fmt.Errorf("start missing")
		}
		b, ok1 := num(st["bucket"])
		off, ok2 := num(st["offset"])
		if !ok1 || !ok2 || b < 0 || off < 0 || off > 7 {
			return fmt.Errorf("bad start %v", st)
		}
		if op == "iterate" {
			order, ok := o["order"].([]any)
			if !ok {
				return fmt.Errorf("order missing")
			}
			cnt, _ := num(o["summary"].(obj)["count"])
			if int64(len(order)) != cnt {
				return fmt.Errorf("iterate produced %d keys, count is %d", len(order), cnt)
			}
		}
	case "iter-next":
		if _, ok := o["keys"].([]any); !ok {
			return fmt.Errorf("keys missing")
		}
	case "gc":
		freed, ok := o["freed"].([]any)
		if !ok {
			return fmt.Errorf("freed missing")
		}
		prevKind, prevK := "", int64(-1)
		for _, x := range freed {
			s, _ := x.(string)
			m := freedIDRe.FindStringSubmatch(s)
			if m == nil {
				return fmt.Errorf("freed id %q", s)
			}
			k, _ := strconv.ParseInt(m[2], 10, 64)
			if m[1] == prevKind && k <= prevK || prevKind == "overflow" && m[1] == "buckets" {
				return fmt.Errorf("freed %v not in order (buckets#k, then overflow#k, ascending)", freed)
			}
			prevKind, prevK = m[1], k
		}
	default:
		return fmt.Errorf("unknown op %q", op)
	}
	sum, ok := o["summary"].(obj)
	if !ok {
		return fmt.Errorf("summary missing")
	}
	for _, k := range []string{"count", "B", "flags", "noverflow", "nevacuate"} {
		if _, ok := num(sum[k]); !ok {
			return fmt.Errorf("summary.%s missing", k)
		}
	}
	for _, k := range []string{"growing", "sameSizeGrow"} {
		if _, ok := sum[k].(bool); !ok {
			return fmt.Errorf("summary.%s missing", k)
		}
	}
	if h, _ := sum["hash0"].(string); !hash32Re.MatchString(h) {
		return fmt.Errorf("summary.hash0 %q", h)
	}
	flags, _ := num(sum["flags"])
	if (flags&flagSameSizeGrow != 0) != sum["sameSizeGrow"].(bool) || flags&flagHashWriting != 0 {
		return fmt.Errorf("flags %d disagree with sameSizeGrow %v or show hashWriting", flags, sum["sameSizeGrow"])
	}
	if B, _ := num(sum["B"]); B >= 16 {
		return fmt.Errorf("B = %d: version 1 traces keep B < 16", B)
	}
	after, has := o["after"]
	if c.hasIter && !has {
		return fmt.Errorf("a trace with iter-* or gc must carry after on every line")
	}
	if has {
		a, ok := after.(obj)
		if !ok {
			return fmt.Errorf("after is not an object")
		}
		return c.checkAfter(sum, a)
	}
	return nil
}

func (c *checker) checkAfter(sum, a obj) error {
	count, _ := num(sum["count"])
	B, _ := num(sum["B"])
	growing := sum["growing"].(bool)
	same := sum["sameSizeGrow"].(bool)
	if n, ok := num(a["nextOverflowFree"]); !ok || n < 0 {
		return fmt.Errorf("after.nextOverflowFree %v", a["nextOverflowFree"])
	}
	live := int64(0)
	if a["buckets"] == nil {
		if count != 0 || B != 0 {
			return fmt.Errorf("after.buckets null with count %d B %d", count, B)
		}
	} else {
		heads, ok := a["buckets"].([]any)
		if !ok || int64(len(heads)) != 1<<B {
			return fmt.Errorf("after.buckets has %d heads, want 2^B = %d", len(heads), 1<<B)
		}
		n, err := c.liveIn(heads, false, "after.buckets")
		if err != nil {
			return err
		}
		live += n
	}
	if (a["oldbuckets"] != nil) != growing {
		return fmt.Errorf("after.oldbuckets present = %v but growing = %v", a["oldbuckets"] != nil, growing)
	}
	if growing {
		oldB := B - 1
		if same {
			oldB = B
		}
		heads, ok := a["oldbuckets"].([]any)
		if !ok || int64(len(heads)) != 1<<oldB {
			return fmt.Errorf("after.oldbuckets has %d heads, want %d", len(heads), 1<<oldB)
		}
		n, err := c.liveIn(heads, true, "after.oldbuckets")
		if err != nil {
			return err
		}
		live += n
	}
	if live != count {
		return fmt.Errorf("after holds %d live slots, summary.count is %d", live, count)
	}
	return nil
}

// liveIn counts the live slots of a list of chains; in old arrays an evacuated
// bucket (tophash[0] in 2..4) must have only evacuation marks.
func (c *checker) liveIn(heads []any, old bool, path string) (int64, error) {
	live := int64(0)
	for i, hd := range heads {
		evacuated := false
		depth := 0
		for cur := hd; cur != nil; depth++ {
			b, ok := cur.(obj)
			if !ok {
				return 0, fmt.Errorf("%s[%d]: bucket is not an object", path, i)
			}
			cur = b["overflow"]
			p := fmt.Sprintf("%s[%d]%s", path, i, strings.Repeat(".overflow", depth))
			th, _ := b["tophash"].([]any)
			keys, _ := b["keys"].([]any)
			elems, _ := b["elems"].([]any)
			if len(th) != 8 || len(keys) != 8 || len(elems) != 8 {
				return 0, fmt.Errorf("%s: tophash/keys/elems must have 8 entries", p)
			}
			for s := 0; s < 8; s++ {
				t, ok := num(th[s])
				if !ok || t < 0 || t > 255 {
					return 0, fmt.Errorf("%s.tophash[%d] = %v", p, s, th[s])
				}
				if depth == 0 && s == 0 {
					evacuated = old && t >= 2 && t <= 4
				}
				if (t >= minTopHash) != (keys[s] != nil) || (t >= minTopHash) != (elems[s] != nil) {
					return 0, fmt.Errorf("%s slot %d: tophash %d but key %v elem %v", p, s, t, keys[s], elems[s])
				}
				if evacuated && (t < 2 || t > 4) {
					return 0, fmt.Errorf("%s slot %d: tophash %d in an evacuated bucket", p, s, t)
				}
				if !old && t >= 2 && t <= 4 {
					return 0, fmt.Errorf("%s slot %d: evacuation mark %d in the current array", p, s, t)
				}
				if t >= minTopHash {
					live++
				}
			}
		}
	}
	return live, nil
}

// checkIterators: iter-next only on open, unfinished iterators; at most one empty
// iter-next per iterator (the end), no keys after it; every iterator is closed.
// An empty iter-next either follows at once the step that found the end after
// reporting keys, or is itself the step that found the end (after any operation):
// the trace does not say how many keys a step asked for, so nothing more is checked.
func (c *checker) checkIterators() error {
	open := map[int64]bool{}
	ended := map[int64]bool{}
	for j, o := range c.lines {
		it, _ := num(o["it"])
		switch o["op"] {
		case "iter-open":
			if open[it] || ended[it] {
				return fmt.Errorf("op %d: iterator %d opened twice", j, it)
			}
			open[it] = true
		case "iter-next":
			if !open[it] {
				return fmt.Errorf("op %d: iter-next on iterator %d, which is not open", j, it)
			}
			if ended[it] {
				return fmt.Errorf("op %d: iter-next on iterator %d after its end", j, it)
			}
			if len(o["keys"].([]any)) == 0 {
				ended[it] = true
			}
		case "iter-close":
			if !open[it] {
				return fmt.Errorf("op %d: iter-close of iterator %d, which is not open", j, it)
			}
			delete(open, it)
		}
	}
	if len(open) > 0 {
		return fmt.Errorf("iterators left open: %v", open)
	}
	return c.checkLoops()
}

// liveKeys returns the keys of the live slots of an "after" object: the current
// array and the old buckets not yet evacuated.
func liveKeys(a obj) map[string]bool {
	out := map[string]bool{}
	for _, arr := range []string{"buckets", "oldbuckets"} {
		heads, _ := a[arr].([]any)
		for _, hd := range heads {
			for cur := hd; cur != nil; {
				b := cur.(obj)
				th := b["tophash"].([]any)
				keys := b["keys"].([]any)
				for s := range th {
					if t, _ := num(th[s]); t >= minTopHash {
						out[fmt.Sprint(keys[s])] = true
					}
				}
				cur = b["overflow"]
			}
		}
	}
	return out
}

// loopRec is one paused loop as the trace shows it.
type loopRec struct {
	open     int             // the iter-open line
	atOpen   map[string]bool // keys live at iter-open
	gone     map[string]bool // deleted during the loop
	deleted  map[string]bool // deleted and not inserted again
	seen     map[string]int  // times reported
	order    []string        // keys reported, in order
	cleared  bool
	ended    int // the line of the empty iter-next, or -1
	produced int
}

// loopLines replays the iterator lines of the trace: per iterator number, what it
// reported, and for each line which loops were open (standing on a reported key,
// not ended) just before it.
func (c *checker) loopLines() (map[int64]*loopRec, error) {
	loops := map[int64]*loopRec{}
	open := map[int64]*loopRec{}
	for j, o := range c.lines {
		op := o["op"]
		key := fmt.Sprint(o["key"])
		var dCount int64
		if j > 0 {
			dCount = c.intOf(j, "count") - c.intOf(j-1, "count")
		}
		switch op {
		case "iter-open":
			it, _ := num(o["it"])
			a, _ := o["after"].(obj)
			r := &loopRec{open: j, atOpen: liveKeys(a), gone: map[string]bool{}, deleted: map[string]bool{},
				seen: map[string]int{}, ended: -1}
			loops[it], open[it] = r, r
		case "iter-next":
			it, _ := num(o["it"])
			r := open[it]
			keys := o["keys"].([]any)
			for _, k := range keys {
				ks := fmt.Sprint(k)
				if !r.cleared {
					if r.deleted[ks] {
						return nil, fmt.Errorf("op %d: loop %d reported %s, deleted during the loop before it was reached", j, it, ks)
					}
					if r.seen[ks] > 0 && !r.gone[ks] {
						return nil, fmt.Errorf("op %d: loop %d reported %s twice", j, it, ks)
					}
				}
				r.seen[ks]++
				r.order = append(r.order, ks)
			}
			r.produced += len(keys)
			if len(keys) == 0 {
				r.ended = j
				if !r.cleared {
					for k := range r.atOpen {
						if !r.gone[k] && r.seen[k] != 1 {
							return nil, fmt.Errorf("op %d: loop %d ended without reporting %s, present since its start", j, it, k)
						}
					}
				}
			}
		case "iter-close":
			it, _ := num(o["it"])
			delete(open, it)
		case "delete":
			if dCount < 0 {
				for _, r := range open {
					r.gone[key], r.deleted[key] = true, true
				}
			}
		case "set":
			if dCount > 0 {
				for _, r := range open {
					delete(r.deleted, key)
				}
			}
		case "clear":
			for _, r := range open {
				r.cleared = true
			}
		}
	}
	return loops, nil
}

// checkLoops checks Go's iteration guarantee on every paused loop: a key deleted
// before the loop reached it is not reported, no key is reported twice (unless it
// was deleted and inserted again), and a loop that ends has reported exactly once
// every key present at its start and never deleted. Loops during which the map was
// cleared are exempt (Go 1.19 reports stale keys then, issue 59411).
func (c *checker) checkLoops() error {
	if !c.hasIter {
		return nil
	}
	_, err := c.loopLines()
	return err
}

// bodyWrite is a write (set or delete) in the body of a paused loop that stands on
// a key it reported, directly followed by that loop's next step.
type bodyWrite struct {
	line     int
	loop     int64
	kind     string // "insert", "update" or "delete"
	key      string
	next     []any // the keys of the loop's next step
	growing  bool  // the map was growing before the write
	B        int64
	lastKey  string // the key the loop stood on
	startsGr bool   // the write started a growth
}

// bodyWrites lists the writes inside loop bodies (any loop standing on a key, not
// ended), with the next step of the loop that comes right after, if one does.
func (c *checker) bodyWrites() []bodyWrite {
	var out []bodyWrite
	type st struct {
		produced int
		ended    bool
		last     string
	}
	open := map[int64]*st{}
	for j, o := range c.lines {
		op, _ := o["op"].(string)
		it, _ := num(o["it"])
		switch op {
		case "iter-open":
			open[it] = &st{}
		case "iter-next":
			keys := o["keys"].([]any)
			open[it].produced += len(keys)
			if len(keys) == 0 {
				open[it].ended = true
			} else {
				open[it].last = fmt.Sprint(keys[len(keys)-1])
			}
		case "iter-close":
			delete(open, it)
		case "set", "delete":
			d := c.intOf(j, "count") - c.intOf(j-1, "count")
			kind := "update"
			switch {
			case op == "delete" && d < 0:
				kind = "delete"
			case op == "delete":
				continue
			case d > 0:
				kind = "insert"
			}
			for id, l := range open {
				if l.produced == 0 || l.ended {
					continue
				}
				w := bodyWrite{line: j, loop: id, kind: kind, key: fmt.Sprint(o["key"]),
					growing: c.sum(j - 1)["growing"] == true, B: c.intOf(j, "B"), lastKey: l.last,
					startsGr: c.sum(j - 1)["growing"] != true && c.sum(j)["growing"] == true}
				if j+1 < len(c.lines) && c.lines[j+1]["op"] == "iter-next" {
					if nit, _ := num(c.lines[j+1]["it"]); nit == id {
						w.next = c.lines[j+1]["keys"].([]any)
					}
				}
				out = append(out, w)
			}
		}
	}
	return out
}

// oldChain returns the old bucket whose chain holds key k in a live slot.
func oldChain(a obj, k string) (int, bool) {
	heads, _ := a["oldbuckets"].([]any)
	for i, hd := range heads {
		for cur := hd; cur != nil; {
			b := cur.(obj)
			th := b["tophash"].([]any)
			keys := b["keys"].([]any)
			for s := range th {
				if t, _ := num(th[s]); t >= minTopHash && fmt.Sprint(keys[s]) == k {
					return i, true
				}
			}
			cur = b["overflow"]
		}
	}
	return 0, false
}

// oldEvacuatedIn tells whether old bucket i is evacuated (tophash[0] a mark), or
// the growth has finished.
func oldEvacuatedIn(a obj, i int) bool {
	heads, _ := a["oldbuckets"].([]any)
	if heads == nil {
		return true // the growth finished
	}
	th := heads[i].(obj)["tophash"].([]any)
	t, _ := num(th[0])
	return t >= 2 && t <= 4
}

// checkBody checks the body-* workloads from the trace alone.
func (c *checker) checkBody() (string, error) {
	ws := c.bodyWrites()
	count := func(f func(w bodyWrite) bool) int {
		n := 0
		for _, w := range ws {
			if f(w) {
				n++
			}
		}
		return n
	}
	reportedNext := func(w bodyWrite) bool { return len(w.next) > 0 && fmt.Sprint(w.next[0]) == w.key }
	need := func(n, min int, what string) error {
		if n < min {
			return fmt.Errorf("%d %s, want at least %d", n, what, min)
		}
		return nil
	}
	switch {
	case strings.HasPrefix(c.workload, "body-insert-next-slot"):
		all := count(func(w bodyWrite) bool { return w.kind == "insert" && reportedNext(w) })
		gr := count(func(w bodyWrite) bool { return w.kind == "insert" && reportedNext(w) && w.growing })
		b3 := count(func(w bodyWrite) bool { return w.kind == "insert" && reportedNext(w) && !w.growing && w.B == 3 })
		if err := need(all, 3, "inserts reported as the loop's next key"); err != nil {
			return "", err
		}
		if gr < 1 || b3 < 1 {
			return "", fmt.Errorf("inserts reported next: %d during a growth, %d at B3 after it; want one each", gr, b3)
		}
		return fmt.Sprintf(" (%d inserts reported next, %d during a growth)", all, gr), nil
	case strings.HasPrefix(c.workload, "body-delete-next-key"):
		n := count(func(w bodyWrite) bool { return w.kind == "delete" && w.next != nil })
		gr := count(func(w bodyWrite) bool { return w.kind == "delete" && w.next != nil && w.growing })
		if err := need(n, 3, "deletes followed by the loop's next step"); err != nil {
			return "", err
		}
		if gr < 1 {
			return "", fmt.Errorf("no delete in a loop body during a growth")
		}
		return fmt.Sprintf(" (%d deletes before the loop's next step, none reported)", n), nil
	case strings.HasPrefix(c.workload, "body-update-next-key"):
		n := count(func(w bodyWrite) bool { return w.kind == "update" && reportedNext(w) })
		gr := count(func(w bodyWrite) bool { return w.kind == "update" && reportedNext(w) && w.growing })
		if err := need(n, 3, "updates reported as the loop's next key"); err != nil {
			return "", err
		}
		if gr < 1 {
			return "", fmt.Errorf("no update reported next during a growth")
		}
		return fmt.Sprintf(" (%d updates reported next)", n), nil
	case strings.HasPrefix(c.workload, "body-growth-starts"):
		same := count(func(w bodyWrite) bool { return w.startsGr && c.sum(w.line)["sameSizeGrow"] == true })
		dbl := count(func(w bodyWrite) bool { return w.startsGr && c.sum(w.line)["sameSizeGrow"] != true })
		if same < 1 || dbl < 1 {
			return "", fmt.Errorf("growths started in a loop body: %d same-size, %d doubling; want one each", same, dbl)
		}
		return " (a same-size growth and a doubling started in loop bodies)", nil
	case strings.HasPrefix(c.workload, "body-evacuates-loop-bucket"):
		// The loop's last key sits in an unevacuated old bucket before the write,
		// and that bucket is evacuated after it.
		n := count(func(w bodyWrite) bool {
			if !w.growing {
				return false
			}
			before, _ := c.lines[w.line-1]["after"].(obj)
			i, ok := oldChain(before, w.lastKey)
			after, _ := c.lines[w.line]["after"].(obj)
			return ok && !oldEvacuatedIn(before, i) && oldEvacuatedIn(after, i)
		})
		if err := need(n, 2, "loops whose old bucket a write in their body evacuated"); err != nil {
			return "", err
		}
		return fmt.Sprintf(" (%d loops saw their old bucket evacuated in their body)", n), nil
	case strings.HasPrefix(c.workload, "body-evacuates-next-bucket"):
		loops, err := c.loopLines()
		if err != nil {
			return "", err
		}
		n := count(func(w bodyWrite) bool {
			return w.kind == "insert" && w.growing && loops[w.loop].seen[w.key] == 1
		})
		if err := need(n, 1, "keys inserted in a loop body during a growth and reported by that loop"); err != nil {
			return "", err
		}
		return fmt.Sprintf(" (%d keys inserted during a growth reported by the loop)", n), nil
	case strings.HasPrefix(c.workload, "body-string-keys"):
		ins := count(func(w bodyWrite) bool { return w.kind == "insert" && reportedNext(w) })
		upd := count(func(w bodyWrite) bool { return w.kind == "update" && reportedNext(w) })
		del := count(func(w bodyWrite) bool { return w.kind == "delete" && w.next != nil })
		gr := count(func(w bodyWrite) bool { return w.startsGr })
		if ins < 2 || upd < 1 || del < 1 || gr < 1 {
			return "", fmt.Errorf("string keys: %d inserts and %d updates reported next, %d deletes, %d growths in loop bodies", ins, upd, del, gr)
		}
		return fmt.Sprintf(" (%d inserts, %d updates reported next; %d deletes)", ins, upd, del), nil
	case strings.HasPrefix(c.workload, "body-gc-"):
		// With one loop open and no growth: a gc that frees no bucket array, then a
		// later gc, the loop still open, that frees one.
		loops, err := c.loopLines()
		if err != nil {
			return "", err
		}
		for id, r := range loops {
			kept := -1
			for j := r.open + 1; j < len(c.lines); j++ {
				o := c.lines[j]
				if o["op"] == "iter-close" {
					if it, _ := num(o["it"]); it == id {
						break
					}
				}
				if o["op"] != "gc" || c.sum(j)["growing"] == true {
					continue
				}
				arrays := 0
				for _, f := range freedOf(o) {
					if strings.HasPrefix(f, "buckets#") {
						arrays++
					}
				}
				if kept < 0 && arrays == 0 {
					kept = j
				} else if kept >= 0 && arrays > 0 {
					return fmt.Sprintf(" (loop %d: gc at op %d kept the old array, gc at op %d freed %v)", id, kept, j, freedOf(o)), nil
				}
			}
		}
		return "", fmt.Errorf("no loop kept an array through one gc and let it go at a later one")
	}
	return "", nil
}

func (c *checker) sum(j int) obj { return c.lines[j]["summary"].(obj) }

func (c *checker) intOf(j int, k string) int64 {
	n, _ := num(c.sum(j)[k])
	return n
}

func (c *checker) loadFactorNum() int64 {
	if c.goMinor == 21 {
		return 12
	}
	return 13
}

func freedOf(o obj) []string {
	var out []string
	for _, x := range o["freed"].([]any) {
		out = append(out, x.(string))
	}
	return out
}

// checkWorkload checks what the workload is meant to show.
func (c *checker) checkWorkload() (string, error) {
	n := len(c.lines)
	switch {
	case strings.HasPrefix(c.workload, "seq-insert"):
		// The first line at each B shows the count whose insert started that doubling.
		seen := map[int64]bool{0: true}
		var msg []string
		for j := 0; j < n; j++ {
			B := c.intOf(j, "B")
			if seen[B] {
				continue
			}
			seen[B] = true
			limit := c.loadFactorNum() * ((int64(1) << (B - 1)) / 2)
			if limit < 8 {
				limit = 8
			}
			if got := c.intOf(j, "count"); got != limit+1 {
				return "", fmt.Errorf("B%d->B%d started at count %d, want %d", B-1, B, got, limit+1)
			}
			if B <= 3 {
				msg = append(msg, fmt.Sprintf("B%d at key %d", B, limit+1))
			}
		}
		return " (" + strings.Join(msg, ", ") + ")", nil
	case strings.HasPrefix(c.workload, "samesize"):
		for j := 0; j < n; j++ {
			if c.sum(j)["sameSizeGrow"] == true {
				return fmt.Sprintf(" (same-size growth at op %d)", j), nil
			}
		}
		return "", fmt.Errorf("no line shows sameSizeGrow")
	case strings.HasPrefix(c.workload, "hint-prealloc"):
		a, ok := c.lines[0]["after"].(obj)
		if !ok {
			return " (no after on make: pool not checked)", nil
		}
		first, _ := num(a["nextOverflowFree"])
		exhausted := false
		for j := 0; j < n; j++ {
			if a, ok := c.lines[j]["after"].(obj); ok {
				if f, _ := num(a["nextOverflowFree"]); f == 0 {
					exhausted = true
				}
			}
		}
		if first == 0 || !exhausted {
			return "", fmt.Errorf("the pool (%d at make) is never shown used up", first)
		}
		return fmt.Sprintf(" (pool of %d preallocated overflow buckets used up)", first), nil
	case strings.HasPrefix(c.workload, "gc-growth"):
		// A gc while growing frees nothing of the old generation; a gc after a growth
		// finished frees the old array.
		freedArray, duringGrowth := false, false
		for j := 0; j < n; j++ {
			if c.lines[j]["op"] != "gc" {
				continue
			}
			f := freedOf(c.lines[j])
			if c.sum(j)["growing"] == true {
				duringGrowth = true
				if len(f) != 0 {
					return "", fmt.Errorf("op %d: gc during growth freed %v", j, f)
				}
			}
			for _, id := range f {
				if strings.HasPrefix(id, "buckets#") {
					freedArray = true
				}
			}
		}
		if !freedArray || !duringGrowth {
			return "", fmt.Errorf("no gc freed an old array (%v) or none ran during growth (%v)", freedArray, duringGrowth)
		}
		return " (old arrays freed after growth, none during)", nil
	case strings.HasPrefix(c.workload, "gc-held-iter"):
		// Between the growth that replaces the iterator's array and its close, gc
		// frees nothing; the first gc after the close frees that array.
		open, grown, closed := -1, -1, -1
		for j := 0; j < n; j++ {
			switch {
			case c.lines[j]["op"] == "iter-open":
				open = j
			case open >= 0 && grown < 0 && c.intOf(j, "B") > c.intOf(open, "B"):
				grown = j
			case c.lines[j]["op"] == "iter-close":
				closed = j
			}
		}
		if open < 0 || grown < 0 || closed < grown {
			return "", fmt.Errorf("no iterator held across a growth")
		}
		held := 0
		for j := grown; j < closed; j++ {
			if c.lines[j]["op"] == "gc" {
				held++
				if f := freedOf(c.lines[j]); len(f) != 0 {
					return "", fmt.Errorf("op %d: gc with the iterator open freed %v", j, f)
				}
			}
		}
		for j := closed; j < n; j++ {
			if c.lines[j]["op"] == "gc" {
				f := freedOf(c.lines[j])
				if len(f) == 0 || !strings.HasPrefix(f[0], "buckets#") {
					return "", fmt.Errorf("op %d: the gc after iter-close freed %v, want the old array", j, f)
				}
				return fmt.Sprintf(" (%d gc kept the old array while the iterator was open; then freed %v)", held, f), nil
			}
		}
		return "", fmt.Errorf("no gc after iter-close")
	case strings.HasPrefix(c.workload, "clear-iter"):
		cleared := -1
		after := 0
		for j := 0; j < n; j++ {
			if c.lines[j]["op"] == "clear" && cleared < 0 {
				cleared = j
			}
			if cleared >= 0 && c.lines[j]["op"] == "iter-next" {
				after += len(c.lines[j]["keys"].([]any))
			}
		}
		if cleared < 0 {
			return "", fmt.Errorf("no clear")
		}
		if c.goMinor >= 21 && after > 0 {
			return "", fmt.Errorf("go1.%d: the iterator produced %d keys after clear (want none)", c.goMinor, after)
		}
		return fmt.Sprintf(" (%d keys produced after clear)", after), nil
	case strings.HasPrefix(c.workload, "body-"):
		return c.checkBody()
	case strings.HasPrefix(c.workload, "delete-to-empty"):
		for j := 1; j < n; j++ {
			if c.lines[j]["op"] == "delete" && c.intOf(j, "count") == 0 && c.intOf(j-1, "count") == 1 {
				if c.sum(j)["hash0"] == c.sum(j - 1)["hash0"] {
					return "", fmt.Errorf("op %d: the last delete did not reseed", j)
				}
				return " (reseed at the last delete)", nil
			}
		}
		return "", fmt.Errorf("the map never became empty by delete")
	}
	return "", nil
}
