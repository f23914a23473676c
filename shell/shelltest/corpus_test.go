package shelltest

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// A corpus file is testdata/TOPIC.cases. Lines before its first case are
// its header: '#' comments, and "#| key: value" lines that give every case
// of the file a default (setup, env, flags, mode, timeout). A case starts
// with a line "#### NAME", may go on with "#| key: value" lines, and its
// script is everything up to the next "####" line (blank lines at its end
// dropped). Keys:
//
//	stdin: TEXT        standard input, with Go's escapes (\n, \t, \\); without
//	                   it the shell reads /dev/null
//	args: WORDS        arguments after the script ($1...); '...' quotes
//	flags: WORDS       options before the script: "sh FLAGS SCRIPT ARGS"
//	mode: file|c|stdin how the script reaches the shell: "sh FLAGS /c/N/s
//	                   ARGS" (file, the default), "sh FLAGS -c SCRIPT ARGS"
//	                   (the first of ARGS is $0), or "sh FLAGS -s ARGS"
//	                   with the script on standard input
//	setup: CMD         run by Alpine's BusyBox sh in the working directory
//	                   before the case (for fixtures such as files to glob)
//	env: K=V...        more environment (the base is fixed: see baseEnv)
//	timeout: SECONDS   default 5
//	expect-diff: WHY   the shells are known to differ here, for a reason
//	                   (a deliberate difference, documented); the test fails
//	                   when they stop differing, so the marks stay true
type shCase struct {
	topic, name string
	file        string
	line        int
	script      string
	stdin       *string
	args, flags []string
	mode        string
	setup       string
	env         []string
	timeout     int
	expectDiff  string
}

// id is how a case is named everywhere: TOPIC/NAME.
func (c *shCase) id() string { return c.topic + "/" + c.name }

// loadCorpus reads every testdata/*.cases file.
func loadCorpus(dir string) ([]*shCase, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.cases"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no %s/*.cases", dir)
	}
	sort.Strings(files)
	var all []*shCase
	seen := map[string]string{}
	for _, f := range files {
		cs, err := parseCases(f)
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			where := fmt.Sprintf("%s:%d", c.file, c.line)
			if prev, ok := seen[c.id()]; ok {
				return nil, fmt.Errorf("%s: case %s is also at %s", where, c.id(), prev)
			}
			seen[c.id()] = where
		}
		all = append(all, cs...)
	}
	return all, nil
}

// parseCases reads one corpus file.
func parseCases(path string) ([]*shCase, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	topic := strings.TrimSuffix(filepath.Base(path), ".cases")
	defaults := &shCase{topic: topic, file: path, mode: "file", timeout: 5}
	var cases []*shCase
	var cur *shCase
	var body []string
	inBody := false
	finish := func() {
		if cur == nil {
			return
		}
		for len(body) > 0 && strings.TrimSpace(body[len(body)-1]) == "" {
			body = body[:len(body)-1]
		}
		cur.script = strings.Join(body, "\n") + "\n"
		cases = append(cases, cur)
		cur, body, inBody = nil, nil, false
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		bad := func(format string, a ...any) error {
			return fmt.Errorf("%s:%d: %s", path, n, fmt.Sprintf(format, a...))
		}
		if name, ok := strings.CutPrefix(line, "####"); ok {
			finish()
			name = strings.TrimSpace(name)
			if !validName(name) {
				return nil, bad("case name %q: want letters, digits, '-', '_', '.'", name)
			}
			c := *defaults
			c.name, c.line = name, n
			c.args = append([]string(nil), defaults.args...)
			c.flags = append([]string(nil), defaults.flags...)
			c.env = append([]string(nil), defaults.env...)
			cur = &c
			continue
		}
		if kv, ok := strings.CutPrefix(line, "#|"); ok && !inBody {
			target := cur
			if target == nil {
				target = defaults
			}
			key, val, ok := strings.Cut(kv, ":")
			if !ok {
				return nil, bad("directive without ':': %q", line)
			}
			if err := target.set(strings.TrimSpace(key), strings.TrimSpace(val), cur == nil); err != nil {
				return nil, bad("%v", err)
			}
			continue
		}
		if cur == nil {
			if strings.TrimSpace(line) != "" && !strings.HasPrefix(line, "#") {
				return nil, bad("text before the first case: %q", line)
			}
			continue
		}
		inBody = true
		body = append(body, line)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	finish()
	for _, c := range cases {
		if c.mode == "stdin" && c.stdin != nil {
			return nil, fmt.Errorf("%s:%d: mode stdin reads the script from standard input: no stdin: too", path, c.line)
		}
		if strings.TrimSpace(c.script) == "" {
			return nil, fmt.Errorf("%s:%d: case %s has no script", path, c.line, c.name)
		}
	}
	return cases, nil
}

// set applies one "key: value" directive; header tells a file's defaults.
func (c *shCase) set(key, val string, header bool) error {
	switch key {
	case "stdin":
		s, err := strconv.Unquote(`"` + strings.ReplaceAll(val, `"`, `\"`) + `"`)
		if err != nil {
			return fmt.Errorf("bad stdin escapes: %v", err)
		}
		c.stdin = &s
	case "args", "flags":
		w, err := splitWords(val)
		if err != nil {
			return err
		}
		if key == "args" {
			c.args = w
		} else {
			c.flags = w
		}
	case "mode":
		if val != "file" && val != "c" && val != "stdin" {
			return fmt.Errorf("mode %q: want file, c or stdin", val)
		}
		c.mode = val
	case "setup":
		c.setup = val
	case "env":
		w, err := splitWords(val)
		if err != nil {
			return err
		}
		for _, kv := range w {
			if !strings.Contains(kv, "=") {
				return fmt.Errorf("env %q: want NAME=VALUE", kv)
			}
		}
		c.env = append(c.env, w...)
	case "timeout":
		n, err := strconv.Atoi(val)
		if err != nil || n <= 0 || n > 60 {
			return fmt.Errorf("timeout %q: want 1 to 60 seconds", val)
		}
		c.timeout = n
	case "expect-diff":
		if header {
			return fmt.Errorf("expect-diff belongs to a case, not a file")
		}
		if val == "" {
			return fmt.Errorf("expect-diff needs a reason")
		}
		c.expectDiff = val
	default:
		return fmt.Errorf("unknown directive %q", key)
	}
	return nil
}

// splitWords splits s at blanks; '...' quotes blanks.
func splitWords(s string) ([]string, error) {
	var words []string
	var w strings.Builder
	in, quoted := false, false
	for _, r := range s {
		switch {
		case r == '\'':
			quoted, in = !quoted, true
		case (r == ' ' || r == '\t') && !quoted:
			if in {
				words = append(words, w.String())
				w.Reset()
				in = false
			}
		default:
			w.WriteRune(r)
			in = true
		}
	}
	if quoted {
		return nil, fmt.Errorf("unterminated quote in %q", s)
	}
	if in {
		words = append(words, w.String())
	}
	return words, nil
}

func validName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return false
		}
	}
	return true
}

// job is what a runner does to run c in the directory dir of a root.
func (c *shCase) job(dir string) job {
	j := job{Dir: dir, Script: c.script, Stdin: c.stdin, Setup: c.setup, Argv: c.argv(dir + "/s"),
		Env: append(append([]string{}, baseEnv...), c.env...), Timeout: c.timeout}
	if c.mode == "stdin" {
		s := c.script
		j.Stdin = &s
	}
	return j
}

// argv is the shell's argv for c, whose script is at script.
func (c *shCase) argv(script string) []string {
	argv := append([]string{"sh"}, c.flags...)
	switch c.mode {
	case "c":
		argv = append(argv, "-c", c.script)
	case "stdin":
		argv = append(argv, "-s")
	default:
		argv = append(argv, script)
	}
	return append(argv, c.args...)
}
