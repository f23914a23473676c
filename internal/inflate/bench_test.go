package inflate

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/flate"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	kflate "github.com/klauspost/compress/flate"
)

// Benchmark data: the first 64 MiB of a tar of /usr/lib, and Go's own
// sources, compressed by GNU gzip -1 and -6 when it is installed
// (compress/flate otherwise). Built once per test binary.
var bench struct {
	once sync.Once
	sets []benchSet
}

type benchSet struct {
	name string
	raw  int
	z    []byte // raw DEFLATE
}

func tarOf(dir string, limit int) []byte {
	var b bytes.Buffer
	tw := tar.NewWriter(&b)
	filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || b.Len() >= limit {
			return filepath.SkipDir
		}
		if !e.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		tw.WriteHeader(&tar.Header{Name: p, Mode: 0o644, Size: int64(len(data)), Typeflag: tar.TypeReg})
		tw.Write(data)
		return nil
	})
	tw.Close()
	if b.Len() > limit {
		return b.Bytes()[:limit]
	}
	return b.Bytes()
}

// gnuDeflate compresses with gzip -LEVEL and strips the 10-byte header
// (no name: it reads a pipe) and the 8-byte trailer.
func gnuDeflate(data []byte, level string) ([]byte, string) {
	cmd := exec.Command("gzip", "-c", "-n", level)
	cmd.Stdin = bytes.NewReader(data)
	out, err := cmd.Output()
	if err != nil || len(out) < 18 || out[3] != 0 {
		var b bytes.Buffer
		l := 6
		if level == "-1" {
			l = 1
		}
		w, _ := flate.NewWriter(&b, l)
		w.Write(data)
		w.Close()
		return b.Bytes(), "flate" + level
	}
	return out[10 : len(out)-8], "gzip" + level
}

func benchSets(b *testing.B) []benchSet {
	bench.once.Do(func() {
		lib := tarOf("/usr/lib", 64<<20)
		goroot, _ := exec.Command("go", "env", "GOROOT").Output()
		src := tarOf(filepath.Join(strings.TrimSpace(string(goroot)), "src"), 32<<20)
		for _, d := range []struct {
			name string
			data []byte
		}{{"usrlib", lib}, {"gosrc", src}} {
			for _, l := range []string{"-1", "-6"} {
				z, how := gnuDeflate(d.data, l)
				bench.sets = append(bench.sets, benchSet{d.name + "/" + how, len(d.data), z})
			}
		}
	})
	return bench.sets
}

func BenchmarkInflate(b *testing.B) {
	for _, s := range benchSets(b) {
		b.Run(s.name+"/gobox", func(b *testing.B) {
			b.SetBytes(int64(s.raw))
			var d *Reader
			for i := 0; i < b.N; i++ {
				src := bufio.NewReaderSize(bytes.NewReader(s.z), 64<<10)
				if d == nil {
					d = NewReader(src)
				} else {
					d.Reset(src)
				}
				if n, err := d.WriteTo(io.Discard); err != nil || n != int64(s.raw) {
					b.Fatal(n, err)
				}
			}
		})
		b.Run(s.name+"/flate", func(b *testing.B) {
			b.SetBytes(int64(s.raw))
			for i := 0; i < b.N; i++ {
				src := bufio.NewReaderSize(bytes.NewReader(s.z), 64<<10)
				if n, err := io.Copy(io.Discard, flate.NewReader(src)); err != nil || n != int64(s.raw) {
					b.Fatal(n, err)
				}
			}
		})
		b.Run(s.name+"/klauspost", func(b *testing.B) {
			b.SetBytes(int64(s.raw))
			for i := 0; i < b.N; i++ {
				src := bufio.NewReaderSize(bytes.NewReader(s.z), 64<<10)
				if n, err := io.Copy(io.Discard, kflate.NewReader(src)); err != nil || n != int64(s.raw) {
					b.Fatal(n, err)
				}
			}
		})
	}
}
