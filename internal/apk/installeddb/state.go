package installeddb

import (
	"bufio"
	"bytes"
	"io"
	"sort"
	"strings"

	"gobox/internal/apk/apktar"
)

// MaxScript caps one script read from scripts.tar.
const MaxScript = 16 << 20

// Script is one entry of scripts.tar.
type Script struct {
	Name     string // the package's name-version
	Identity string // its Q1 checksum
	Type     string // "post-install", ...
	ModTime  int64
	Data     []byte
}

// EntryName returns the tar entry name: <name-version>.<identity>.<type>.
func (s *Script) EntryName() string { return s.Name + "." + s.Identity + "." + s.Type }

// ScriptTypes are the script types in the order apk writes them per
// package.
func ScriptTypes() []string {
	return []string{"pre-install", "post-install", "pre-deinstall", "post-deinstall", "pre-upgrade", "post-upgrade", "trigger"}
}

// ParseScripts reads scripts.tar. Entries whose names do not split into
// name, identity and type are skipped, as apk skips them.
func ParseScripts(r io.Reader) ([]*Script, error) {
	var out []*Script
	tr := apktar.NewReader(r)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		i := strings.LastIndexByte(h.Name, '.')
		if i < 0 {
			continue
		}
		j := strings.LastIndexByte(h.Name[:i], '.')
		if j < 0 || h.Type != apktar.TypeReg {
			continue
		}
		data, err := tr.ReadAll(MaxScript)
		if err != nil {
			return nil, err
		}
		out = append(out, &Script{Name: h.Name[:j], Identity: h.Name[j+1 : i], Type: h.Name[i+1:], ModTime: h.ModTime, Data: data})
	}
}

// WriteScripts writes scripts.tar: mode 0755 entries owned by root,
// GNU headers, two zero blocks at the end.
func WriteScripts(w io.Writer, scripts []*Script) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	tw := apktar.NewWriter(bw)
	for _, s := range scripts {
		if err := tw.WriteFile(s.EntryName(), 0755, s.ModTime, s.Data); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return bw.Flush()
}

// Trigger is one line of lib/apk/db/triggers.
type Trigger struct {
	Identity string
	Globs    []string
}

// ParseTriggers reads lib/apk/db/triggers.
func ParseTriggers(data []byte) []Trigger {
	var out []Trigger
	for _, line := range bytes.Split(data, []byte("\n")) {
		f := strings.Fields(string(line))
		if len(f) == 0 {
			continue
		}
		out = append(out, Trigger{Identity: f[0], Globs: f[1:]})
	}
	return out
}

// WriteTriggers writes lib/apk/db/triggers.
func WriteTriggers(w io.Writer, trig []Trigger) error {
	var b bytes.Buffer
	for _, t := range trig {
		b.WriteString(t.Identity)
		for _, g := range t.Globs {
			b.WriteByte(' ')
			b.WriteString(g)
		}
		b.WriteByte('\n')
	}
	_, err := w.Write(b.Bytes())
	return err
}

// ParseWorld reads etc/apk/world: dependencies separated by spaces and
// newlines.
func ParseWorld(data []byte) []string {
	var out []string
	for _, f := range bytes.FieldsFunc(data, func(r rune) bool { return r == ' ' || r == '\n' }) {
		out = append(out, string(f))
	}
	return out
}

// WriteWorld writes etc/apk/world: the entries sorted by name (without
// case, then bytewise), one per line.
func WriteWorld(w io.Writer, world []string) error {
	s := append([]string(nil), world...)
	sort.SliceStable(s, func(i, j int) bool {
		a, b := worldName(s[i]), worldName(s[j])
		if la, lb := strings.ToLower(a), strings.ToLower(b); la != lb {
			return la < lb
		}
		return a < b
	})
	var b bytes.Buffer
	for _, e := range s {
		b.WriteString(e)
		b.WriteByte('\n')
	}
	_, err := w.Write(b.Bytes())
	return err
}

// worldName is the name part of a world entry.
func worldName(dep string) string {
	dep = strings.TrimPrefix(dep, "!")
	if i := strings.IndexAny(dep, "@<>=~"); i >= 0 {
		return dep[:i]
	}
	return dep
}
