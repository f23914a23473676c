// Package awk is gobox's awk: a lexer, a parser and a tree-walking
// interpreter for the awk language as BusyBox 1.36 has it (the POSIX
// language plus the GNU extensions Alpine's build enables), used by the
// awk applet.
//
// # Why not goawk
//
// github.com/benhoyt/goawk is the field's Go awk, and gobox writes its
// own instead, for two reasons. Every gobox applet that matches regular
// expressions uses one POSIX engine, internal/regex (leftmost-longest,
// POSIX bracket expressions, musl's syntax and error messages), and
// goawk is built on Go's regexp (leftmost-first, another syntax). And
// goawk's packages do work at init, which every exec of every applet of
// the binary would pay: measured at +1.4 MB and +409 us per exec
// (dependencies.md, section 0). This package does nothing at init: its
// tables are switch statements, and everything is built when a program
// is parsed or run.
//
// # Behaviour
//
// The language is BusyBox's, quirks included where scripts can see
// them: its operator precedences (^ groups left to right; unary minus
// binds looser than ^ and tighter than *), newlines allowed after any
// binary operator, "(a, b)" evaluating to a and b joined by SUBSEP,
// getline < and | getline taking a whole concatenation, for-in visiting
// keys in the order of BusyBox's hash table, numbers printed as integers
// when they are integral, printf's integer conversions on C ints,
// substr's rounding, srand and rand as musl's generator gives them,
// bytes rather than characters, strings that end at a NUL, and its
// error messages ("cmd. line:1: Unexpected token") and statuses.
// Records end at RS (one character, a NUL too), at blank lines when RS
// is empty, or at a regular expression when RS is longer; RT is set.
//
// Output is buffered, and written before the program reads input,
// starts a command or exits, so that what BusyBox (which writes every
// print at once) would have shown before awk waits is shown.
package awk
