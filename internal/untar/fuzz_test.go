package untar

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzExtract extracts arbitrary sequences of entries (names and link
// targets built from "..", "/", ".", absolute paths and a few names,
// over a target that already holds symlinks that point out of it) and
// checks that nothing outside the target changed. Each input line is
// one entry: its first byte picks the kind, then NAME NUL TARGET; the
// input's first byte picks how existing files are replaced.
func FuzzExtract(f *testing.F) {
	f.Add([]byte("\x00\n\x02s\x00../outside\n\x00s/victim\x00pwned"))
	f.Add([]byte("\x01\n\x02s\x00sub\n\x01sub\x00\n\x00s/x\x00y"))
	f.Add([]byte("\x02\n\x03h\x00../outside/victim\n\x03h2\x00pre/victim"))
	f.Add([]byte("\x00\n\x00up/victim\x00x\n\x00pre/victim\x00x\n\x00/abs\x00x"))
	f.Add([]byte("\x00\n\x02a\x00/\n\x01a/b\x00\n\x02c\x00a/../..\n\x00c/victim\x00x"))
	f.Fuzz(func(t *testing.T, in []byte) {
		if len(in) == 0 || len(in) > 4096 {
			return
		}
		e := newEnv(t)
		os.Symlink(e.outside, filepath.Join(e.target, "pre"))
		os.Symlink("../outside", filepath.Join(e.target, "up"))
		x, err := New(Options{Dir: e.target, Replace: Replace(in[0] % 3), Warn: func(string) {}})
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(in[1:]), "\n") {
			if i > 50 || len(line) == 0 {
				continue
			}
			kind := Kind(line[0] % 7)
			name, target, _ := strings.Cut(line[1:], "\x00")
			en := &Entry{Name: []byte(name), Kind: kind, Mode: 0o755, Linkname: []byte(target)}
			body := strings.NewReader("")
			if kind == Regular {
				en.Linkname, en.Size = nil, int64(len(target))
				body = strings.NewReader(target)
			}
			if x.Extract(en, body) != nil {
				break
			}
		}
		x.Close()
		e.outsideUntouched()
	})
}
