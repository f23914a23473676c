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
// Memory (issue 10): a loop of builtins allocates (nearly) nothing per
// round beyond the values it assigns (alloc_test.go counts it). A
// redirection opens a bare descriptor that builtins write with system
// calls, and an *os.File is made only when a child, an applet or a copy
// of the shell needs one (fd.go); it is undone by putting back the
// descriptors it changed, from a stack the shell reuses, as ash's
// popredir does (redir.go). Command words go into a reused slice unless
// the command may keep them; echo, test and the PATH search use the
// shell's buffers; a program whose standard streams are files is
// started by os.StartProcess with the shell's cached environment
// (startCmd).
//
// Errors follow ash: messages "$0: [builtin: ][line N: ]text", statuses
// 126 and 127, special builtins' errors and expansion errors end a
// non-interactive shell (ctlError unwinds to a builtin run through
// "command", as ash's exceptions do).
//
// Background jobs (bgjob.go): a simple command running a program or an
// applet starts as that child directly (its words expanded on a copy
// first when that has no visible effect, as for "$THIS_SH -c ..." &);
// any other job (a function, { },
// ( ), a pipeline) re-executes the binary as "sh --gobox-job=FD" with the
// job's source from syntax.String and the state written to a pipe: all
// variables with their attributes, functions, aliases, options, $0 and
// the positional parameters, $$ (the parent's), $?, $!, LINENO, the
// directory, the umask, the ignored signals, and the descriptors above 2
// inherited at their numbers. $! is the child's PID; a lone command in
// it is exec'd in place (as "sh -c 'prog'" does: ash's EV_EXIT), so $!
// is then the program's own. A ( ) that runs ulimit is such a child too,
// waited for, so that the limit stays in it.
//
// Signals (trap.go, sigaction.go): traps are os/signal notifications run
// between commands; "kill -SIG $$" of a trapped signal is pending before
// kill returns. The Go runtime ignores some signals whose C default ends
// the process (SIGUSR1, SIGALRM...): the shell gives them SIG_DFL in the
// kernel, so an untrapped one kills the shell with that signal. SIGPIPE
// is never caught from the kernel (it comes for the EPIPE of every
// in-process stage): a PIPE trap runs for the shell's own writes
// (builtins) and "kill -PIPE $$" only. The runtime replaces an inherited
// SIG_IGN by its handler, so a gobox child is told which signals its
// shell ignored (GOBOX_SIGIGN, removed from the environment).
//
// Job control (jobctl.go): a foreground command's programs share one
// process group, put in the terminal's foreground by the leader itself
// before it runs; a stopped program becomes a job for fg and bg.
//
// Where it differs from shell.md, and why:
//   - A script without "#!" runs in a new shell in-process (fresh state
//     from the exported variables), not in a re-executed one.
//   - A signal sent to the shell's PID reaches the whole process. An
//     in-process subshell waiting for a program it ran takes a signal
//     that comes meanwhile as its own (in ash that program's "kill
//     $PPID" reaches the subshell, whose traps were reset), unless a
//     background job's child announced it as the shell's (subWait).
//   - Under job control a lone foreground applet runs as a child process
//     (Ctrl-Z can stop it); in a pipeline or subshell applets stay
//     in-process, and Ctrl-Z does not stop them (Ctrl-C cancels them).
package interp
