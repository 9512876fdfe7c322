package tracekit

import (
	"encoding/binary"
	"encoding/json"
	"strconv"
)

// Keys is what a workload believes is in the map: the live key numbers, in the order they
// were inserted (random picks index this list, so it must be deterministic), and the next
// number never used. Its invariant: Live and List hold the same keys, List without repeats.
type Keys struct {
	Live      map[uint64]bool
	List      []uint64
	NextFresh uint64
}

// NewKeys returns an empty set whose fresh numbers start at 0.
func NewKeys() Keys { return Keys{Live: map[uint64]bool{}} }

// Add records key k as present.
func (s *Keys) Add(k uint64) {
	if !s.Live[k] {
		s.Live[k] = true
		s.List = append(s.List, k)
	}
}

// Remove records key k as absent.
func (s *Keys) Remove(k uint64) {
	if !s.Live[k] {
		return
	}
	delete(s.Live, k)
	for j, x := range s.List {
		if x == k {
			s.List = append(s.List[:j], s.List[j+1:]...)
			break
		}
	}
}

// Reset forgets every key (after a clear); fresh numbers keep counting.
func (s *Keys) Reset() { s.Live, s.List = map[uint64]bool{}, nil }

// Fresh returns a key number never used before in this workload.
func (s *Keys) Fresh() uint64 {
	k := s.NextFresh
	s.NextFresh++
	return k
}

// StrKey is the string key of key number n, the same in both oracles so that traces of
// every release name their keys alike: short and long keys (the string hash takes different
// paths below 16, from 16 to 32, and past 32 bytes), all distinct.
func StrKey(n uint64) string {
	s := strconv.FormatUint(n, 10)
	switch n % 4 {
	case 0:
		return "k" + s
	case 1:
		return "key-" + s + "-with-a-tail-past-16-bytes"
	case 2:
		return s
	default:
		return "s/" + strconv.FormatUint(n*7919, 36) + "/" + s
	}
}

// StrJSON is s as a JSON string.
func StrJSON(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err) // a Go string always marshals
	}
	return string(b)
}

// U64JSON is the JSON of a uint64 key or elem in a trace: its decimal digits as a string
// (a JSON number could not hold every uint64 exactly).
func U64JSON(v uint64) string { return `"` + strconv.FormatUint(v, 10) + `"` }

// BigElem is [200]byte elem number v, the same in both oracles: its first 8 bytes hold v
// little-endian (what the trace records), the rest a filler derived from v.
func BigElem(v uint64) [200]byte {
	var e [200]byte
	binary.LittleEndian.PutUint64(e[:8], v)
	for i := 8; i < len(e); i++ {
		e[i] = byte(v) + byte(i)
	}
	return e
}
