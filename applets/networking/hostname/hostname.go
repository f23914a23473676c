// Package hostname is the hostname applet: show or set the host name.
package hostname

import (
	"bufio"
	"context"
	"net"
	"os"
	"strings"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/opt"
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
	NoFork: true,
	Main:   main,
}

// hostsFile is where musl's gethostbyname looks before DNS.
const hostsFile = "/etc/hosts"

func main(ctx *applet.Ctx, args []string) error {
	o, err := opt.Parse(&opt.Spec{Short: "dfisF:v", Long: "domain=d fqdn=f file=F"}, args)
	if err != nil {
		return err
	}
	var u unix.Utsname
	unix.Uname(&u)
	name := unix.ByteSliceToString(u.Nodename[:])
	w := bufio.NewWriter(ctx.Stdout)
	switch {
	case o.Has("d") || o.Has("f") || o.Has("i"):
		canon, addrs, ok := lookup(ctx, hostsFile, name)
		if !ok {
			return applet.Errorf("%s: Unknown host", name)
		}
		short, domain, _ := strings.Cut(canon, ".")
		switch {
		case o.Has("f"):
			w.WriteString(canon + "\n")
		case o.Has("s"):
			w.WriteString(short + "\n")
		case o.Has("d"):
			if strings.Contains(canon, ".") {
				w.WriteString(domain + "\n")
			}
		default:
			w.WriteString(strings.Join(addrs, " ") + "\n")
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
	return w.Flush()
}

func set(name string) error {
	if err := unix.Sethostname([]byte(name)); err != nil {
		return applet.Errorf("sethostname: %s", applet.ErrText(err))
	}
	return nil
}

// setFromFile sets the host name from the first word of each line of
// file that is not blank or a comment, as BusyBox's config parser reads
// it.
func setFromFile(ctx *applet.Ctx, file string) error {
	data, err := os.ReadFile(ctx.Path(file))
	if err != nil {
		return applet.Errorf("can't open '%s': %s", file, applet.ErrText(err))
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

// lookup resolves name to its canonical name and IPv4 addresses the way
// musl's gethostbyname does: /etc/hosts first (the first matching line's
// first name is canonical), then DNS.
func lookup(ctx *applet.Ctx, hosts, name string) (canon string, addrs []string, ok bool) {
	if data, err := os.ReadFile(hosts); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			line, _, _ = strings.Cut(line, "#")
			f := strings.Fields(line)
			if len(f) < 2 {
				continue
			}
			match := false
			for _, n := range f[1:] {
				if n == name {
					match = true
				}
			}
			ip := net.ParseIP(f[0])
			if !match || ip == nil || ip.To4() == nil || strings.Contains(f[0], ":") {
				continue
			}
			addrs = append(addrs, ip.To4().String())
			if canon == "" {
				canon = f[1]
			}
		}
		if len(addrs) > 0 {
			return canon, addrs, true
		}
	}
	r := &net.Resolver{PreferGo: true}
	ips, err := r.LookupIP(ctx, "ip4", name)
	if err != nil || len(ips) == 0 {
		return "", nil, false
	}
	for _, ip := range ips {
		addrs = append(addrs, ip.String())
	}
	canon = name
	if c, err := r.LookupCNAME(context.Context(ctx), name); err == nil && c != "" {
		canon = strings.TrimSuffix(c, ".")
	}
	return canon, addrs, true
}
