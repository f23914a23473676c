package all

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// Import paths of the packages whose calls the contract checks. Calls are
// named "PATH.Name" whatever name the file imports the package under.
const (
	pkgApplet = "gobox/internal/applet"
	pkgRun    = "gobox/internal/run"
	pkgUnix   = "golang.org/x/sys/unix"
)

// forbidden are the process-wide operations the applet contract rules out
// in every applet: each goes through Ctx instead.
var forbidden = names(
	"os.Exit os.Stdout os.Stderr os.Stdin os.Chdir os.Setenv os.Unsetenv os.Clearenv",
	"os.Getwd os.Getenv os.LookupEnv os.Environ",
	"syscall.Exit syscall.Chdir", pkgUnix+".Exit", pkgUnix+".Chdir",
	"log.Fatal log.Fatalf log.Print log.Printf log.Println fmt.Print fmt.Printf fmt.Println",
)

// setid are the calls that change the process's credentials, session or
// limits, in syscall and x/sys/unix.
const setid = "Setuid Setgid Setreuid Setregid Setresuid Setresgid Setgroups Setfsuid Setfsgid Setsid Setpgid Setrlimit"

// forbiddenInProcess are also ruled out in applets that run inside the
// shell's process (NoFork: true): they read or change what belongs to
// the whole process, where the applet has its Ctx's instead.
var forbiddenInProcess = names(
	// The working directory (use ctx.Dir, ctx.Path) and the root.
	"syscall.Fchdir syscall.Chroot path/filepath.Abs", pkgUnix+".Fchdir", pkgUnix+".Chroot",
	// The umask (use ctx.Umask).
	"syscall.Umask", pkgUnix+".Umask",
	// The environment (use ctx.Getenv, ctx.Environ): exec.LookPath
	// searches the process's PATH (use internal/run's LookPath).
	"syscall.Setenv syscall.Unsetenv syscall.Clearenv syscall.Getenv os/exec.LookPath",
	// Signal dispositions.
	"os/signal.Notify os/signal.NotifyContext os/signal.Ignore os/signal.Reset",
	prefixed("syscall.", setid), prefixed(pkgUnix+".", setid),
)

// pendingApplet lists known breaches of the in-process rules, as
// "FILE: CALL" (FILE relative to applets/) with what must change. An
// entry that no longer matches fails the test: remove it.
var pendingApplet = map[string]string{}

// processWide are the calls that read or change process-wide state,
// which libraries under internal/ that applets use must not make either,
// but for the reviewed exceptions in internalAllowed.
var processWide = names(
	"os.Chdir os.Setenv os.Unsetenv os.Clearenv os.Getwd os.Getenv os.LookupEnv os.Environ",
	"syscall.Chdir syscall.Fchdir syscall.Chroot syscall.Umask syscall.Setenv syscall.Unsetenv syscall.Clearenv",
	pkgUnix+".Chdir", pkgUnix+".Fchdir", pkgUnix+".Chroot", pkgUnix+".Umask",
	"os/signal.Notify os/signal.NotifyContext os/signal.Ignore os/signal.Reset",
	"path/filepath.Abs os/exec.LookPath",
	prefixed("syscall.", setid), prefixed(pkgUnix+".", setid),
)

// internalAllowed are the reviewed uses of processWide calls under
// internal/, as "FILE: CALL" (FILE relative to internal/), with why each
// is right. An entry that no longer matches fails the test: remove it.
var internalAllowed = map[string]string{
	"applet/dispatch.go: os.Getwd":            "Main builds the Ctx of a process of its own from the process",
	"applet/dispatch.go: os.Environ":          "Main builds the Ctx of a process of its own from the process",
	"applet/dispatch.go: syscall.Umask":       "Main reads the process umask into Ctx.Umask (reading sets it) before any applet runs",
	"applettest/applettest.go: syscall.Umask": "ProcessUmask: tests set the process umask to show that applets use their Ctx's instead",
	"run/exec.go: " + pkgUnix + ".Chroot":     "the exec path: only when the Ctx owns the process, just before exec (chroot)",
	"run/exec.go: " + pkgUnix + ".Chdir":      "the exec path: only when the Ctx owns the process, just before exec (Ctx.Dir, chroot's /)",
	"run/exec.go: " + pkgUnix + ".Umask":      "the exec path: only when the Ctx owns the process, just before exec (Ctx.Umask)",
	"run/exec.go: os/signal.Ignore":           "the exec path: only when the Ctx owns the process, just before exec (nohup's SIGHUP)",
	"canonpath/canonpath.go: path/filepath.Abs": "PhysicalDir(\"\") means the process's directory; applets pass ctx.Dir, " +
		"which is absolute, so Abs never asks the process",
}

// names splits space-separated call names into a set.
func names(lists ...string) map[string]bool {
	m := map[string]bool{}
	for _, l := range lists {
		for _, n := range strings.Fields(l) {
			m[n] = true
		}
	}
	return m
}

// prefixed puts prefix before each of the space-separated names.
func prefixed(prefix, list string) string {
	var b strings.Builder
	for _, n := range strings.Fields(list) {
		b.WriteString(prefix + n + " ")
	}
	return b.String()
}

// goFile is one parsed non-test source file.
type goFile struct {
	rel     string // path relative to the tree it was found in
	f       *ast.File
	imports map[string]string // local name -> import path
}

// parseTree parses the non-test Go files under root (skipping skip).
func parseTree(t *testing.T, fset *token.FileSet, root, skip string) []*goFile {
	t.Helper()
	var files []*goFile
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p == skip {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		files = append(files, newGoFile(filepath.ToSlash(rel), f))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// newGoFile notes the names f imports its packages under.
func newGoFile(rel string, f *ast.File) *goFile {
	g := &goFile{rel: rel, f: f, imports: map[string]string{}}
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		name := path[strings.LastIndex(path, "/")+1:]
		if imp.Name != nil {
			name = imp.Name.Name
		}
		g.imports[name] = path
	}
	return g
}

// ref returns "PATH.Name" for a selector on an imported package, or "".
func (g *goFile) ref(e ast.Expr) string {
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return ""
	}
	id, ok := sel.X.(*ast.Ident)
	if !ok || id.Obj != nil { // a local variable, not a package
		return ""
	}
	if path, ok := g.imports[id.Name]; ok {
		return path + "." + sel.Sel.Name
	}
	return ""
}

// appletLiterals returns the applet.Applet{...} literals among values.
func (g *goFile) appletLiterals(vals []ast.Expr) (lits []*ast.CompositeLit, all bool) {
	for _, v := range vals {
		cl, ok := v.(*ast.CompositeLit)
		if !ok || g.ref(cl.Type) != pkgApplet+".Applet" {
			return nil, false
		}
		lits = append(lits, cl)
	}
	return lits, true
}

// field returns the value of key in a keyed composite literal, or nil.
func field(cl *ast.CompositeLit, key string) ast.Expr {
	for _, e := range cl.Elts {
		if kv, ok := e.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && id.Name == key {
				return kv.Value
			}
		}
	}
	return nil
}

// TestAppletContract enforces the applet contract on every non-test file
// under applets/: no os.Exit, os.Stdout/Stderr/Stdin, os.Chdir, os.Setenv
// (nor their siblings), no flag package, no init functions (start-up
// cost: see internal/applet.Applet) and no package-level variables but
// the applet's own entry (mutable state would be shared between
// in-process runs). Applets that run in-process (NoFork: true, read from
// their Applet literal) also keep off the process's directory, umask,
// environment, signal dispositions and credentials, and run programs only
// by absolute name or as found by internal/run.
func TestAppletContract(t *testing.T) {
	fset := token.NewFileSet()
	files := parseTree(t, fset, "..", "../all")
	// Which packages run in-process, from their Applet literals.
	noFork := map[string]bool{}   // package dir -> NoFork
	declared := map[string]bool{} // applet name -> NoFork
	for _, g := range files {
		for _, decl := range g.f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				lits, ok := g.appletLiterals(vs.Values)
				if !ok || len(vs.Values) != len(vs.Names) {
					t.Errorf("%s: package-level var; applets keep no package state (use const or locals)", fset.Position(vs.Pos()))
					continue
				}
				for _, cl := range lits {
					id, _ := field(cl, "NoFork").(*ast.Ident)
					nf := id != nil && id.Name == "true"
					noFork[filepath.Dir(g.rel)] = noFork[filepath.Dir(g.rel)] || nf
					if lit, ok := field(cl, "Name").(*ast.BasicLit); ok {
						name, _ := strconv.Unquote(lit.Value)
						declared[name] = nf
					}
				}
			}
		}
	}
	// The literals as parsed must agree with the table.
	for _, a := range List {
		if nf, ok := declared[a.Name]; !ok || nf != a.NoFork {
			t.Errorf("%s: NoFork read from its Applet literal (%v, found %v) differs from the table's %v", a.Name, nf, ok, a.NoFork)
		}
	}
	pending := map[string]bool{}
	for _, g := range files {
		for _, v := range g.violations(noFork[filepath.Dir(g.rel)]) {
			if v.pending != "" {
				if _, ok := pendingApplet[v.pending]; ok {
					pending[v.pending] = true
					continue
				}
			}
			t.Errorf("%s: %s", fset.Position(v.pos), v.msg)
		}
	}
	for key, why := range pendingApplet {
		if !pending[key] {
			t.Errorf("pendingApplet %q (%s) no longer matches: remove it", key, why)
		}
	}
}

// violation is one breach of the contract in a file.
type violation struct {
	pos     token.Pos
	msg     string
	pending string // "FILE: CALL" for an in-process breach pendingApplet may list
}

// violations checks one applet source file; inProcess says whether its
// package runs in the shell's process (NoFork).
func (g *goFile) violations(inProcess bool) []violation {
	var vs []violation
	for _, imp := range g.f.Imports {
		if p, _ := strconv.Unquote(imp.Path.Value); p == "flag" {
			vs = append(vs, violation{pos: imp.Pos(), msg: "imports the flag package; use gobox/internal/opt"})
		}
	}
	for _, decl := range g.f.Decls {
		if fn, ok := decl.(*ast.FuncDecl); ok && fn.Recv == nil && fn.Name.Name == "init" {
			vs = append(vs, violation{pos: fn.Pos(), msg: "func init; declare \"var Applet = applet.Applet{...}\" instead"})
		}
	}
	ast.Inspect(g.f, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && inProcess {
			if msg := g.checkExec(call); msg != "" {
				vs = append(vs, violation{pos: call.Pos(), msg: msg})
			}
		}
		name := g.ref(asExpr(n))
		switch {
		case name == "":
		case forbidden[name]:
			vs = append(vs, violation{pos: n.Pos(), msg: "uses " + name + "; applets must go through applet.Ctx"})
		case inProcess && forbiddenInProcess[name]:
			vs = append(vs, violation{pos: n.Pos(), pending: g.rel + ": " + name,
				msg: "uses " + name + ", process-wide state, in an applet that runs in-process (NoFork); use its Ctx"})
		}
		return true
	})
	return vs
}

// asExpr returns n as an expression, or nil.
func asExpr(n ast.Node) ast.Expr {
	e, _ := n.(ast.Expr)
	return e
}

// checkExec returns what is wrong with call if it starts a program by a
// name that os/exec would look up in the process's PATH: the name must be
// an absolute literal or a variable set from internal/run's LookPath.
func (g *goFile) checkExec(call *ast.CallExpr) string {
	arg := -1
	switch g.ref(call.Fun) {
	case "os/exec.Command":
		arg = 0
	case "os/exec.CommandContext":
		arg = 1
	}
	if arg < 0 || len(call.Args) <= arg {
		return ""
	}
	switch a := call.Args[arg].(type) {
	case *ast.BasicLit:
		if s, err := strconv.Unquote(a.Value); err == nil && strings.HasPrefix(s, "/") {
			return ""
		}
	case *ast.Ident:
		if a.Obj != nil {
			if as, ok := a.Obj.Decl.(*ast.AssignStmt); ok && len(as.Rhs) == 1 && len(as.Lhs) > 0 {
				if lhs, ok := as.Lhs[0].(*ast.Ident); ok && lhs.Name == a.Name {
					if c, ok := as.Rhs[0].(*ast.CallExpr); ok && g.ref(c.Fun) == pkgRun+".LookPath" {
						return ""
					}
				}
			}
		}
	}
	return "runs a program by a name os/exec would look up in the process's PATH; use an absolute name or internal/run's LookPath (the Ctx's PATH)"
}

// TestInternalProcessState checks the libraries under internal/ for calls
// that read or change process-wide state: an in-process applet that used
// them would reach past its Ctx. Each use must be reviewed and listed in
// internalAllowed with its reason.
func TestInternalProcessState(t *testing.T) {
	fset := token.NewFileSet()
	seen := map[string]bool{}
	for _, g := range parseTree(t, fset, "../../internal", "") {
		ast.Inspect(g.f, func(n ast.Node) bool {
			name := g.ref(asExpr(n))
			if name == "" || !processWide[name] {
				return true
			}
			key := g.rel + ": " + name
			if _, ok := internalAllowed[key]; ok {
				seen[key] = true
				return true
			}
			t.Errorf("%s: uses %s, process-wide state; take it from the caller's Ctx, or review it into internalAllowed", fset.Position(n.Pos()), name)
			return true
		})
	}
	var stale []string
	for key := range internalAllowed {
		if !seen[key] {
			stale = append(stale, key)
		}
	}
	sort.Strings(stale)
	for _, key := range stale {
		t.Errorf("internalAllowed %q no longer matches: remove it", key)
	}
}

// TestContractChecks runs the applet checks on small sources, so that a
// check that stopped seeing anything would show.
func TestContractChecks(t *testing.T) {
	const head = "package x\nimport (\n\"os\"\n\"os/exec\"\n\"os/signal\"\n\"path/filepath\"\n\"syscall\"\n" +
		"u \"golang.org/x/sys/unix\"\nrc \"gobox/internal/run\"\n)\n" +
		"var _, _, _, _, _, _, _ = os.Args, exec.Command, signal.Ignore, filepath.Abs, syscall.Umask, u.Umask, rc.LookPath\n"
	tests := []struct {
		body      string
		inProcess bool
		want      []string // the calls or messages reported, in order
	}{
		{"func f() { os.Exit(1) }", false, []string{"uses os.Exit"}},
		{"func f() { os.Getenv(\"X\") }", false, []string{"uses os.Getenv"}},
		{"func init() {}", false, []string{"func init"}},
		{"func f() { u.Umask(0) }", true, []string{"uses golang.org/x/sys/unix.Umask"}},
		{"func f() { u.Umask(0) }", false, nil},
		{"func f() { syscall.Umask(0); syscall.Setuid(0); u.Setgroups(nil) }", true,
			[]string{"uses syscall.Umask", "uses syscall.Setuid", "uses golang.org/x/sys/unix.Setgroups"}},
		{"func f() { signal.Ignore(syscall.SIGHUP) }", true, []string{"uses os/signal.Ignore"}},
		{"func f() { signal.Ignore(syscall.SIGHUP) }", false, nil},
		{"func f() { filepath.Abs(\"x\") }", true, []string{"uses path/filepath.Abs"}},
		{"func f() { u.Chdir(\"/\") }", false, []string{"uses golang.org/x/sys/unix.Chdir"}},
		{"func f() { exec.Command(\"strip\") }", true, []string{"runs a program by a name"}},
		{"func f(n string) { exec.CommandContext(nil, n) }", true, []string{"runs a program by a name"}},
		{"func f() { exec.Command(\"/usr/bin/strip\") }", true, nil},
		{"func f() { p, _ := rc.LookPath(nil, \"strip\", \"\"); exec.Command(p) }", true, nil},
		{"func f() { exec.LookPath(\"strip\") }", true, []string{"uses os/exec.LookPath"}},
		{"func f() { exec.Command(\"strip\") }", false, nil},
		// A local variable is not the package.
		{"func f() { var os struct{ Exit func(int) }; os.Exit(1) }", true, nil},
	}
	for _, tt := range tests {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, "x.go", head+tt.body, 0)
		if err != nil {
			t.Fatalf("%s: %v", tt.body, err)
		}
		var got []string
		for _, v := range newGoFile("x/x.go", f).violations(tt.inProcess) {
			if v.pos < f.Decls[len(f.Decls)-1].Pos() {
				continue // the header's references
			}
			got = append(got, v.msg)
		}
		ok := len(got) == len(tt.want)
		for i := 0; ok && i < len(got); i++ {
			ok = strings.HasPrefix(got[i], tt.want[i])
		}
		if !ok {
			t.Errorf("%s (in-process %v): reported %q, want %q", tt.body, tt.inProcess, got, tt.want)
		}
	}
}
