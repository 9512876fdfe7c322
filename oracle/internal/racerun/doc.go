// Package racerun is the engine-neutral part of oracle -races, shared by the classic oracle
// (Go 1.19-1.23) and the Swiss oracle (Go 1.24+): the scenario type, the start barrier that
// lines the goroutines up, the lost-update check over every sequential order, the parent that
// runs the scenarios in child processes and writes races.json, and the child's side of that
// protocol. What the oracles keep is engine-specific: their scenarios (ordinary map code, so
// each toolchain compiles its own map calls) and the walk over the real map's slots that
// collects the keys Classify needs.
//
// races.json lines, the outcome strings and the child's "run <outcome>" lines are a contract
// with the Java side (maplab.race.RaceCheckMain); both oracles write them through this
// package, so they cannot drift apart. It reads no runtime structure, so it builds with every
// toolchain from Go 1.19 on.
package racerun
