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

// forbidden are the process-wide operations the applet contract rules out:
// applets run inside the shell's process, so they must go through Ctx.
var forbidden = map[string]bool{
	"os.Exit": true, "os.Stdout": true, "os.Stderr": true, "os.Stdin": true,
	"os.Chdir": true, "os.Setenv": true, "os.Unsetenv": true, "os.Clearenv": true,
	"os.Getwd": true, "os.Getenv": true, "os.LookupEnv": true, "os.Environ": true,
	"syscall.Exit": true, "unix.Exit": true, "syscall.Chdir": true, "unix.Chdir": true,
	"log.Fatal": true, "log.Fatalf": true, "log.Print": true, "log.Printf": true, "log.Println": true,
	"fmt.Print": true, "fmt.Printf": true, "fmt.Println": true,
}

func appletSources(t *testing.T) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir("..", func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".go") && !strings.HasSuffix(p, "_test.go") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestAppletContract enforces the applet contract on every non-test file
// under applets/: no os.Exit, os.Stdout/Stderr/Stdin, os.Chdir, os.Setenv
// (nor their siblings), no flag package, and no package-level variables
// (mutable state shared between in-process runs, and init-time cost).
func TestAppletContract(t *testing.T) {
	fset := token.NewFileSet()
	for _, file := range appletSources(t) {
		f, err := parser.ParseFile(fset, file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			if p, _ := strconv.Unquote(imp.Path.Value); p == "flag" {
				t.Errorf("%s: imports the flag package; use gobox/internal/opt", file)
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if id, ok := sel.X.(*ast.Ident); ok && forbidden[id.Name+"."+sel.Sel.Name] {
				t.Errorf("%s: uses %s.%s; applets must go through applet.Ctx", fset.Position(sel.Pos()), id.Name, sel.Sel.Name)
			}
			return true
		})
		for _, decl := range f.Decls {
			if g, ok := decl.(*ast.GenDecl); ok && g.Tok == token.VAR {
				t.Errorf("%s: package-level var; applets keep no package state (use const or locals)", fset.Position(g.Pos()))
			}
		}
	}
}

// TestAllImportsEveryApplet checks that all.go (scripts/gen-all.sh) links
// every applet package, so a new applet cannot be left out of the build.
func TestAllImportsEveryApplet(t *testing.T) {
	var want []string
	dirs, _ := filepath.Glob("../*/*")
	for _, d := range dirs {
		if m, _ := filepath.Glob(filepath.Join(d, "*.go")); len(m) > 0 && !strings.HasPrefix(d, "../all") {
			want = append(want, "gobox/applets/"+strings.TrimPrefix(filepath.ToSlash(d), "../"))
		}
	}
	sort.Strings(want)
	f, err := parser.ParseFile(token.NewFileSet(), "all.go", nil, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, imp := range f.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		got = append(got, p)
	}
	sort.Strings(got)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("applets/all/all.go is stale; run scripts/gen-all.sh\n got: %v\nwant: %v", got, want)
	}
}
