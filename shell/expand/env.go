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
//	Literal(env, word)        assignment values, redirection targets, case words: no split, no glob
//	Heredoc(env, word)        a here-document body
//	Pattern(env, word)        case patterns and ${x#pat}: quoted characters stay literal
//	Arith(env, word)          $((...)) and let: the expanded text evaluated as arithmetic
//
// Patterns are compiled once and cached (see the pattern package), never
// per evaluation: case and ${x%pat} run in the hottest loops of scripts.
package expand

import "gobox/shell/syntax"

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
