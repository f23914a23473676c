package opt

import (
	"strings"
	"testing"
)

// FuzzParse feeds arbitrary argument vectors (NUL-separated) to a spec with
// every feature in use: parsing must return a result or an error, never
// panic, and every operand must come from the input.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{"-la\x00dir", "--color=always\x00-w\x0080", "-5\x00--\x00-x", "--col\x00--", "-w", "--full-time=1", "-\x00--=", "-é\x00--ü"} {
		f.Add(seed)
	}
	spec := &Spec{
		Short:     "1ACalnw:e::v",
		Long:      "color:: full-time all=a width=w verbose",
		Exclusive: []string{"1Cl"},
		Implies:   []string{"n=l", "full-time=l"},
		Conflicts: []string{"a A"},
		Number:    "w",
	}
	f.Fuzz(func(t *testing.T, in string) {
		args := strings.Split(in, "\x00")
		res, err := Parse(spec, args)
		if err != nil {
			return
		}
		for _, a := range res.Args {
			if !strings.Contains(in, a) {
				t.Fatalf("operand %q not in input %q", a, in)
			}
		}
	})
}
