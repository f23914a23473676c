package all

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"gobox/internal/applet"
	"gobox/internal/opt"
)

// TestOptionSpecs checks every applet's option declaration for what Parse
// cannot catch at run time: every applet declares one, and every letter
// or key named by a relation (Exclusive, Conflicts, Implies, Number, long
// aliases, Undocumented) is declared. A Manual spec declares no relations:
// nothing would apply them.
func TestOptionSpecs(t *testing.T) {
	for _, a := range List {
		s := a.Options
		if s == nil {
			t.Errorf("%s: no Options in its Applet value (opt.Spec{Manual: true} if Main reads its arguments itself)", a.Name)
			continue
		}
		keys := map[string]bool{}
		for r, rest := rune(0), s.Short; rest != ""; {
			var n int
			r, n = utf8.DecodeRuneInString(rest)
			rest = strings.TrimLeft(rest[n:], ":")
			if keys[string(r)] {
				t.Errorf("%s: -%c declared twice in %q", a.Name, r, s.Short)
			}
			keys[string(r)] = true
		}
		var aliases []string
		for _, f := range strings.Fields(s.Long) {
			name, key, alias := strings.Cut(f, "=")
			name = strings.TrimRight(name, ":")
			if alias {
				aliases = append(aliases, key)
			} else {
				keys[name] = true
			}
		}
		check := func(what string, ks ...string) {
			for _, k := range ks {
				if !keys[k] {
					t.Errorf("%s: %s names %q, which is not declared", a.Name, what, k)
				}
			}
		}
		letters := func(s string) []string { return strings.Split(s, "") }
		check("a long alias", aliases...)
		for _, g := range s.Exclusive {
			check("Exclusive", letters(g)...)
		}
		for _, c := range s.Conflicts {
			if f := strings.Fields(c); len(f) != 2 {
				t.Errorf("%s: Conflicts entry %q is not two keys", a.Name, c)
			} else {
				check("Conflicts", f...)
			}
		}
		for _, imp := range s.Implies {
			k, ls, _ := strings.Cut(imp, "=")
			check("Implies", k)
			check("Implies", letters(ls)...)
		}
		if s.Number != "" {
			check("Number", s.Number)
		}
		check("Undocumented", strings.Fields(s.Undocumented)...)
		if s.MaxArgs > 0 && s.MinArgs > s.MaxArgs {
			t.Errorf("%s: MinArgs %d > MaxArgs %d", a.Name, s.MinArgs, s.MaxArgs)
		}
		if s.Manual && (s.Exclusive != nil || s.Conflicts != nil || s.Implies != nil || s.MinArgs != 0 || s.MaxArgs != 0) {
			t.Errorf("%s: a Manual spec declares relations or operand counts that nothing applies", a.Name)
		}
	}
}

// TestOptionsInHelp checks that the help text (Usage and Help, which
// follow BusyBox's word for word) mentions every declared option and
// operand word, except the options a spec lists as Undocumented, which
// it must not mention.
func TestOptionsInHelp(t *testing.T) {
	for _, a := range List {
		if a.Options == nil {
			continue
		}
		text := a.Usage + "\n" + a.Help
		undoc := strings.Fields(a.Options.Undocumented)
		for _, o := range a.Options.Declared() {
			mentioned := false
			for _, n := range o.Names() {
				mentioned = mentioned || opt.Mentioned(text, n) >= 0
			}
			switch hidden := slices.Contains(undoc, o.Key); {
			case !mentioned && !hidden:
				t.Errorf("%s: %s is declared but not in the help text (list it in Undocumented if BusyBox's help leaves it out)",
					a.Name, strings.Join(o.Names(), ","))
			case mentioned && hidden:
				t.Errorf("%s: %s is listed as Undocumented but the help text mentions it", a.Name, strings.Join(o.Names(), ","))
			}
		}
		for _, w := range strings.Fields(a.Options.Operands) {
			if opt.Mentioned(text, w) < 0 {
				t.Errorf("%s: operand %q is declared but not in the help text", a.Name, w)
			}
		}
	}
}

// resultMethods are the opt.Result methods that take a key.
var resultMethods = map[string]bool{"Has": true, "Count": true, "Str": true, "StrOr": true, "List": true, "Set": true, "Clear": true}

// optUse is what a package does with opt, found in its source.
type optUse struct {
	parses []string            // "file:line" of each opt.Parse(ctx.Options(), ...) call
	inline []string            // "file:line" of each opt.Parse with another spec
	reads  map[string][]string // key -> "file:line" of each o.Has("key") and the like
}

// scanOpt finds, in the non-test files of dir, the calls to opt.Parse and
// the keys read from its results: o.Has("x"), r.Str("x"), ... on a name
// that holds an *opt.Result (a variable assigned from opt.Parse, a
// parameter, variable or struct field of that type). Keys that are not
// string literals (a loop over a table) are not seen.
func scanOpt(t *testing.T, fset *token.FileSet, dir string) (*optUse, []string) {
	t.Helper()
	use := &optUse{reads: map[string][]string{}}
	files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	var imports []string
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		optName := ""
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			imports = append(imports, p)
			if p == "gobox/internal/opt" {
				optName = "opt"
				if imp.Name != nil {
					optName = imp.Name.Name
				}
			}
		}
		if optName == "" {
			continue
		}
		isOpt := func(e ast.Expr, name string) bool {
			sel, ok := e.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != name {
				return false
			}
			id, ok := sel.X.(*ast.Ident)
			return ok && id.Name == optName
		}
		isResult := func(e ast.Expr) bool {
			st, ok := e.(*ast.StarExpr)
			return ok && isOpt(st.X, "Result")
		}
		holders := map[string]bool{}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.Field:
				if isResult(n.Type) {
					for _, id := range n.Names {
						holders[id.Name] = true
					}
				}
			case *ast.ValueSpec:
				if n.Type != nil && isResult(n.Type) {
					for _, id := range n.Names {
						holders[id.Name] = true
					}
				}
			case *ast.AssignStmt:
				if call, ok := n.Rhs[0].(*ast.CallExpr); ok && isOpt(call.Fun, "Parse") {
					if id, ok := n.Lhs[0].(*ast.Ident); ok {
						holders[id.Name] = true
					}
				}
			}
			return true
		})
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			pos := fset.Position(call.Pos())
			where := filepath.Base(pos.Filename) + ":" + strconv.Itoa(pos.Line)
			if isOpt(call.Fun, "Parse") {
				if c, ok := call.Args[0].(*ast.CallExpr); ok && len(c.Args) == 0 {
					if sel, ok := c.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Options" {
						use.parses = append(use.parses, where)
						return true
					}
				}
				use.inline = append(use.inline, where)
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || !resultMethods[sel.Sel.Name] {
				return true
			}
			switch x := sel.X.(type) {
			case *ast.Ident:
				ok = holders[x.Name]
			case *ast.SelectorExpr:
				ok = holders[x.Sel.Name]
			default:
				ok = false
			}
			lit, isLit := call.Args[0].(*ast.BasicLit)
			if !ok || !isLit || lit.Kind != token.STRING {
				return true
			}
			key, _ := strconv.Unquote(lit.Value)
			use.reads[key] = append(use.reads[key], where)
			return true
		})
	}
	return use, imports
}

// appletDirs maps each applet name to its package directory, from the
// applet.Applet literals under applets/ (as scripts/gen finds them).
func appletDirs(t *testing.T, fset *token.FileSet) map[string]string {
	t.Helper()
	dirs := map[string]string{}
	files, _ := filepath.Glob(filepath.Join("..", "*", "*", "*.go"))
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") || strings.HasPrefix(file, filepath.Join("..", "all")) {
			continue
		}
		f, err := parser.ParseFile(fset, file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			cl, ok := n.(*ast.CompositeLit)
			if !ok {
				return true
			}
			if sel, ok := cl.Type.(*ast.SelectorExpr); !ok || sel.Sel.Name != "Applet" {
				return true
			}
			for _, e := range cl.Elts {
				kv, ok := e.(*ast.KeyValueExpr)
				if !ok {
					continue
				}
				if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "Name" {
					if lit, ok := kv.Value.(*ast.BasicLit); ok {
						name, _ := strconv.Unquote(lit.Value)
						dirs[name] = filepath.Dir(file)
					}
				}
			}
			return false
		})
	}
	return dirs
}

// specPerCommand lists, with the reason, the applets whose option spec
// depends on a command word, so it cannot be one declaration: their
// Applet value declares the global options only.
var specPerCommand = map[string]string{
	"apk": "apk-tools parses the global options and the command's in one getopt per command word, and commands give the same letter different meanings (add -t NAME, info -t; version -l OPS, info -L)",
}

// TestOptionsReadAreDeclared checks each applet's source against its
// declaration: an applet parses with opt.Parse(ctx.Options(), args) and
// never with a spec of its own making (its Spec is in its Applet value),
// unless its spec is Manual, in which case it does not call Parse at all;
// and every key it reads from the result (o.Has("x"), o.Str("x"), ...)
// is declared. Code under internal/ that parses for an applet (chown's
// and chgrp's internal/owner) counts as the applet's.
func TestOptionsReadAreDeclared(t *testing.T) {
	fset := token.NewFileSet()
	dirs := appletDirs(t, fset)
	byName := map[string]*applet.Applet{}
	for _, a := range List {
		byName[a.Name] = a
	}
	var names []string
	for n := range dirs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		a := byName[name]
		if a == nil || a.Options == nil {
			continue // not in the table (scripts/gen's test), or TestOptionSpecs says so
		}
		if why, ok := specPerCommand[name]; ok && why != "" {
			continue
		}
		use, imports := scanOpt(t, fset, dirs[name])
		for _, p := range imports {
			rel, ok := strings.CutPrefix(p, "gobox/internal/")
			if !ok || rel == "opt" || rel == "applet" {
				continue
			}
			dep, _ := scanOpt(t, fset, filepath.Join("..", "..", "internal", rel))
			if len(dep.parses)+len(dep.inline) == 0 {
				continue
			}
			use.parses = append(use.parses, dep.parses...)
			use.inline = append(use.inline, dep.inline...)
			for k, w := range dep.reads {
				use.reads[k] = append(use.reads[k], w...)
			}
		}
		for _, w := range use.inline {
			t.Errorf("%s: %s: opt.Parse with a spec of its own; declare it in the Applet value and parse with opt.Parse(ctx.Options(), args)", name, w)
		}
		switch {
		case a.Options.Manual && len(use.parses) > 0:
			t.Errorf("%s: its spec is Manual but it calls opt.Parse (%s)", name, strings.Join(use.parses, ", "))
		case !a.Options.Manual && len(use.parses) == 0:
			t.Errorf("%s: never calls opt.Parse(ctx.Options(), args); mark its spec Manual if it reads its arguments itself", name)
		}
		// A package of several applets (expand and unexpand) reads the
		// options of each: a key is declared if one of them declares it.
		declared := map[string]bool{}
		for other, dir := range dirs {
			if o := byName[other]; dir == dirs[name] && o != nil && o.Options != nil {
				for _, k := range o.Options.Keys() {
					declared[k] = true
				}
			}
		}
		for k, where := range use.reads {
			if !declared[k] {
				t.Errorf("%s: reads option %q (%s), which its Options do not declare", name, k, strings.Join(where, ", "))
			}
		}
	}
	if len(names) < len(List) {
		t.Errorf("found the source of %d applets, the table has %d", len(names), len(List))
	}
}

// TestOptionsScanSeesReads guards the scanner above against passing
// vacuously: in ls it must see the parse call and the keys it reads.
func TestOptionsScanSeesReads(t *testing.T) {
	use, _ := scanOpt(t, token.NewFileSet(), filepath.Join("..", "coreutils", "ls"))
	if len(use.parses) == 0 {
		t.Error("no opt.Parse(ctx.Options(), args) seen in ls")
	}
	for _, k := range []string{"l", "a", "w", "full-time", "color"} {
		if len(use.reads[k]) == 0 {
			t.Errorf("ls: no read of %q seen; reads: %v", k, use.reads)
		}
	}
	if _, err := os.Stat(filepath.Join("..", "..", "internal", "owner")); err == nil {
		dep, _ := scanOpt(t, token.NewFileSet(), filepath.Join("..", "..", "internal", "owner"))
		if len(dep.parses) == 0 || len(dep.reads["R"]) == 0 {
			t.Errorf("internal/owner: parses %v, reads %v", dep.parses, dep.reads)
		}
	}
}
