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

// errTextAllowed are the reviewed places where an error's own text is
// right, keyed by "file:function" (file relative to the repository).
// Each says why; an entry that no longer matches anything fails the test.
var errTextAllowed = map[string]string{
	"internal/applet/applet.go:plainText": "the runtime's last resort for an error no applet worded: " +
		"system errors are mapped to strerror first, what is left is gobox's own text",
	"internal/applet/applet.go:ErrText":           "musl's strerror for an errno; the error's own text only for gobox's own errors",
	"applets/networking/hostname/hostname.go:run": "resolv.Error's text is musl's hstrerror, as BusyBox prints it",
	// apk (issue 9): internal/apk's error types carry apk-tools' own words (apk.md section 10).
	"applets/apk/apk/db.go:errText": "internal/apk errors (UNTRUSTED signature, BAD signature, IO ERROR, cache not available) are apk-tools' words; system errors go through applet.ErrText",
	"applets/apk/apk/db.go:openDB":  "installeddb.FormatError is apk-tools' message (FDB format error (line N, entry 'X'))",

	// Helpers handed errors that are already worded (applet.Perror,
	// applet.Errorf): their text is the message.
	"internal/fscopy/fscopy.go:fail":     "takes applet.Perror/Errorf errors",
	"internal/fsremove/fsremove.go:fail": "takes applet.Perror/Errorf errors",
	"internal/makedir/makedir.go:fail":   "formats an applet.Perror error",
	"applets/coreutils/mv/mv.go:moveOne": "fscopy.Stat's errors are applet.Perror errors",

	// Errors of gobox's parsers, in BusyBox's words.
	"applets/coreutils/touch/touch.go:run":    "datetime.ParseDate's InvalidDate: \"invalid date 'X'\"",
	"applets/coreutils/dd/dd.go:parseNum":     "suffix.Error: \"invalid number 'X'\", \"number X is not in LO..HI range\"",
	"applets/coreutils/mknod/mknod.go:number": "suffix.Error: \"invalid number 'X'\", \"number X is not in LO..HI range\"",
	"internal/duration/duration.go:Parse":     "suffix.Error: \"invalid number 'X'\"",
	"internal/regex/regex.go:MustCompile":     "panics on a pattern compiled into gobox: a programming error, never a user's",
	// bunzip2, bzcat, tar -j (internal/bzip2r).
	"internal/codec/bzip2.go:Read": "bzip2r.Error: BusyBox's \"bunzip error N\" and \"CRC error\"",
}

// errTextPending are known offenders in files this test's owner does not
// own, left to their owners (issue 5): each prints, or may print, Go's
// own error text. An entry that no longer matches fails the test, so the
// list shrinks as they are fixed.
var errTextPending = map[string]string{}

// formatters are the calls that format their arguments into text a user
// sees, and the number of leading arguments that are not formatted (a
// writer, an exit status, Perror's cause).
var formatters = map[string]int{
	"Sprintf": 0, "Sprint": 0, "Sprintln": 0, "Errorf": 0, "Printf": 0, "Print": 0, "Println": 0,
	"Fprintf": 1, "Fprint": 1, "Fprintln": 1, "Appendf": 1,
	"Warnf": 0, "Usage": 0, "Exitf": 1, "Perror": 1, "PerrorCode": 2,
}

// TestNoGoErrorText keeps Go's own error texts ("open x: no such file or
// directory", "strconv.Atoi: parsing ...", "write /dev/stdout: ...") from
// reaching users: in applets and the libraries under internal/, it flags
// err.Error() and an error-looking value (a name ending in "err" or
// "Err") formatted into a message. Word errors with applet.Perror,
// ctx.Perror or applet.ErrText (musl's strerror), or return them as they
// are for the runtime to word.
func TestNoGoErrorText(t *testing.T) {
	var files []string
	for _, dir := range []string{"..", "../../internal"} {
		err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && (p == "../all" || p == "../../internal/applettest") {
				return filepath.SkipDir
			}
			if !d.IsDir() && strings.HasSuffix(p, ".go") && !strings.HasSuffix(p, "_test.go") {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	found := map[string][]string{} // key -> positions and what
	fset := token.NewFileSet()
	for _, file := range files {
		f, err := parser.ParseFile(fset, file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		rel := strings.TrimPrefix(strings.TrimPrefix(file, "../../"), "../")
		if !strings.HasPrefix(rel, "internal/") {
			rel = "applets/" + rel
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			// An error type's Error method may pass on its cause's text:
			// what matters is where it is printed.
			if fn.Name.Name == "Error" && fn.Recv != nil {
				continue
			}
			key := rel + ":" + fn.Name.Name
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				sel, ok := call.Fun.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				pos := fset.Position(call.Pos())
				where := filepath.Base(pos.Filename) + ":" + strconv.Itoa(pos.Line)
				if sel.Sel.Name == "Error" && len(call.Args) == 0 {
					found[key] = append(found[key], where+": .Error()")
					return true
				}
				skip, ok := formatters[sel.Sel.Name]
				if !ok {
					return true
				}
				for i, arg := range call.Args {
					if i < skip {
						continue
					}
					if name := errorLooking(arg); name != "" {
						found[key] = append(found[key], where+": "+name+" formatted by "+sel.Sel.Name)
					}
				}
				return true
			})
		}
	}
	keys := make([]string, 0, len(found))
	for k := range found {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if _, ok := errTextAllowed[k]; ok {
			continue
		}
		if _, ok := errTextPending[k]; ok {
			continue
		}
		t.Errorf("%s: %s: an error's own text may reach the user; use applet.Perror, ctx.Perror or applet.ErrText "+
			"(or, if its text is BusyBox's words, add a reviewed entry to errTextAllowed)", k, strings.Join(found[k], "; "))
	}
	for _, list := range []map[string]string{errTextAllowed, errTextPending} {
		for k := range list {
			if _, ok := found[k]; !ok {
				t.Errorf("%s: listed in errtext_test.go but nothing there formats an error any more: drop the entry", k)
			}
		}
	}
}

// errorLooking returns the name of arg if it looks like an error value:
// an identifier or field whose name ends in "err" or "Err" (not a
// stream: stderr, Stderr).
func errorLooking(arg ast.Expr) string {
	var name string
	switch a := arg.(type) {
	case *ast.Ident:
		name = a.Name
	case *ast.SelectorExpr:
		name = a.Sel.Name
	default:
		return ""
	}
	if strings.EqualFold(name, "stderr") || !strings.HasSuffix(strings.ToLower(name), "err") {
		return ""
	}
	return name
}
