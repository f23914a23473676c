package opt

import (
	"errors"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// summary renders a Result compactly: each key's count and values, then
// the operands, e.g. "a1 w1=80 | x y".
func summary(r *Result) string {
	var keys []string
	seen := map[string]bool{}
	for _, k := range r.Order() {
		if !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	var implied []string
	for k := range r.count { // implied keys are not in Order
		if !seen[k] {
			seen[k] = true
			implied = append(implied, k)
		}
	}
	sort.Strings(implied) // map order is random
	keys = append(keys, implied...)
	var parts []string
	for _, k := range keys {
		if !r.Has(k) {
			continue
		}
		p := k + string(rune('0'+r.Count(k)))
		if v := r.List(k); len(v) > 0 {
			p += "=" + strings.Join(v, ",")
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, " ") + " | " + strings.Join(r.Args, " ")
}

func TestParse(t *testing.T) {
	ls := &Spec{Short: "1AaCl w:", Long: "color:: full-time recursive=R", Exclusive: []string{"1Clx"}}
	tests := []struct {
		name string
		spec *Spec
		args []string
		want string // summary, or "error: MSG" / "help"
	}{
		// Flags, bundling, operands.
		{"none", &Spec{Short: "ab"}, nil, " | "},
		{"flag", &Spec{Short: "ab"}, []string{"-a"}, "a1 | "},
		{"bundle", &Spec{Short: "ab"}, []string{"-ba", "x"}, "b1 a1 | x"},
		{"mixed operands", &Spec{Short: "ab"}, []string{"x", "-a", "y", "-b"}, "a1 b1 | x y"},
		{"dash is operand", &Spec{Short: "ab"}, []string{"-", "-a"}, "a1 | -"},
		{"double dash", &Spec{Short: "ab"}, []string{"-a", "--", "-b", "--"}, "a1 | -b --"},
		{"empty operand", &Spec{Short: "a"}, []string{"", "-a"}, "a1 | "},
		{"counted", &Spec{Short: "v"}, []string{"-vv", "-v"}, "v3 | "},

		// Required arguments.
		{"attached", &Spec{Short: "aw:"}, []string{"-w80"}, "w1=80 | "},
		{"separate", &Spec{Short: "aw:"}, []string{"-w", "80", "x"}, "w1=80 | x"},
		{"bundled then arg", &Spec{Short: "aw:"}, []string{"-aw80"}, "a1 w1=80 | "},
		{"bundled then separate", &Spec{Short: "aw:"}, []string{"-aw", "80"}, "a1 w1=80 | "},
		{"arg looks like option", &Spec{Short: "aw:"}, []string{"-w", "-a"}, "w1=-a | "},
		{"arg is double dash", &Spec{Short: "aw:"}, []string{"-w", "--", "x"}, "w1=-- | x"},
		{"repeated arg", &Spec{Short: "e:"}, []string{"-e", "1", "-e2"}, "e2=1,2 | "},
		{"missing arg", &Spec{Short: "aw:"}, []string{"-aw"}, "error: option requires an argument: w"},

		// Optional arguments: attached only.
		{"optional attached", &Spec{Short: "c::a"}, []string{"-cfoo"}, "c1=foo | "},
		{"optional absent", &Spec{Short: "c::a"}, []string{"-c", "foo"}, "c1 | foo"},
		{"optional swallows rest", &Spec{Short: "c::a"}, []string{"-ca"}, "c1=a | "},

		// Unknown options.
		{"unknown short", &Spec{Short: "a"}, []string{"-ax"}, "error: unrecognized option: x"},
		{"unknown long", &Spec{Short: "a", Long: "all"}, []string{"--bogus"}, "error: unrecognized option: bogus"},
		{"unknown long with value", &Spec{Long: "all"}, []string{"--bogus=1"}, "error: unrecognized option: bogus=1"},
		{"no options at all", &Spec{}, []string{"-a"}, "error: unrecognized option: a"},

		// Long options.
		{"long flag", ls, []string{"--full-time"}, "full-time1 | "},
		{"long alias", ls, []string{"--recursive"}, "R1 | "},
		{"long prefix", ls, []string{"--full"}, "full-time1 | "},
		{"long optional with value", ls, []string{"--color=never"}, "color1=never | "},
		{"long optional without value", ls, []string{"--color", "never"}, "color1 | never"},
		{"long optional empty value", ls, []string{"--color="}, "color1= | "},
		{"long required equals", &Spec{Long: "width:"}, []string{"--width=5"}, "width1=5 | "},
		{"long required separate", &Spec{Long: "width:"}, []string{"--width", "5", "x"}, "width1=5 | x"},
		{"long required prefix", &Spec{Long: "width:"}, []string{"--wi", "5"}, "width1=5 | "},
		{"long required missing", &Spec{Long: "width:"}, []string{"--width"}, "error: option requires an argument: width"},
		{"long required missing via prefix", &Spec{Long: "width:"}, []string{"--wid"}, "error: option requires an argument: width"},
		{"long flag with value", &Spec{Long: "all"}, []string{"--all=1"}, "error: option does not take an argument: all"},
		{"long alias takes arg", &Spec{Short: "w:", Long: "width=w"}, []string{"--width", "7"}, "w1=7 | "},
		{"long alias attached", &Spec{Short: "w:", Long: "width=w"}, []string{"--width=7", "-w8"}, "w2=7,8 | "},
		{"exact beats prefix", &Spec{Long: "color colors"}, []string{"--color"}, "color1 | "},
		{"ambiguous", &Spec{Long: "color colors"}, []string{"--col"}, "error: option is ambiguous: col"},
		{"ambiguous with value", &Spec{Long: "color:: colors"}, []string{"--col=x"}, "error: option is ambiguous: col=x"},
		{"aliases not ambiguous", &Spec{Short: "R", Long: "recursive=R recurse=R"}, []string{"--recur"}, "R1 | "},

		// --help is the runtime's (a first argument only), not an
		// option: BusyBox's getopt32 has no implicit --help.
		{"help", ls, []string{"--help"}, "error: unrecognized option: help"},
		{"help after options", ls, []string{"-l", "--help"}, "error: unrecognized option: help"},
		// Plain getopt(3) (BusyBox's head): no long options at all.
		{"plain long", &Spec{Short: "n:", Plain: true}, []string{"--bogus"}, "error: unrecognized option: -"},
		{"plain end", &Spec{Short: "n:", Plain: true}, []string{"-n", "3", "--", "-x"}, "n1=3 | -x"},
		{"help long defined", &Spec{Long: "help"}, []string{"--help"}, "help1 | "},
		{"help prefix is not help", &Spec{}, []string{"--he"}, "error: unrecognized option: he"},

		// Exclusive groups: the last one wins.
		{"exclusive", ls, []string{"-l", "-C"}, "C1 | "},
		{"exclusive bundled", ls, []string{"-1lC1"}, "11 | "},
		{"exclusive others kept", ls, []string{"-la", "-1"}, "a1 11 | "},

		// Implies.
		{"implies", &Spec{Short: "nlg", Implies: []string{"n=l", "g=lx"}}, []string{"-n"}, "n1 l1 | "},
		{"implies several", &Spec{Short: "nlgx", Implies: []string{"g=lx"}}, []string{"-g"}, "g1 l1 x1 | "},
		{"implies keeps count", &Spec{Short: "nl", Implies: []string{"n=l"}}, []string{"-ll", "-n"}, "l2 n1 | "},
		{"implies long key", &Spec{Short: "l", Long: "full-time", Implies: []string{"full-time=l"}}, []string{"--full-time"}, "full-time1 l1 | "},

		// Conflicts.
		{"conflict", &Spec{Short: "ab", Conflicts: []string{"a b"}}, []string{"-a", "-b"}, "error: "},
		{"no conflict", &Spec{Short: "abc", Conflicts: []string{"a b"}}, []string{"-a", "-c"}, "a1 c1 | "},
		{"conflict long", &Spec{Short: "a", Long: "zero", Conflicts: []string{"a zero"}}, []string{"--zero", "-a"}, "error: "},

		// Number.
		{"number", &Spec{Short: "n:", Number: "n"}, []string{"-5", "f"}, "n1=5 | f"},
		{"number and option", &Spec{Short: "n:", Number: "n"}, []string{"-n", "3", "-12"}, "n2=3,12 | "},
		{"number disabled", &Spec{Short: "n:"}, []string{"-5"}, "error: unrecognized option: 5"},
		{"number not all digits", &Spec{Short: "n:", Number: "n"}, []string{"-5x"}, "error: unrecognized option: 5"},

		// StopAtOperand.
		{"stop at operand", &Spec{Short: "iu:", StopAtOperand: true}, []string{"-i", "cmd", "-u", "x"}, "i1 | cmd -u x"},
		{"stop at operand after arg", &Spec{Short: "iu:", StopAtOperand: true}, []string{"-u", "x", "cmd", "-i"}, "u1=x | cmd -i"},
		{"stop at operand dash", &Spec{Short: "i", StopAtOperand: true}, []string{"-", "-i"}, " | - -i"},
		{"stop at double dash", &Spec{Short: "i", StopAtOperand: true}, []string{"--", "-i"}, " | -i"},

		// Operand counts.
		{"min ok", &Spec{MinArgs: 1}, []string{"x"}, " | x"},
		{"min short", &Spec{MinArgs: 1}, nil, "error: "},
		{"max ok", &Spec{MaxArgs: 2}, []string{"x", "y"}, " | x y"},
		{"max over", &Spec{MaxArgs: 2}, []string{"x", "y", "z"}, "error: "},
		{"max zero is unlimited", &Spec{}, []string{"a", "b", "c", "d"}, " | a b c d"},
		{"min counts after double dash", &Spec{MinArgs: 1}, []string{"--", "-x"}, " | -x"},

		// Unicode short options.
		{"unicode", &Spec{Short: "äb:"}, []string{"-äbv"}, "ä1 b1=v | "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Parse(tt.spec, tt.args)
			var got string
			var ue *UsageError
			switch {
			case errors.As(err, &ue):
				got = "error: " + ue.Msg
			case err != nil:
				got = "unexpected error: " + err.Error()
			default:
				got = summary(r)
			}
			if got != tt.want {
				t.Errorf("Parse(%q)\n got %q\nwant %q", tt.args, got, tt.want)
			}
		})
	}
}

func TestResultAccessors(t *testing.T) {
	r, err := Parse(&Spec{Short: "ae:w:v", Long: "color::"}, []string{"-e", "x", "-vv", "-e", "y", "--color", "f"})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Has("e") || r.Has("w") || r.Count("v") != 2 || r.Count("a") != 0 {
		t.Errorf("Has/Count wrong: %s", summary(r))
	}
	if r.Str("e") != "y" || r.Str("w") != "" || r.Str("color") != "" {
		t.Errorf("Str: e=%q w=%q color=%q", r.Str("e"), r.Str("w"), r.Str("color"))
	}
	if r.StrOr("e", "d") != "y" || r.StrOr("w", "d") != "d" || r.StrOr("color", "d") != "d" {
		t.Errorf("StrOr wrong")
	}
	if !reflect.DeepEqual(r.List("e"), []string{"x", "y"}) || r.List("w") != nil {
		t.Errorf("List: %q %q", r.List("e"), r.List("w"))
	}
	if want := []string{"e", "v", "v", "e", "color"}; !reflect.DeepEqual(r.Order(), want) {
		t.Errorf("Order = %q, want %q", r.Order(), want)
	}
	if !reflect.DeepEqual(r.Args, []string{"f"}) {
		t.Errorf("Args = %q", r.Args)
	}
	r.Set("a")
	r.Clear("e")
	if !r.Has("a") || r.Has("e") || r.Str("e") != "" {
		t.Errorf("Set/Clear wrong: %s", summary(r))
	}
}

func TestErrors(t *testing.T) {
	_, err := Parse(&Spec{Short: "a"}, []string{"-b"})
	if !IsUsage(err) {
		t.Errorf("IsUsage(%v) = false", err)
	}
	if IsUsage(errors.New("x")) || IsUsage(nil) {
		t.Error("IsUsage of a plain error")
	}
	for in, want := range map[string]int{"0": 0, "42": 42, "-3": -3} {
		if n, err := Atoi(in); err != nil || n != want {
			t.Errorf("Atoi(%q) = %d, %v", in, n, err)
		}
	}
	// The runtime prints an error it does not know as "NAME: text",
	// status 1: BusyBox's bb_error_msg_and_die.
	_, err = Atoi("4x")
	if err == nil || IsUsage(err) || err.Error() != "invalid number '4x'" {
		t.Errorf("Atoi(4x): %v", err)
	}
}

func TestAtoiPositive(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"0", "0"}, {"80", "80"}, {"2147483647", "2147483647"},
		{"2147483648", "error: number 2147483648 is not in 0..2147483647 range"},
		{"4294967295", "error: number 4294967295 is not in 0..2147483647 range"},
		{"4294967296", "error: invalid number '4294967296'"},
		{"-5", "error: invalid number '-5'"}, {"+5", "error: invalid number '+5'"},
		{" 5", "error: invalid number ' 5'"}, {"5x", "error: invalid number '5x'"},
		{"", "error: invalid number ''"},
	} {
		n, err := AtoiPositive(tc.in)
		got := strconv.Itoa(n)
		if err != nil {
			got = "error: " + err.Error()
		}
		if got != tc.want {
			t.Errorf("AtoiPositive(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}
