package regex

import (
	"bytes"
	"flag"
	"math/rand"
	"os"
	"regexp"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// cpuMeter reports the benchmark's throughput in CPU time of its thread
// as "cpu-MB/s": wall time means little on a shared, loaded machine.
type cpuMeter struct {
	b     *testing.B
	start time.Duration
}

func threadCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(1, &ru) // RUSAGE_THREAD
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func startCPU(b *testing.B) *cpuMeter {
	runtime.LockOSThread()
	b.ResetTimer()
	return &cpuMeter{b: b, start: threadCPU()}
}

func (m *cpuMeter) stop(bytes int) {
	d := threadCPU() - m.start
	runtime.UnlockOSThread()
	if d > 0 {
		m.b.ReportMetric(float64(bytes)*float64(m.b.N)/d.Seconds()/1e6, "cpu-MB/s")
	}
}

// benchTextFile, when set, has TestWriteBenchText write the benchmarks'
// text there, to time other tools on the same input, e.g. Alpine's
// BusyBox (CPU time, since the machine may be shared):
//
//	go test ./internal/regex -run TestWriteBenchText -bench.text=/tmp/bench.txt
//	/usr/bin/time -f %U+%S chroot ALPINE busybox grep -c 'RE' /tmp/bench.txt
var benchTextFile = flag.String("bench.text", "", "write the benchmarks' text to this file")

func TestWriteBenchText(t *testing.T) {
	if *benchTextFile == "" {
		t.Skip("no -bench.text=FILE")
	}
	if err := os.WriteFile(*benchTextFile, bytes.Join(benchText(), []byte("\n")), 0o644); err != nil {
		t.Fatal(err)
	}
}

// benchText is about 4 MB of lines of words, the kind of text grep and
// sed spend their time on.
func benchText() [][]byte {
	words := []string{"the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "running",
		"walking", "Hello", "world", "status", "error", "warning", "info", "debug", "value=42",
		"user@example.com", "2024-06-10", "12:34:56", "path/to/file.go", "aa", "bb", "letter", "book"}
	r := rand.New(rand.NewSource(1))
	var b bytes.Buffer
	for b.Len() < 4<<20 {
		n := 3 + r.Intn(12)
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[r.Intn(len(words))])
		}
		b.WriteByte('\n')
	}
	return bytes.Split(b.Bytes(), []byte("\n"))
}

var benchPatterns = []struct {
	name  string
	pat   string
	flags Flags
}{
	{"literal", `warning`, 0},
	{"literal-rare", `zebra`, 0},
	{"class", `[0-9]\{2\}:[0-9]\{2\}`, 0},
	{"suffix", `[a-z]*ing\>`, 0},
	{"icase", `hello`, ICase},
	{"alternation", `error|warning|debug`, Extended},
	{"anchored", `^the`, 0},
	{"backref", `\([a-z]\)\1`, 0},
	{"backref-rare", `\(bo\)\1`, 0},
	{"dot-star", `status.*value`, 0},
	{"words", `[aeiou][a-z]*`, 0},
	{"group", `\([a-z]*\)=\([0-9]*\)`, 0},
}

// BenchmarkMatch is grep's inner loop: does each line match.
func BenchmarkMatch(b *testing.B) {
	lines := benchText()
	size := 0
	for _, l := range lines {
		size += len(l) + 1
	}
	for _, p := range benchPatterns {
		re := MustCompile(p.pat, p.flags|NoSub)
		b.Run(p.name, func(b *testing.B) {
			b.SetBytes(int64(size))
			m := startCPU(b)
			defer m.stop(size)
			for i := 0; i < b.N; i++ {
				for _, l := range lines {
					re.Match(l)
				}
			}
		})
	}
}

// BenchmarkGoRegexp is the same loop with Go's regexp on the same
// pattern in Go's syntax (where it has one), for comparison.
func BenchmarkGoRegexp(b *testing.B) {
	lines := benchText()
	size := 0
	for _, l := range lines {
		size += len(l) + 1
	}
	for _, p := range benchPatterns {
		re := MustCompile(p.pat, p.flags)
		s, ok := goSyntax(re.tree, goOpts{icase: p.flags&ICase != 0})
		if !ok {
			continue
		}
		g := regexp.MustCompile(s)
		b.Run(p.name, func(b *testing.B) {
			b.SetBytes(int64(size))
			m := startCPU(b)
			defer m.stop(size)
			for i := 0; i < b.N; i++ {
				for _, l := range lines {
					g.Match(l)
				}
			}
		})
	}
}

// BenchmarkFind is sed's s///g inner loop: every match of each line with
// its subexpressions.
func BenchmarkFind(b *testing.B) {
	lines := benchText()
	size := 0
	for _, l := range lines {
		size += len(l) + 1
	}
	for _, p := range benchPatterns {
		re := MustCompile(p.pat, p.flags)
		b.Run(p.name, func(b *testing.B) {
			b.SetBytes(int64(size))
			m := startCPU(b)
			defer m.stop(size)
			for i := 0; i < b.N; i++ {
				for _, l := range lines {
					notBOL := false
					for len(l) > 0 {
						loc := re.FindSubmatchIndex(l, notBOL)
						if loc == nil {
							break
						}
						end := loc[1]
						if end == loc[0] {
							end++
						}
						l, notBOL = l[end:], true
					}
				}
			}
		})
	}
}

func BenchmarkCompile(b *testing.B) {
	pats := append(benchPatterns[:len(benchPatterns):len(benchPatterns)],
		struct {
			name  string
			pat   string
			flags Flags
		}{"alpha", `[[:alpha:]]+`, 0},
		struct {
			name  string
			pat   string
			flags Flags
		}{"word-icase", `\w+x`, ICase})
	for _, p := range pats {
		b.Run(p.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				MustCompile(p.pat, p.flags)
			}
		})
	}
}

// BenchmarkBuffer is grep's search of a whole buffer with Newline: find
// the first match, go on after its line.
func BenchmarkBuffer(b *testing.B) {
	buf := bytes.Join(benchText(), []byte("\n"))
	for _, p := range benchPatterns {
		re := MustCompile(p.pat, p.flags|Newline|NoSub)
		b.Run(p.name, func(b *testing.B) {
			b.SetBytes(int64(len(buf)))
			m := startCPU(b)
			defer m.stop(len(buf))
			for i := 0; i < b.N; i++ {
				rest := buf
				for {
					loc := re.FindSubmatchIndex(rest, false)
					if loc == nil {
						break
					}
					nl := bytes.IndexByte(rest[loc[1]:], '\n')
					if nl < 0 {
						break
					}
					rest = rest[loc[1]+nl+1:]
				}
			}
		})
	}
}

// BenchmarkFindLine is the same search with FindLine, which needs no
// positions.
func BenchmarkFindLine(b *testing.B) {
	buf := bytes.Join(benchText(), []byte("\n"))
	for _, p := range benchPatterns {
		re := MustCompile(p.pat, p.flags|Newline|NoSub)
		b.Run(p.name, func(b *testing.B) {
			b.SetBytes(int64(len(buf)))
			m := startCPU(b)
			defer m.stop(len(buf))
			for i := 0; i < b.N; i++ {
				rest := buf
				for {
					_, e := re.FindLine(rest)
					if e < 0 || e == len(rest) {
						break
					}
					rest = rest[e+1:]
				}
			}
		})
	}
}

// abText is about 4 MB of random a and b in lines of about 100: text on
// which the DFA of (a|b)*a(a|b){16}c has more states than its cache
// holds, so that it gives up.
func abText() [][]byte {
	r := rand.New(rand.NewSource(2))
	var b bytes.Buffer
	for b.Len() < 4<<20 {
		for n := 60 + r.Intn(80); n > 0; n-- {
			b.WriteByte("ab"[r.Intn(2)])
		}
		b.WriteByte('\n')
	}
	return bytes.Split(b.Bytes(), []byte("\n"))
}

// fallbackPatterns take the engines' slow paths: a DFA with exponentially
// many states (it gives up, and the backtracker searches each line or the
// Pike VM a long text), and a text too long for the backtracker's set of
// explored states (one line of 4 MB: subexpressions from the Pike VM).
var fallbackPatterns = []struct {
	name  string
	pat   string
	flags Flags
	text  func() [][]byte
}{
	{"blowup", `(a|b)*a(a|b){16}c`, Extended, abText},
	{"blowup-group", `(b+)a(a|b){16}$`, Extended | Newline, abText},
	{"longline-group", `([0-9]+):([0-9]+)`, Extended, benchText},
	{"longline-alt", `(error|warning) (info|debug)`, Extended, benchText},
}

// BenchmarkFallback is grep (Match per line) and sed on one long line
// (every match in the 4 MB text, lines joined, with its subexpressions)
// on those.
func BenchmarkFallback(b *testing.B) {
	for _, p := range fallbackPatterns {
		lines := p.text()
		buf := bytes.Join(lines, []byte(" "))
		if p.flags&Newline != 0 {
			buf = bytes.Join(lines, []byte("\n"))
		}
		re := MustCompile(p.pat, p.flags)
		b.Run(p.name+"/match", func(b *testing.B) {
			b.SetBytes(int64(len(buf)))
			m := startCPU(b)
			defer m.stop(len(buf))
			for i := 0; i < b.N; i++ {
				for _, l := range lines {
					re.Match(l)
				}
			}
		})
		b.Run(p.name+"/find", func(b *testing.B) {
			b.SetBytes(int64(len(buf)))
			m := startCPU(b)
			defer m.stop(len(buf))
			for i := 0; i < b.N; i++ {
				rest, notBOL := buf, false
				for len(rest) > 0 {
					loc := re.FindSubmatchIndex(rest, notBOL)
					if loc == nil {
						break
					}
					end := max(loc[1], loc[0]+1)
					rest, notBOL = rest[end:], true
				}
			}
		})
	}
}
