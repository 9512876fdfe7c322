//go:build !go1.24

package main

// oracle -races and its child processes, run by internal/racerun with this oracle's
// scenarios, layout checks and classifier.

import "maplab/oracle/internal/racerun"

// raceHost is read at each call: the tests add scenarios to raceScenarios first.
func raceHost() racerun.Host {
	return racerun.Host{Scenarios: raceScenarios, NameWidth: 22, CheckLayouts: checkLayouts, Once: runRaceOnce}
}

// isRaceChild reports whether the process was started as a race child.
func isRaceChild() bool { return racerun.IsChild() }

// raceChildMain runs the child; args are the arguments after -races-child.
func raceChildMain(args []string) { raceHost().ChildMain(args) }

// runRacesMain is oracle -races DIR (flags parsed in main.go).
func runRacesMain(dir string, runs int, procs, names string, seed int64) {
	raceHost().Main(dir, runs, procs, names, seed)
}

func findRaceScenario(name string) (*raceScenario, bool) { return racerun.Find(raceScenarios, name) }
