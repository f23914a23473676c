// Package expand performs the shell's word expansions over a syntax tree,
// in POSIX's order: tilde, parameter, command substitution, arithmetic,
// field splitting, pathname expansion, quote removal. It reaches the
// shell's state only through Env, so that it can be tested alone and so
// that the interpreter decides what a command substitution runs in.
//
// Entry points (all take an Env and return the expansion or an error
// that the interpreter reports; see their docs):
//
//	Fields(env, words)        command arguments and for-loop items: split and globbed
//	AppendFields(out, env, words)  Fields into a caller's slice (reused per command)
//	Literal(env, word)        redirection targets, case words: no split, no glob
//	Assign(env, word)         assignment values: as Literal, plus ~ after ':'
//	Heredoc(env, word)        a here-document body
//	Pattern(env, word)        case patterns and ${x#pat}: quoted characters stay literal
//	Arith(env, word)          $((...)): the expanded text evaluated as arithmetic
//	ArithString(env, s)       let's operands
//
// Errors that end a non-interactive shell are *Error ("x: parameter not
// set", "arithmetic syntax error", ...); an Env's own errors come back
// as they are.
//
// The semantics are Alpine's ash (BusyBox 1.36.1 on musl), checked case
// by case against it: "$@" and "$*" are joined first and any operator
// applies to the joined text; IFS splitting follows ash's ifsbreakup;
// patterns are musl's fnmatch except where musl departs from POSIX (a
// backslash inside a bracket, a byte that is not valid UTF-8: see the
// pattern package and docs/compat/ash.md).
//
// Patterns are compiled once and cached (see the pattern package), never
// per evaluation: case and ${x%pat} run in the hottest loops of scripts.
// The common one-part words ("$x", $x, $((...)), ${x#pat}) are expanded
// without building anything.
package expand

import (
	"strconv"

	"gobox/shell/syntax"
)

// Env is what expansion reads and changes of the shell's state.
type Env interface {
	// Get returns a variable or special parameter ("?", "$", "!", "#",
	// "-", "0", "1".. "10"..) and whether it is set.
	Get(name string) (string, bool)
	// Set assigns a variable, for ${x=word} and arithmetic assignment;
	// it fails for a readonly variable ("x: is read only").
	Set(name, value string) error
	// Params returns the positional parameters $1..$n, for $@ and $*.
	Params() []string
	// CmdSubst runs stmts as a command substitution and returns what
	// they wrote to standard output (trailing newlines not yet removed).
	// It sets $? for the command that follows.
	CmdSubst(stmts []*syntax.Stmt) (string, error)
	// Nounset and Noglob report set -u and set -f.
	Nounset() bool
	Noglob() bool
	// Dir is the shell's working directory, for relative patterns.
	Dir() string
	// HomeDir returns the home directory of user ("" for $HOME's owner,
	// the current user), for tilde expansion.
	HomeDir(user string) (string, bool)
}

// Itoaer may be implemented by an Env that can give the text of a
// number without making a string: the shell returns the value it last
// assigned when it is that number (": $((i += 1))" assigns i and
// expands to the same text).
type Itoaer interface {
	Itoa(n int64) string
}

// formatInt is strconv.FormatInt(n, 10), through env's Itoaer if it has one.
func formatInt(env Env, n int64) string {
	if e, ok := env.(Itoaer); ok {
		return e.Itoa(n)
	}
	return strconv.FormatInt(n, 10)
}

// Localer may be implemented by an Env that follows LC_ALL, LC_CTYPE and
// LANG itself (cheaper than three lookups per pattern). UTF8 reports
// whether the first of them that is set names a UTF-8 locale (anything
// but "C" and "POSIX"; none set is UTF-8, musl's default). Patterns
// and ${#x} count bytes in the C locale.
type Localer interface {
	UTF8() bool
}
