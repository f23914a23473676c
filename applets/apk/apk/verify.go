package apk

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"

	"gobox/internal/apk/index"
	"gobox/internal/apk/pkgfile"
	"gobox/internal/apk/sign"
	"gobox/internal/opt"
)

// runVerify is "apk verify" (apk.md 9.17): each file's signature, and
// for a package its whole content and data hash.
func runVerify(e *env, o *opt.Result, args []string) error {
	d, err := openDB(e, withRepos|noState)
	if err != nil {
		return err
	}
	if d.keys == nil {
		d.keys = sign.LoadDir(e.keysDir())
	}
	bad, legacy := 0, 0
	defer func() {
		// apk warns at the end, once per package without a datahash,
		// whatever the verbosity.
		e.out.Flush()
		for ; legacy > 0; legacy-- {
			fmt.Fprintf(e.ctx.Stderr, "WARNING: Support for packages without datahash will be dropped in apk-tools 3.\n")
		}
	}()
	for _, a := range args {
		old, err := verifyFile(e.ctx.Path(a), d.keys, e.o.Has("allow-untrusted"))
		if old {
			legacy++
		}
		code, msg := 0, "OK"
		switch {
		case errors.Is(err, sign.ErrUntrusted):
			msg = "UNTRUSTED"
		case err != nil:
			code, msg = apkErrno(err), errText(err)
		}
		if err != nil {
			bad++
		}
		switch {
		case e.verbose > 0:
			fmt.Fprintf(e.out, "%s: %d - %s\n", a, code, msg)
		case err != nil:
			fmt.Fprintf(e.out, "%s\n", a)
		}
	}
	return status(bad)
}

// verifyFile checks a package or an index file against keys
// (allowUntrusted accepts a missing signature). legacy reports a package
// without a datahash.
func verifyFile(name string, keys *sign.Keyring, allowUntrusted bool) (legacy bool, err error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return false, err
	}
	r, perr := pkgfile.NewReader(bytes.NewReader(data))
	if perr != nil || (r.Info == nil && r.PkgInfo == nil) {
		// No .PKGINFO: an index, or a damaged file.
		a, err := index.ReadArchive(bytes.NewReader(data))
		if err != nil {
			if perr != nil {
				return false, perr
			}
			return false, err
		}
		return false, trust(a.Verify(keys), allowUntrusted)
	}
	for {
		if _, err := r.Next(); err == io.EOF {
			break
		} else if err != nil {
			return false, err
		}
	}
	if err := r.Close(); err != nil {
		return false, err
	}
	return !r.HasDataHash(), trust(r.Verify(keys), allowUntrusted)
}

// trust drops an UNTRUSTED verdict when untrusted files are allowed.
func trust(err error, allowUntrusted bool) error {
	if allowUntrusted && errors.Is(err, sign.ErrUntrusted) {
		return nil
	}
	return err
}

// apkErrno is the negative errno apk reports for err: its own error
// texts stand for the errno values apk-tools 2.14 maps them from.
func apkErrno(err error) int {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		return -int(errno)
	}
	switch errText(err) {
	case "UNTRUSTED signature":
		return -int(syscall.ENOKEY)
	case "BAD signature":
		return -int(syscall.EKEYREJECTED)
	case "IO ERROR":
		return -int(syscall.EIO)
	case "BAD archive":
		return -int(syscall.EBADMSG)
	case "archive does not contain expected data":
		return -int(syscall.ENOMSG)
	}
	return -int(syscall.EIO)
}
