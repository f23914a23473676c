package all

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
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
		if d != nil && d.IsDir() && p == "../all" {
			return filepath.SkipDir
		}
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

// allAppletValues reports whether every value is an applet.Applet{...}
// literal: the one kind of package-level var an applet may declare.
func allAppletValues(vals []ast.Expr) bool {
	for _, v := range vals {
		cl, ok := v.(*ast.CompositeLit)
		if !ok {
			return false
		}
		sel, ok := cl.Type.(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "Applet" {
			return false
		}
		if x, ok := sel.X.(*ast.Ident); !ok || x.Name != "applet" {
			return false
		}
	}
	return true
}

// TestAppletContract enforces the applet contract on every non-test file
// under applets/: no os.Exit, os.Stdout/Stderr/Stdin, os.Chdir, os.Setenv
// (nor their siblings), no flag package, no init functions (start-up
// cost: see internal/applet.Applet) and no package-level variables but
// the applet's own entry (mutable state would be shared between
// in-process runs).
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
		for _, decl := range f.Decls {
			if fn, ok := decl.(*ast.FuncDecl); ok && fn.Recv == nil && fn.Name.Name == "init" {
				t.Errorf("%s: func init; declare \"var Applet = applet.Applet{...}\" instead", fset.Position(fn.Pos()))
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
			g, ok := decl.(*ast.GenDecl)
			if !ok || g.Tok != token.VAR {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				if len(vs.Values) == len(vs.Names) && allAppletValues(vs.Values) {
					continue // the applet's entry in the table
				}
				t.Errorf("%s: package-level var; applets keep no package state (use const or locals)", fset.Position(vs.Pos()))
			}
		}
	}
}
