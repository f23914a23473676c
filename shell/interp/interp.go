// Package interp is the shell's interpreter: its state (variables,
// functions, options, traps, positional parameters, working directory,
// umask, descriptor table, jobs) and the executor over shell/syntax's
// tree, with ash's builtins. Main is the sh and ash applets.
//
// It follows ../shared/docs/shell.md: builtins, functions and compound
// commands run on the shell's own goroutine with redirections applied
// to its descriptor table and undone after; a pipeline is one goroutine
// per stage joined by os.Pipe, each stage on a copy of the state; ( )
// and $( ) run in-process on a copy (variables and functions shared
// copy-on-write, exit ends the copy); NoFork applets run in-process with
// a Ctx made from the state, other applets by re-executing the binary,
// other programs by fork and exec. cd and umask change the state only
// (the main shell, owning its process, also sets the process umask so
// that its children inherit it).
//
// Errors follow ash: messages "$0: [builtin: ][line N: ]text", statuses
// 126 and 127, special builtins' errors and expansion errors end a
// non-interactive shell (ctlError unwinds to a builtin run through
// "command", as ash's exceptions do).
//
// Where it differs from shell.md, and why:
//   - A background job that is a simple command running a program or
//     an applet is a real child process. Any other background job (a
//     function, a compound command) runs in-process on a copy of the
//     state, with an id above any real PID as its $!; wait, kill and
//     jobs treat it as a job (kill cancels it). Re-executing the shell
//     with the job's source needs shell/syntax's printer, which does not
//     exist yet.
//   - A script without "#!" runs in a new shell in-process (fresh state
//     from the exported variables), not in a re-executed one.
//   - A signal sent to the shell's PID reaches the whole process, so a
//     subshell, which is in-process, cannot be killed apart from its
//     parent (ash_test's ash-signals/subshell).
package interp
