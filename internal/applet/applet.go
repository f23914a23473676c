// Package applet is gobox's runtime: the applet registry, the context an
// applet runs in, the error values that carry exit statuses, and dispatch
// from argv[0] (see dispatch.go).
//
// An applet is a function from (context, arguments) to an error. It never
// touches process-wide state (os.Stdout, os.Exit, os.Chdir, os.Setenv), so the
// shell can run it in-process and tests can call it with buffers.
package applet

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Applet describes one command. Register it from the applet package's init.
type Applet struct {
	Name string // command name, e.g. "ls"
	Path string // install directory under the root, e.g. "/bin" or "/usr/bin"
	// Usage is the synopsis after the name, e.g. "[-1AaCl] [FILE]...".
	Usage string
	// Help is the text printed after the synopsis by --help: a one-line
	// description, a blank line, then option lines "\t-x\tWhat it does".
	Help string
	// NoFork marks an applet that is safe to run inside the shell's
	// process. Applets that change the process (chroot, exec, setuid) set
	// it to false.
	NoFork bool
	// RawHelp passes a lone "--help" to Main instead of printing the
	// usage (POSIX wants "test --help" to be an ordinary operand).
	RawHelp bool
	Main    func(ctx *Ctx, args []string) error
}

var registry = map[string]*Applet{}

// Register adds an applet. Call it only from init.
func Register(a Applet) {
	if _, dup := registry[a.Name]; dup {
		panic("applet: duplicate registration of " + a.Name)
	}
	if a.Path == "" {
		a.Path = "/bin"
	}
	registry[a.Name] = &a
}

// Lookup returns the applet called name, or nil.
func Lookup(name string) *Applet { return registry[name] }

// All returns every registered applet, sorted by name.
func All() []*Applet {
	out := make([]*Applet, 0, len(registry))
	for _, a := range registry {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Ctx is everything an applet may use of its surroundings.
type Ctx struct {
	context.Context // cancelled on Ctrl-C when run inside the shell

	Name   string // the name the applet was invoked as (argv[0]'s basename)
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Dir    string   // working directory; resolve relative paths with Path
	Env    []string // environment as KEY=VALUE, later entries win
}

// Getenv returns the value of key, or "".
func (c *Ctx) Getenv(key string) string {
	v, _ := c.LookupEnv(key)
	return v
}

// LookupEnv returns the value of key and whether it is set.
func (c *Ctx) LookupEnv(key string) (string, bool) {
	for i := len(c.Env) - 1; i >= 0; i-- {
		kv := c.Env[i]
		if len(kv) > len(key) && kv[len(key)] == '=' && kv[:len(key)] == key {
			return kv[len(key)+1:], true
		}
	}
	return "", false
}

// Environ returns a copy of the environment with duplicate keys removed
// (the last value wins), in first-seen order.
func (c *Ctx) Environ() []string {
	seen := make(map[string]int, len(c.Env))
	out := make([]string, 0, len(c.Env))
	for _, kv := range c.Env {
		k, _, _ := strings.Cut(kv, "=")
		if i, ok := seen[k]; ok {
			out[i] = kv
			continue
		}
		seen[k] = len(out)
		out = append(out, kv)
	}
	return out
}

// Path resolves name against the applet's working directory. Absolute
// names are returned unchanged; the result is not cleaned, so "a/.." stays
// meaningful for symlinks.
func (c *Ctx) Path(name string) string {
	if name == "" || filepath.IsAbs(name) || c.Dir == "" {
		return name
	}
	if c.Dir == "/" {
		return "/" + name
	}
	return c.Dir + "/" + name
}

// Warnf prints "name: message" to stderr and carries on. Use it for errors
// that do not stop the applet (one of many files failed); remember to
// return a non-zero status at the end, usually with Exit(1).
func (c *Ctx) Warnf(format string, args ...any) {
	fmt.Fprintf(c.Stderr, "%s: %s\n", c.Name, fmt.Sprintf(format, args...))
}

// Cancelled reports whether the context was cancelled (Ctrl-C).
func (c *Ctx) Cancelled() bool {
	if c.Context == nil {
		return false
	}
	return c.Context.Err() != nil
}

// ExitError carries an exit status and an optional message. The runtime
// prints a non-empty message as "name: message" on stderr.
type ExitError struct {
	Code int
	Msg  string
}

func (e *ExitError) Error() string {
	if e.Msg == "" {
		return fmt.Sprintf("exit status %d", e.Code)
	}
	return e.Msg
}

// Errorf returns an error that exits with status 1 and prints the message.
func Errorf(format string, args ...any) error {
	return &ExitError{Code: 1, Msg: fmt.Sprintf(format, args...)}
}

// Exitf returns an error with the given status and message.
func Exitf(code int, format string, args ...any) error {
	return &ExitError{Code: code, Msg: fmt.Sprintf(format, args...)}
}

// Exit returns an error that exits silently with status code. Exit(0) is
// a nil error.
func Exit(code int) error {
	if code == 0 {
		return nil
	}
	return &ExitError{Code: code}
}

// UsageError reports bad command-line usage: the runtime prints the message
// (if any) followed by the applet's usage on stderr and exits with status 1.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// Usage returns a UsageError. An empty message prints only the usage.
func Usage(format string, args ...any) error {
	if format == "" {
		return &UsageError{}
	}
	return &UsageError{Msg: fmt.Sprintf(format, args...)}
}

// ErrHelp is returned by option parsing for --help; the runtime prints the
// usage on stdout and exits 0.
var ErrHelp = errors.New("help requested")

// Status maps an applet's returned error to an exit status, printing what
// BusyBox would print on stderr.
func Status(ctx *Ctx, a *Applet, err error) int {
	if err == nil {
		return 0
	}
	var ee *ExitError
	var ue *UsageError
	switch {
	case errors.Is(err, ErrHelp):
		WriteUsage(ctx.Stdout, a)
		return 0
	case errors.As(err, &ue):
		if ue.Msg != "" {
			fmt.Fprintf(ctx.Stderr, "%s: %s\n", ctx.Name, ue.Msg)
		}
		WriteUsage(ctx.Stderr, a)
		return 1
	case errors.As(err, &ee):
		if ee.Msg != "" {
			fmt.Fprintf(ctx.Stderr, "%s: %s\n", ctx.Name, ee.Msg)
		}
		return ee.Code
	}
	fmt.Fprintf(ctx.Stderr, "%s: %v\n", ctx.Name, err)
	return 1
}

// WriteUsage prints the BusyBox-style help for a.
func WriteUsage(w io.Writer, a *Applet) {
	var b strings.Builder
	b.WriteString(Banner)
	b.WriteString(" multi-call binary.\n\nUsage: ")
	b.WriteString(a.Name)
	if a.Usage != "" {
		b.WriteByte(' ')
		b.WriteString(a.Usage)
	}
	b.WriteString("\n")
	if a.Help != "" {
		b.WriteString("\n")
		b.WriteString(strings.TrimRight(a.Help, "\n"))
		b.WriteString("\n")
	}
	io.WriteString(w, b.String())
}

// Version is stamped at build time with -ldflags "-X gobox/internal/applet.Version=...".
var Version = "dev"

// Banner is the first words of every usage text.
var Banner = "gobox " + Version

// Run runs applet a in-process with ctx and returns its exit status. The
// shell and tests use it; ctx.Name defaults to the applet's name.
func Run(ctx *Ctx, a *Applet, args []string) int {
	if ctx.Name == "" {
		ctx.Name = a.Name
	}
	if ctx.Context == nil {
		ctx.Context = context.Background()
	}
	if ctx.Stdin == nil {
		ctx.Stdin = strings.NewReader("")
	}
	if ctx.Stdout == nil {
		ctx.Stdout = io.Discard
	}
	if ctx.Stderr == nil {
		ctx.Stderr = io.Discard
	}
	if len(args) == 1 && args[0] == "--help" && !a.RawHelp {
		WriteUsage(ctx.Stdout, a)
		return 0
	}
	err := a.Main(ctx, args)
	return Status(ctx, a, err)
}

// PathError formats an *os.PathError (or any error) the way BusyBox's
// perror messages do: "can't open 'x': No such file or directory" becomes
// possible with ErrText(err).
func ErrText(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		err = le.Err
	}
	var se *os.SyscallError
	if errors.As(err, &se) {
		err = se.Err
	}
	s := err.Error()
	if s != "" {
		// Go's errno strings are lower-case ("no such file or directory");
		// libc's, which BusyBox prints, are capitalised.
		s = strings.ToUpper(s[:1]) + s[1:]
	}
	return s
}
