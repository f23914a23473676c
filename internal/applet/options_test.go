package applet

import (
	"bytes"
	"strings"
	"testing"

	"gobox/internal/opt"
)

// optMain parses its arguments with the declaration Run hands it and
// prints what it got: "a=1 w=80 | x y".
func optMain(ctx *Ctx, args []string) error {
	o, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	if o.Has("w") {
		if _, err := opt.AtoiPositive(o.Str("w")); err != nil {
			return err
		}
	}
	var b strings.Builder
	for _, k := range ctx.Options().Keys() {
		if o.Has(k) {
			b.WriteString(k + " ")
		}
	}
	b.WriteString("| " + strings.Join(o.Args, " ") + "\n")
	_, err = ctx.Stdout.Write([]byte(b.String()))
	return err
}

// TestOptionsDeclared runs an applet whose options are declared in its
// Applet value: Main parses with ctx.Options(), and opt's errors reach the
// user as BusyBox prints them (musl getopt's message, then the usage, on
// stderr, status 1; --help on stdout, status 0; a bad number without the
// usage).
func TestOptionsDeclared(t *testing.T) {
	a := &Applet{
		Name:    "zz-opt",
		Usage:   "[-a] [-w N] FILE",
		Options: &opt.Spec{Short: "aw:", Long: "all=a", MinArgs: 1},
		Main:    optMain,
	}
	usage := Banner() + " multi-call binary.\n\nUsage: zz-opt [-a] [-w N] FILE\n"
	tests := []struct {
		args           []string
		stdout, stderr string
		code           int
	}{
		{[]string{"-a", "x", "y"}, "a | x y\n", "", 0},
		{[]string{"--all", "-w80", "x"}, "a w | x\n", "", 0},
		{[]string{"-b", "x"}, "", "zz-opt: unrecognized option: b\n" + usage, 1},
		{[]string{"x", "-w"}, "", "zz-opt: option requires an argument: w\n" + usage, 1},
		{[]string{"--nope"}, "", "zz-opt: unrecognized option: nope\n" + usage, 1},
		{[]string{"-a"}, "", usage, 1},
		// --help is the runtime's when first, an unknown option elsewhere
		// (BusyBox: "ls /x --help" says "unrecognized option: help").
		{[]string{"--help", "-a", "x"}, usage, "", 0},
		{[]string{"-a", "--help", "x"}, "", "zz-opt: unrecognized option: help\n" + usage, 1},
		{[]string{"-w", "-1", "x"}, "", "zz-opt: invalid number '-1'\n", 1},
		{[]string{"-w", "4294967295", "x"}, "", "zz-opt: number 4294967295 is not in 0..2147483647 range\n", 1},
	}
	for _, tt := range tests {
		var out, errb bytes.Buffer
		code := Run(&Ctx{Stdout: &out, Stderr: &errb}, a, tt.args)
		if out.String() != tt.stdout || errb.String() != tt.stderr || code != tt.code {
			t.Errorf("zz-opt %q: stdout %q stderr %q status %d; want %q %q %d",
				tt.args, out.String(), errb.String(), code, tt.stdout, tt.stderr, tt.code)
		}
	}
}

// TestCtxOptions checks what ctx.Options() gives: the running applet's
// declaration inside Run, never written into the caller's Ctx, and nil
// (no options) for an applet that declares none or a Ctx Run did not
// make.
func TestCtxOptions(t *testing.T) {
	spec := &opt.Spec{Short: "q"}
	var seen *opt.Spec
	a := &Applet{Name: "zz-spec", Options: spec, Main: func(ctx *Ctx, args []string) error {
		seen = ctx.Options()
		return nil
	}}
	ctx := &Ctx{}
	if Run(ctx, a, nil) != 0 || seen != spec {
		t.Errorf("Options() in Main = %p, want the applet's %p", seen, spec)
	}
	if ctx.Options() != nil {
		t.Error("Run wrote the applet into the caller's Ctx")
	}
	var errb bytes.Buffer
	bare := &Applet{Name: "zz-bare", Main: optMain}
	if code := Run(&Ctx{Stderr: &errb}, bare, []string{"-q"}); code != 1 || !strings.HasPrefix(errb.String(), "zz-bare: unrecognized option: q\n") {
		t.Errorf("undeclared options: status %d, stderr %q", code, errb.String())
	}
}

// TestUsageErrorIsOpts checks that applet's usage errors and opt's are one
// type, so that an applet can adjust the status of a parse error (tty
// exits 2) and the runtime prints both alike.
func TestUsageErrorIsOpts(t *testing.T) {
	_, err := opt.Parse(&opt.Spec{}, []string{"-x"})
	ue, ok := err.(*UsageError)
	if !ok || ue.Msg != "unrecognized option: x" {
		t.Fatalf("opt.Parse error %T %v is not an *applet.UsageError", err, err)
	}
	ue.Code = 2
	a := &Applet{Name: "zz-u", Main: func(*Ctx, []string) error { return err }}
	var errb bytes.Buffer
	if code := Run(&Ctx{Stderr: &errb}, a, nil); code != 2 || !strings.HasPrefix(errb.String(), "zz-u: unrecognized option: x\n") {
		t.Errorf("status %d stderr %q", code, errb.String())
	}
}
