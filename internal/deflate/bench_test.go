package deflate

import (
	"bytes"
	"compress/flate"
	"io"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"testing"
)

// Benchmark data: 32 MiB of log text (mem.sh's big.txt when it is
// there, else made up) and the first 32 MiB of the test binary itself
// (machine code and tables), loaded once per test binary.
var benchData struct {
	once       sync.Once
	text, bin  []byte
	textSource string
}

const benchSize = 32 << 20

func loadBench(tb testing.TB) {
	benchData.once.Do(func() {
		benchData.text, benchData.textSource = readPrefix("/tmp/gobox-bench/mem/data/big.txt", benchSize), "big.txt"
		if benchData.text == nil {
			benchData.text, benchData.textSource = text(benchSize), "generated"
		}
		exe, _ := os.Executable()
		benchData.bin = readPrefix(exe, benchSize)
	})
}

func readPrefix(name string, n int) []byte {
	f, err := os.Open(name)
	if err != nil {
		return nil
	}
	defer f.Close()
	b := make([]byte, n)
	k, _ := io.ReadFull(f, b)
	if k == 0 {
		return nil
	}
	return b[:k]
}

func benchSets(tb testing.TB) []struct {
	name string
	data []byte
} {
	loadBench(tb)
	return []struct {
		name string
		data []byte
	}{{"text", benchData.text}, {"bin", benchData.bin}}
}

// BenchmarkCompress: ours beside compress/flate, at levels 1, 6 and 9.
func BenchmarkCompress(b *testing.B) {
	for _, set := range benchSets(b) {
		for _, level := range []int{1, 6, 9} {
			name := set.name + "/" + strconv.Itoa(level)
			b.Run(name+"/ours", func(b *testing.B) {
				c, _ := New(level)
				var out []byte
				b.SetBytes(int64(len(set.data)))
				for b.Loop() {
					c.Reset(nil)
					out = c.Close(c.Append(out[:0], set.data))
				}
				b.ReportMetric(float64(len(out))/float64(len(set.data))*100, "%size")
			})
			b.Run(name+"/flate", func(b *testing.B) {
				var out bytes.Buffer
				fw, _ := flate.NewWriter(&out, level)
				b.SetBytes(int64(len(set.data)))
				for b.Loop() {
					out.Reset()
					fw.Reset(&out)
					fw.Write(set.data)
					fw.Close()
				}
				b.ReportMetric(float64(out.Len())/float64(len(set.data))*100, "%size")
			})
		}
	}
}

// TestRatioGNU: at every level the output is within about 1% of GNU
// gzip's size on text and binary (zlib's algorithm and parameters),
// when gzip is installed.
func TestRatioGNU(t *testing.T) {
	gz, err := exec.LookPath("gzip")
	if err != nil {
		t.Skip("no GNU gzip")
	}
	if testing.Short() {
		t.Skip("short")
	}
	for _, set := range benchSets(t) {
		data := set.data[:min(len(set.data), 2<<20)]
		for level := 1; level <= 9; level++ {
			cmd := exec.Command(gz, "-c", "-"+strconv.Itoa(level))
			cmd.Stdin = bytes.NewReader(data)
			gnu, err := cmd.Output()
			if err != nil {
				t.Fatal(err)
			}
			ours := compress(t, level, nil, data, len(data))
			gnuLen := len(gnu) - 18 // header and trailer
			ratio := float64(len(ours)) / float64(gnuLen)
			t.Logf("%s level %d: ours %d, GNU %d (%.4f)", set.name, level, len(ours), gnuLen, ratio)
			// The 4-byte hash of levels 1-6 gives up some 3-byte
			// matches: up to 1.1% on Go's machine code.
			if ratio > 1.015 {
				t.Errorf("%s level %d: %d bytes, GNU gzip %d", set.name, level, len(ours), gnuLen)
			}
		}
	}
}

// BenchmarkReset: priming a compressor with a 32 KiB dictionary, what
// gzipio pays per block.
func BenchmarkReset(b *testing.B) {
	loadBench(b)
	c, _ := New(6)
	dict := benchData.text[:wsize]
	b.SetBytes(wsize)
	for b.Loop() {
		c.Reset(dict)
	}
}
