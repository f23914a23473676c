package version

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// The vectors recorded from the real apk 2.14.4 (apk.md 6.2, 6.3).
const fixtures = "../../../../shared/fixtures/apk/version/"

func readLines(t *testing.T, name string) []string {
	t.Helper()
	f, err := os.Open(fixtures + name)
	if os.IsNotExist(err) {
		t.Skipf("fixtures absent: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := sc.Text(); !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return lines
}

func opString(c int) string { return [...]string{"<", "=", ">"}[c+1] }

func TestCompareVectors(t *testing.T) {
	lines := readLines(t, "compare.txt")
	if len(lines) != 3233 {
		t.Fatalf("%d vectors, want 3233", len(lines))
	}
	for _, l := range lines {
		f := strings.Split(l, " ")
		if len(f) != 3 {
			t.Fatalf("bad vector %q", l)
		}
		if got := opString(Compare(f[0], f[2])); got != f[1] {
			t.Errorf("Compare(%q, %q) = %s, want %s", f[0], f[2], got, f[1])
		}
		// The comparison is antisymmetric.
		if got := opString(-Compare(f[2], f[0])); got != f[1] {
			t.Errorf("Compare(%q, %q) reversed = %s, want %s", f[2], f[0], got, f[1])
		}
	}
}

func TestValidVectors(t *testing.T) {
	for _, want := range []bool{true, false} {
		name := "valid.txt"
		if !want {
			name = "invalid.txt"
		}
		lines := readLines(t, name)
		if len(lines) < 1000 {
			t.Fatalf("%s: only %d lines", name, len(lines))
		}
		for _, v := range lines {
			if Valid(v) != want {
				t.Errorf("Valid(%q) = %v, want %v", v, !want, want)
			}
		}
	}
}

// The spec's table of consequences, so the rules hold without fixtures.
func TestCompareSpecTable(t *testing.T) {
	for _, c := range []struct{ a, op, b string }{
		{"1.0", "<", "1.0-r0"},
		{"1.0", "<", "1.0.0"},
		{"1.0", ">", "1.00"},
		{"1.05", "<", "1.5"},
		{"1.005", "<", "1.05"},
		{"1.0", ">", "1"},
		{"1.2.3", "<", "1.2.3_p0"},
		{"1.2.3", ">", "1.2.3_rc1"},
		{"1.0_alpha", "<", "1.0_beta"},
		{"1.0_pre1", ">", "1.0_alpha9"},
		{"1.0", "<", "1.0a"},
		{"1.0", "<", "1.0bc"},
		{"", "<", "1"},
		{"1.0~abc", ">", "1.0"},
		{"2.34", ">", "0.1.0_alpha"},
		{"23_foo", ">", "4_beta"},
		{"1.0", "=", "1.0"},
		{"", "=", ""},
		{"1.0-r1", "<", "1.0-r2"},
		{"1.0_patch1", ">", "1.0_p0"},
	} {
		if got := opString(Compare(c.a, c.b)); got != c.op {
			t.Errorf("Compare(%q, %q) = %s, want %s", c.a, c.b, got, c.op)
		}
	}
}

func TestValidSpec(t *testing.T) {
	for v, want := range map[string]bool{
		"": true, "1.0-r1-r2": true, "1.0.a": true, "1a1": true, "1.2.3_rc1-r4": true,
		"1_a": false, "1.0A": false, "1.0~git": false, "1.0-": false,
		"12345678901234567": true, "123456789012345678": false,
	} {
		if Valid(v) != want {
			t.Errorf("Valid(%q) = %v, want %v", v, !want, want)
		}
	}
}

func TestOperators(t *testing.T) {
	for _, c := range []struct {
		op    string
		canon string
		ok    bool
	}{
		{"<", "<", true}, {"<=", "<=", true}, {"=<", "<=", true}, {"=", "=", true},
		{">=", ">=", true}, {">", ">", true}, {"~", "~", true}, {"=~", "~", true},
		{"><", "><", true}, {"<>", "><", true}, {"", "", false}, {"!", "", false},
	} {
		r, ok := ParseOp(c.op)
		if ok != c.ok || ok && r.String() != c.canon {
			t.Errorf("ParseOp(%q) = %v %v, want %q %v", c.op, r, ok, c.canon, c.ok)
		}
	}
}

func TestMatch(t *testing.T) {
	for _, c := range []struct {
		v, op, want string
		ok          bool
	}{
		{"1.0-r0", ">", "1.0", true},
		{"1.0", ">=", "1.0", true},
		{"0.9", ">=", "1.0", false},
		{"1.2", "~", "1.2", true},
		{"1.2.9", "~", "1.2", true},
		{"1.2_rc1", "~", "1.2", true},
		{"1.2-r3", "~", "1.2", true},
		{"1.20", "~", "1.2", false},
		{"1.3", "~", "1.2", false},
		{"1.5-r0", "<", "1.5", false},
		{"1.0-r0", "<", "1.5", true},
		{"2.0", "<=", "2.0", true},
		{"2.0", "=", "2.0-r0", false},
	} {
		op, _ := ParseOp(c.op)
		if got := Match(c.v, op, c.want); got != c.ok {
			t.Errorf("Match(%q %s %q) = %v, want %v", c.v, c.op, c.want, got, c.ok)
		}
	}
	if !Match("anything", Any, "") {
		t.Error("Any must match")
	}
}

func FuzzVersion(f *testing.F) {
	for _, s := range []string{"1.0", "1.0-r0", "1.2.3_rc1_p2-r4", "1.00a", "", "1_a", "0.005"} {
		f.Add(s, "1.0")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		ab, ba := Compare(a, b), Compare(b, a)
		if ab != -ba {
			t.Fatalf("Compare(%q,%q)=%d but reverse %d", a, b, ab, ba)
		}
		if Compare(a, a) != 0 {
			t.Fatalf("Compare(%q,%q) != 0", a, a)
		}
		_ = Valid(a)
		_ = CompareResult(a, b, true)
	})
}
