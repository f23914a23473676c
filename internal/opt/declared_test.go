package opt

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestDeclared(t *testing.T) {
	render := func(opts []Option) string {
		var parts []string
		for _, o := range opts {
			parts = append(parts, fmt.Sprintf("%s:%s:%d", o.Key, strings.Join(o.Names(), "/"), o.Arg))
		}
		return strings.Join(parts, " ")
	}
	tests := []struct {
		name string
		spec *Spec
		want string
	}{
		{"nil", nil, ""},
		{"zero", &Spec{}, ""},
		{"short kinds", &Spec{Short: "ab:c::"}, "a:-a:0 b:-b:1 c:-c:2"},
		{"aliases join their letter", &Spec{Short: "fm:", Long: "force=f mode=m"}, "f:-f/--force:0 m:-m/--mode:1"},
		{"two aliases of one letter", &Spec{Short: "f", Long: "silent=f quiet=f"}, "f:-f/--silent/--quiet:0"},
		{"long-only after letters", &Spec{Short: "a", Long: "all ignore: color:: archive=a"}, "a:-a/--archive:0 all:--all:0 ignore:--ignore:1 color:--color:2"},
		{"alias of a long-only key", &Spec{Long: "ignore: skip=ignore"}, "ignore:--ignore/--skip:1"},
		{"unicode letter", &Spec{Short: "äb:"}, "ä:-ä:0 b:-b:1"},
		{"a letter declared twice", &Spec{Short: "aa"}, "a:-a:0"},
	}
	for _, tt := range tests {
		if got := render(tt.spec.Declared()); got != tt.want {
			t.Errorf("%s: Declared() = %q, want %q", tt.name, got, tt.want)
		}
	}
	if got, want := (&Spec{Short: "ab", Long: "all"}).Keys(), []string{"a", "b", "all"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Keys() = %q, want %q", got, want)
	}
}

func TestMentioned(t *testing.T) {
	tests := []struct {
		text, name string
		want       int
	}{
		{"\t-l\tLong format", "-l", 2},
		{"\t-lc\tList ctime", "-c", 3},
		{"[-1AaCxd] [FILE]", "-C", 5},
		{"[-1AaCxd] [FILE]", "-R", -1},
		{"\t-d,-P\tPreserve", "-P", 5},
		{"Same as -vte", "-t", 10},
		{"output to a non-tty", "-t", -1},
		{"\t-w N\tWidth", "-N", -1},
		{"[-a|-b]", "-b", 5},
		{"[-EMmN~IFSR]", "-~", 6}, // less: option characters that are not letters
		{"[-EMm] [FILE]", "-F", -1},
		{"--color[={always,never}]", "--color", 0},
		{"\t--ignore=N\tExclude", "--ignore", 1},
		{"--full-time", "--full", -1},
		{"--full-time", "-f", -1},
		{"[if=FILE] [ibs=N obs=N/bs=N]", "bs=", 23},
		{"[if=FILE] [ibs=N]", "if=", 1},
		{"[if=FILE] [iflag=direct]", "flag=", -1},
		{"\t-, -i\tStart", "-", 1},
		{"\t-i\tStart", "-", -1},
		{"", "-a", -1},
		{"-", "-a", -1},
		{"\t-ä\tUmlaut", "-ä", 2},
	}
	for _, tt := range tests {
		if got := Mentioned(tt.text, tt.name); got != tt.want {
			t.Errorf("Mentioned(%q, %q) = %d, want %d", tt.text, tt.name, got, tt.want)
		}
	}
}

func TestParseNilSpec(t *testing.T) {
	r, err := Parse(nil, []string{"a", "--", "-b"})
	if err != nil || !reflect.DeepEqual(r.Args, []string{"a", "-b"}) {
		t.Errorf("Parse(nil) = %v, %v", r, err)
	}
	if _, err := Parse(nil, []string{"-x"}); !IsUsage(err) || err.Error() != "unrecognized option: x" {
		t.Errorf("Parse(nil, -x): %v", err)
	}
	if _, err := Parse(nil, []string{"--help"}); !IsUsage(err) || err.Error() != "unrecognized option: help" {
		t.Errorf("Parse(nil, --help): %v", err)
	}
}
