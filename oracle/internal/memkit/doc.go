// Package memkit is the engine-neutral part of oracle -memory, shared by the classic oracle
// (Go 1.19-1.23) and the Swiss oracle (Go 1.24+): the phases of a live workload, the reading
// of the live heap after forced collections, the measurement of one map's live bytes and the
// count of GC cycles while a map fills. What the oracles keep is engine-specific: the hasher
// and seed read from the runtime's map, the map's end state each reports, phases only one
// engine has (an open iterator) and the layout of memory.json.
//
// Readings are sensitive to every allocation between them, so the measuring code allocates
// nothing between the reading with the map and the one without it. It builds with every
// toolchain from Go 1.19 on (no builtin clear: callers pass their own).
package memkit
