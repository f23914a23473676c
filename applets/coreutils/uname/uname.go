// Package uname is the uname applet: print system information.
package uname

import (
	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/opt"
)

// Applet is uname's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "uname",
	Path:  "/bin",
	Usage: "[-amnrspvio]",
	Help: `Print system information

	-a	Print all
	-m	Machine (hardware) type
	-n	Hostname
	-r	Kernel release
	-s	Kernel name (default)
	-p	Processor type
	-v	Kernel version
	-i	Hardware platform
	-o	OS name`,
	Options: &opt.Spec{
		Short: "snrvmpioa",
		Long: "all=a kernel-name=s nodename=n kernel-release=r release=r " +
			"kernel-version=v machine=m processor=p hardware-platform=i operating-system=o",
	},
	NoFork: true,
	Main:   main,
}

// osName is what Alpine's BusyBox (CONFIG_UNAME_OSNAME) reports for -o.
const osName = "Linux"

func main(ctx *applet.Ctx, args []string) error {
	o, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	if len(o.Args) > 0 {
		return applet.Usage("")
	}
	var u unix.Utsname
	unix.Uname(&u)
	unknown := "unknown"
	keys := "snrvmpio"
	if o.Has("a") {
		// -a prints every field but leaves out the unknown ones.
		unknown = ""
	}
	fields := []string{
		unix.ByteSliceToString(u.Sysname[:]),
		unix.ByteSliceToString(u.Nodename[:]),
		unix.ByteSliceToString(u.Release[:]),
		unix.ByteSliceToString(u.Version[:]),
		unix.ByteSliceToString(u.Machine[:]),
		unknown,
		unknown,
		osName,
	}
	any := false
	for i := range keys {
		if o.Has(keys[i : i+1]) {
			any = true
		}
	}
	w := ctx.BufWriter(ctx.Stdout, 0)
	sep := ""
	for i, f := range fields {
		want := o.Has("a") || o.Has(keys[i:i+1]) || (!any && i == 0)
		if want && f != "" {
			w.WriteString(sep)
			w.WriteString(f)
			sep = " "
		}
	}
	w.WriteByte('\n')
	if err := w.Flush(); err != nil {
		return applet.Perror(err, "write error")
	}
	return nil
}
