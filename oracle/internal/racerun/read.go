package racerun

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
)

// outcomeRE is the grammar of the outcome strings races.json may hold: a death, or the
// kinds of a finished run in their fixed order.
var outcomeRE = regexp.MustCompile(`^(clean|hang|fatal: .+|crash: .+|` +
	`(foreign key)?( \+ )?(duplicate key)?( \+ )?(unreachable key)?( \+ )?(lost update)?( \+ )?(count mismatch)?)$`)

// ReadResults reads a races.json and checks what the Java side relies on: each line is one
// object with exactly the fields scenario, gomaxprocs, runs, go and outcomes; every outcome
// is in the grammar and counted at least once; the counts add up to runs.
func ReadResults(path string) ([]Result, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Result
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		var raw map[string]json.RawMessage
		if err := json.Unmarshal(sc.Bytes(), &raw); err != nil {
			return out, fmt.Errorf("line %d: %v", n, err)
		}
		var keys []string
		for k := range raw {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		if strings.Join(keys, ",") != "go,gomaxprocs,outcomes,runs,scenario" {
			return out, fmt.Errorf("line %d: fields %v", n, keys)
		}
		var r Result
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return out, fmt.Errorf("line %d: %v", n, err)
		}
		total := 0
		for o, c := range r.Outcomes {
			if o == "" || !outcomeRE.MatchString(o) || c <= 0 {
				return out, fmt.Errorf("line %d: outcome %q count %d", n, o, c)
			}
			total += c
		}
		if total != r.Runs {
			return out, fmt.Errorf("line %d: outcomes add up to %d, want %d", n, total, r.Runs)
		}
		out = append(out, r)
	}
	return out, sc.Err()
}
