package commit

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"syscall"

	"golang.org/x/sys/unix"
)

// ScriptError is a package script that failed, in apk's words
// ("script exited with error 1", "killed by signal 9").
type ScriptError struct{ Text string }

func (e *ScriptError) Error() string { return e.Text }

// RunScript runs an install script as apk does (apk.md 8.6): written to
// lib/apk/exec/<pkg>.<type> (mode 0755), run with argv[0] = the type,
// the arguments given, the root as current directory, chroot
// into the root unless it is "/", and only PATH in the environment; then
// deleted. The streams are the script's (apk's own, inherited). A failure to write it is
// returned as an error other than *ScriptError ("failed to execute").
func (r *Root) RunScript(ctx context.Context, pkg, typ string, data []byte, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if _, err := r.MkdirAll("lib/apk/exec", 0o700); err != nil {
		return err
	}
	rel := "lib/apk/exec/" + pkg + "." + typ
	f, err := r.OpenFile(rel, unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC, 0o755)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	unix.Fchmod(int(f.Fd()), 0o755)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	defer r.Remove(rel)
	if err != nil {
		return err
	}
	chroot := filepath.Clean(r.Path) != "/"
	prog := "/" + rel
	if !chroot {
		prog = filepath.Join(r.Path, rel)
	}
	cmd := &exec.Cmd{
		Path:   prog,
		Args:   append([]string{typ}, args...),
		Env:    []string{"PATH=/usr/sbin:/usr/bin:/sbin:/bin"},
		Stdin:  stdin,
		Stdout: stdout,
		Stderr: stderr,
		Dir:    "/",
	}
	if chroot {
		cmd.SysProcAttr = &syscall.SysProcAttr{Chroot: r.Path}
	} else {
		cmd.Dir = r.Path
	}
	// apk sets umask 022 in the child; the umask is process state here,
	// so the script inherits apk's (022 unless the caller changed it).
	err = cmd.Start()
	if err != nil {
		// The exec failed in the child: apk's child exits 127.
		return &ScriptError{"script exited with error 127"}
	}
	done := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			cmd.Process.Kill()
		case <-done:
		}
	}()
	err = cmd.Wait()
	close(done)
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return &ScriptError{fmt.Sprintf("killed by signal %d", ws.Signal())}
		}
		return &ScriptError{fmt.Sprintf("script exited with error %d", ee.ExitCode())}
	}
	return err
}
