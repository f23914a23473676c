// Package hostname is the hostname applet: show or set the host name.
package hostname

import (
	"errors"
	"os"
	"strings"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/opt"
	"gobox/internal/resolv"
)

// Applet is hostname's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "hostname",
	Path:  "/bin",
	Usage: "[-sidf] [HOSTNAME | -F FILE]",
	Help: `Show or set hostname or DNS domain name

	-s	Short
	-i	Addresses for the hostname
	-d	DNS domain name
	-f	Fully qualified domain name
	-F FILE	Use FILE's content as hostname`,
	Options: &opt.Spec{Short: "dfisF:v", Long: "domain=d fqdn=f file=F", Undocumented: "v"},
	NoFork:  true,
	Main:    main,
}

func main(ctx *applet.Ctx, args []string) error {
	var u unix.Utsname
	unix.Uname(&u)
	return run(ctx, args, &resolv.Resolver{}, unix.ByteSliceToString(u.Nodename[:]))
}

// run is hostname with the resolver and the current host name given,
// so that tests control both.
func run(ctx *applet.Ctx, args []string, r *resolv.Resolver, name string) error {
	o, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	w := ctx.BufWriter(ctx.Stdout, 0)
	switch {
	case o.Has("d") || o.Has("f") || o.Has("i"):
		// gethostbyname: the canonical name and IPv4 addresses.
		h, err := r.LookupHost(ctx, name, resolv.IPv4)
		var herr resolv.Error
		if errors.As(err, &herr) {
			// musl's hstrerror text, as BusyBox's herror_msg prints it.
			return applet.Errorf("%s: %s", name, herr.Error())
		}
		if err != nil {
			// The lookup was cancelled (Ctrl-C).
			return applet.Exit(130)
		}
		short, domain, dotted := strings.Cut(h.Name, ".")
		switch {
		case o.Has("f"):
			w.WriteString(h.Name + "\n")
		case o.Has("s"):
			w.WriteString(short + "\n")
		case o.Has("d"):
			if dotted {
				w.WriteString(domain + "\n")
			}
		default:
			for i, a := range h.Addrs {
				if i > 0 {
					w.WriteByte(' ')
				}
				w.WriteString(a.String())
			}
			w.WriteString("\n")
		}
	case o.Has("s"):
		short, _, _ := strings.Cut(name, ".")
		w.WriteString(short + "\n")
	case o.Has("F"):
		return setFromFile(ctx, o.Str("F"))
	case len(o.Args) > 0:
		return set(o.Args[0])
	default:
		w.WriteString(name + "\n")
	}
	if err := w.Flush(); err != nil {
		return applet.Perror(err, "write error")
	}
	return nil
}

func set(name string) error {
	if err := unix.Sethostname([]byte(name)); err != nil {
		return applet.Perror(err, "sethostname")
	}
	return nil
}

// setFromFile sets the host name from the first word of each line of
// file that is not blank or a comment, as BusyBox's config parser reads
// it.
func setFromFile(ctx *applet.Ctx, file string) error {
	data, err := os.ReadFile(ctx.Path(file))
	if err != nil {
		return applet.Perror(err, "can't open '%s'", file)
	}
	for _, line := range strings.Split(string(data), "\n") {
		line, _, _ = strings.Cut(line, "#")
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if err := set(f[0]); err != nil {
			return err
		}
	}
	return nil
}
