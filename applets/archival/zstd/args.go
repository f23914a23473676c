package zstd

import (
	"strconv"
	"strings"

	"gobox/internal/applet"
)

// mode is what a run does with each input.
type mode int

const (
	compress mode = iota
	decompress
	test
)

// options are a run's options, as the Zstandard CLI reads them.
type options struct {
	mode      mode
	out       string // -o FILE; stdoutName for -c; "" for the default
	force     bool
	rm        bool
	display   int // 2 by default; -q lowers it, -v raises it
	level     int
	ultra     bool
	threads   int    // -T#: 0 one per CPU
	maxWindow uint64 // -M#: 0 the default
	noCheck   bool
	version   bool
	help      bool
	files     []string
	warnings  []string // said before any work, at display level 2
}

// The names zstd shows for standard input and output.
const (
	stdinName  = "/*stdin*\\"
	stdoutName = "/*stdout*\\"
)

// errParams is the CLI's answer to an option it does not know.
func errParams() error { return &applet.UsageError{Msg: "Incorrect parameters"} }

// parseArgs reads the arguments as zstd's CLI does: short options bundle
// ("-d19c"), digits make the level, -T and -M take attached numbers, -o
// the next argument (or "=FILE"), and options and files mix until "--".
func parseArgs(args []string, m mode) (*options, error) {
	o := &options{mode: m, display: 2, level: 3, threads: 1}
	dashdash := false
	for i := 0; i < len(args); i++ {
		a := args[i]
		if dashdash || a == "-" || len(a) < 2 || a[0] != '-' {
			o.files = append(o.files, a)
			continue
		}
		if a == "--" {
			dashdash = true
			continue
		}
		if strings.HasPrefix(a, "--") {
			if err := o.long(a[2:]); err != nil {
				return nil, err
			}
			continue
		}
		for k := 1; k < len(a); {
			c := a[k]
			k++
			switch {
			case c >= '0' && c <= '9':
				n, used := number(a[k-1:])
				k += used - 1
				o.level = n
				continue
			}
			switch c {
			case 'd':
				o.mode = decompress
			case 'z':
				o.mode = compress
			case 't':
				o.mode = test
			case 'c':
				o.out = stdoutName
			case 'f':
				o.force = true
			case 'k':
				o.rm = false
			case 'q':
				o.display--
			case 'v':
				o.display++
			case 'C':
				o.noCheck = false
			case 'V':
				o.version = true
			case 'h', 'H':
				o.help = true
			case 'T', 'M':
				n, used := number(a[k:])
				if used == 0 {
					return nil, errParams()
				}
				k += used
				if c == 'T' {
					o.threads = n
				} else {
					o.maxWindow = scaled(uint64(n), a[k:], &k)
				}
			case 'o':
				if k < len(a) && a[k] == '=' {
					o.out, k = a[k+1:], len(a)
					break
				}
				if i+1 >= len(args) {
					return nil, applet.Errorf("error: missing command argument")
				}
				if strings.HasPrefix(args[i+1], "-") {
					return nil, applet.Errorf("error: command cannot be separated from its argument by another command")
				}
				i++
				o.out = args[i]
			default:
				return nil, errParams()
			}
		}
	}
	o.checkLevel()
	return o, nil
}

// long reads one long option (without its "--").
func (o *options) long(a string) error {
	name, val, hasVal := strings.Cut(a, "=")
	switch name {
	case "decompress", "uncompress":
		o.mode = decompress
	case "compress":
		o.mode = compress
	case "test":
		o.mode = test
	case "stdout":
		o.out = stdoutName
	case "force":
		o.force = true
	case "keep":
		o.rm = false
	case "rm":
		o.rm = true
	case "quiet":
		o.display--
	case "verbose":
		o.display++
	case "check":
		o.noCheck = false
	case "no-check":
		o.noCheck = true
	case "ultra":
		o.ultra = true
	case "fast":
		// Negative levels are faster than 1; the encoder's fastest is 1.
		o.level = 1
		if hasVal {
			if _, used := number(val); used != len(val) || used == 0 {
				return errParams()
			}
		}
		return nil
	case "threads", "memory":
		n, used := number(val)
		if !hasVal || used == 0 {
			return errParams()
		}
		if name == "threads" {
			if used != len(val) {
				return errParams()
			}
			o.threads = n
			return nil
		}
		k := used
		o.maxWindow = scaled(uint64(n), val[used:], &k)
		if k != len(val) {
			return errParams()
		}
		return nil
	case "version":
		o.version = true
	case "help":
		o.help = true
	case "progress", "no-progress":
	case "format":
		if val != "zstd" {
			return errParams()
		}
		return nil
	default:
		return errParams()
	}
	if hasVal {
		return errParams()
	}
	return nil
}

// checkLevel applies the CLI's bounds: 19 at most, 22 with --ultra.
func (o *options) checkLevel() {
	top := 19
	if o.ultra {
		top = 22
	}
	if o.level > top {
		if o.display >= 2 {
			o.warnings = append(o.warnings, "Warning : compression level higher than max, reduced to "+strconv.Itoa(top)+" ")
		}
		o.level = top
	}
	if o.level == 0 {
		o.level = 3
	}
}

// number reads the decimal digits at the start of s: their value (capped)
// and how many there were.
func number(s string) (int, int) {
	n, i := 0, 0
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		if n < 1<<30 {
			n = n*10 + int(s[i]-'0')
		}
	}
	return n, i
}

// scaled applies a K/KB/KiB or M/MB/MiB suffix at the start of rest,
// advancing *k past it.
func scaled(n uint64, rest string, k *int) uint64 {
	if rest == "" {
		return n
	}
	shift := 0
	switch rest[0] {
	case 'K':
		shift = 10
	case 'M':
		shift = 20
	default:
		return n
	}
	*k++
	rest = rest[1:]
	if strings.HasPrefix(rest, "iB") {
		*k += 2
	} else if strings.HasPrefix(rest, "B") {
		*k++
	}
	return n << shift
}
