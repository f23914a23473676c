package interp

// opt is one shell option (set -e, set -o pipefail...).
type opt uint32

// The options in ash's order: "set -o" lists them so, and $- shows the
// letters in this order.
const (
	optErrexit opt = 1 << iota
	optNoglob
	optIgnoreeof
	optInteractive
	optMonitor
	optNoexec
	optStdin
	optCmdstr
	optXtrace
	optVerbose
	optNoclobber
	optAllexport
	optNotify
	optNounset
	optErrtrace
	optVi
	optPipefail
)

// optInfo names each option: its letter ($-, set -x) and long name
// (set -o NAME; empty for the letters that have none).
var optInfo = [...]struct {
	o      opt
	letter byte
	name   string
}{
	{optErrexit, 'e', "errexit"},
	{optNoglob, 'f', "noglob"},
	{optIgnoreeof, 'I', "ignoreeof"},
	{optInteractive, 'i', ""},
	{optMonitor, 'm', "monitor"},
	{optNoexec, 'n', "noexec"},
	{optStdin, 's', ""},
	{optCmdstr, 'c', ""},
	{optXtrace, 'x', "xtrace"},
	{optVerbose, 'v', "verbose"},
	{optNoclobber, 'C', "noclobber"},
	{optAllexport, 'a', "allexport"},
	{optNotify, 'b', "notify"},
	{optNounset, 'u', "nounset"},
	{optErrtrace, 'E', "errtrace"},
	{optVi, 0, "vi"},
	{optPipefail, 0, "pipefail"},
}

// options is the set of options on.
type options uint32

func (o options) has(x opt) bool { return uint32(o)&uint32(x) != 0 }

func (o *options) set(x opt, on bool) {
	if on {
		*o |= options(x)
	} else {
		*o &^= options(x)
	}
}

// letters returns $-: ash lists the letters last option first.
func (o options) letters() string {
	var b []byte
	for k := len(optInfo) - 1; k >= 0; k-- {
		if i := optInfo[k]; i.letter != 0 && o.has(i.o) {
			b = append(b, i.letter)
		}
	}
	return string(b)
}

// optByLetter finds a settable option by its letter.
func optByLetter(c byte) (opt, bool) {
	for _, i := range optInfo {
		if i.letter == c && i.name != "" {
			return i.o, true
		}
	}
	return 0, false
}

// optByName finds an option by its long name.
func optByName(name string) (opt, bool) {
	for _, i := range optInfo {
		if i.name != "" && i.name == name {
			return i.o, true
		}
	}
	return 0, false
}
