// Package cli is the command line both oracles share: the same flags with the same help,
// the same usage line, the same failure message and the same refusal to run on a runtime
// whose structures the oracle cannot read. Scripts and the Java side call both oracles the
// same way, so these must not drift apart. It builds with every toolchain from Go 1.19 on.
package cli

import (
	"flag"
	"fmt"
	"os"
	"runtime"
)

// Flags are the flags of both oracles, defined on the default flag set by Define.
type Flags struct {
	Out       *string
	Workloads *string
	Seed      *int64
	After     *string
	List      *bool
	Check     *string
	Memory    *string
	Races     *string
	Runs      *int
	Procs     *string
	Scenarios *string
}

// Define defines the shared flags and the usage text; the caller may define its own before
// calling flag.Parse.
func Define() Flags {
	f := Flags{
		Out:       flag.String("out", "", "directory for the traces (DIR/<workload>.jsonl)"),
		Workloads: flag.String("workloads", "", "comma-separated workloads (default: all; see -list)"),
		Seed:      flag.Int64("seed", 1, "math/rand seed for the workloads' key choices"),
		After:     flag.String("after", "", "override the \"after\" mode of workloads without iter-*/gc: all, none, final or sparse"),
		List:      flag.Bool("list", false, "list the workloads and exit"),
		Check:     flag.String("check", "", "check the traces in this directory instead of recording"),
		Memory:    flag.String("memory", "", "measure live map bytes and GC cycles into this directory instead of recording"),
		Races:     flag.String("races", "", "run the race scenarios into DIR/races.json instead of recording"),
		Runs:      flag.Int("runs", 500, "-races: runs per scenario per GOMAXPROCS value"),
		Procs:     flag.String("procs", "2,4", "-races: comma-separated GOMAXPROCS values"),
		Scenarios: flag.String("scenarios", "", "-races: comma-separated race scenarios (default: all)"),
	}
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: oracle -out DIR [-workloads a,b,c] [-seed N] [-after MODE]\n       oracle -list\n       oracle -check DIR\n       oracle -memory DIR\n       oracle -races DIR [-runs N] [-procs 2,4] [-scenarios a,b] [-seed N]\n")
		flag.PrintDefaults()
	}
	return f
}

// Fail prints "oracle: <message>" and exits 1. The race parent tells a child's refusal from
// a crash by that prefix.
func Fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "oracle: "+format+"\n", args...)
	os.Exit(1)
}

// CheckRuntime fails unless this is amd64 and checkLayouts (the oracle's check of its
// mirrors of the runtime's structures, layout.go) passes.
func CheckRuntime(checkLayouts func() error) {
	if runtime.GOARCH != "amd64" {
		Fail("the oracle reads amd64 layouts; this is %s", runtime.GOARCH)
	}
	if err := checkLayouts(); err != nil {
		Fail("%s (layout.go): %v", runtime.Version(), err)
	}
}

// AfterMode says which operation lines of a trace carry the map's whole state ("after").
type AfterMode int

const (
	AfterAll    AfterMode = iota // on every line
	AfterNone                    // never
	AfterFinal                   // on the last line only
	AfterSparse                  // where the map's shape changed (each oracle's session says what that is), and the last line
)

// NoOverride is what Override returns for an empty -after: each workload keeps its mode.
const NoOverride AfterMode = -1

// Override parses -after (all, none, final or sparse; empty: NoOverride) or fails.
func Override(after string) AfterMode {
	if after == "" {
		return NoOverride
	}
	m, ok := map[string]AfterMode{"all": AfterAll, "none": AfterNone, "final": AfterFinal, "sparse": AfterSparse}[after]
	if !ok {
		Fail("-after %q: want all, none, final or sparse", after)
	}
	return m
}
