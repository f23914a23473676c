// Command mkdata makes the data of the memory benchmark (scripts/bench/mem.sh):
//
//	mkdata tree DIR DIRS FILES   DIRS directories of FILES small files each,
//	                             two levels deep, with a symlink per directory
//	mkdata lines FILE BYTES      text lines (a log's), BYTES long in all
//	mkdata append FILE LINES     appends LINES log lines to FILE in small
//	                             batches, as a busy log grows, then a last
//	                             line "END"; the tail -f workload
//
// Each writes what is asked and nothing else; the output is the same on
// every run.
package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "mkdata:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	want := map[string]int{"tree": 4, "lines": 3, "append": 3}
	if len(args) == 0 || want[args[0]] != len(args) {
		return fmt.Errorf("usage: mkdata tree DIR DIRS FILES | lines FILE BYTES | append FILE LINES")
	}
	a, err := strconv.ParseInt(args[2], 10, 64)
	if err != nil {
		return err
	}
	switch args[0] {
	case "tree":
		b, err := strconv.Atoi(args[3])
		if err != nil {
			return err
		}
		return tree(args[1], int(a), b)
	case "lines":
		return lines(args[1], a)
	case "append":
		return appendLog(args[1], int(a))
	}
	return fmt.Errorf("unknown command %q", args[0])
}

// logLine is line n of the generated logs: about 80 bytes, syslog-like.
func logLine(b []byte, n int64) []byte {
	b = fmt.Appendf(b, "Jan %2d %02d:%02d:%02d host daemon[%d]: request %d served in %d us from 10.0.%d.%d\n",
		1+n/86400%28, n/3600%24, n/60%60, n%60, 1000+n%977, n, n*7919%100000, n/256%256, n%256)
	return b
}

// tree makes dirs directories, in groups of 100 under top-level ones, each
// with files files of a few bytes and one symlink.
func tree(dir string, dirs, files int) error {
	var buf []byte
	for d := range dirs {
		sub := filepath.Join(dir, fmt.Sprintf("g%03d", d/100), fmt.Sprintf("d%05d", d))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			return err
		}
		for f := range files {
			buf = logLine(buf[:0], int64(d*files+f))
			if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("f%04d", f)), buf, 0o644); err != nil {
				return err
			}
		}
		if err := os.Symlink("f0000", filepath.Join(sub, "link")); err != nil {
			return err
		}
	}
	return nil
}

// lines writes size bytes of log lines to name.
func lines(name string, size int64) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	var buf []byte
	for n, left := int64(0), size; left > 0; n++ {
		buf = logLine(buf[:0], n)
		if int64(len(buf)) > left {
			buf = buf[:left]
			buf[len(buf)-1] = '\n'
		}
		w.Write(buf)
		left -= int64(len(buf))
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// appendLog appends count lines to name in batches of 100, a few
// milliseconds apart, so that a follower reads many times; then "END".
func appendLog(name string, count int) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	var buf []byte
	for n := range count {
		buf = logLine(buf, int64(n))
		if (n+1)%100 == 0 || n == count-1 {
			if _, err := f.Write(buf); err != nil {
				f.Close()
				return err
			}
			buf = buf[:0]
			time.Sleep(2 * time.Millisecond)
		}
	}
	if _, err := f.WriteString("END\n"); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
