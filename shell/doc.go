// Package shell will hold gobox's POSIX shell (syntax, expand, interp,
// lineedit), following BusyBox ash; see the shell issue.
package shell
