package applet

import (
	"os"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// TestTune checks the runtime settings Main gives an applet that has the
// process to itself: GOGC 25 at once, and one P after the first garbage
// collection; the user's GOMAXPROCS or GOGC in the environment wins, a
// Parallel applet keeps its Ps (but gets GOGC 25), and an applet run
// in-process changes nothing.
func TestTune(t *testing.T) {
	// The cases set the variables they are about; the test's own
	// environment must not (t.Setenv restores it afterwards).
	for _, k := range []string{"GOMAXPROCS", "GOGC"} {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
	procs, gc := runtime.GOMAXPROCS(0), debug.SetGCPercent(100)
	t.Cleanup(func() {
		runtime.GOMAXPROCS(procs)
		debug.SetGCPercent(gc)
	})
	var before, gotGC int
	probe := func(parallel bool) *Applet {
		return &Applet{Name: "zz-tune", Parallel: parallel, Main: func(*Ctx, []string) error {
			before = runtime.GOMAXPROCS(0)
			gotGC = debug.SetGCPercent(-1)
			debug.SetGCPercent(gotGC)
			return nil
		}}
	}
	for _, tt := range []struct {
		name      string
		env       map[string]string
		parallel  bool
		inProcess bool
		procs, gc int // GOMAXPROCS after a collection, GOGC
	}{
		{name: "by argv[0]", procs: 1, gc: gcPercent},
		{name: "GOMAXPROCS set", env: map[string]string{"GOMAXPROCS": "3"}, procs: 3, gc: gcPercent},
		{name: "GOGC set", env: map[string]string{"GOGC": "80"}, procs: 1, gc: 100},
		{name: "both set", env: map[string]string{"GOMAXPROCS": "3", "GOGC": "off"}, procs: 3, gc: 100},
		{name: "Parallel", parallel: true, procs: 3, gc: gcPercent},
		{name: "Parallel, GOGC set", parallel: true, env: map[string]string{"GOGC": "80"}, procs: 3, gc: 100},
		{name: "in-process", inProcess: true, procs: 3, gc: 100},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			// A collection now, so that none comes while the probe
			// runs (the heap is far from its goal): one would run
			// tune's cleanup and take GOMAXPROCS to 1 before it is
			// read.
			runtime.GC()
			// What the runtime would have made of the environment;
			// tune must leave it or replace it.
			runtime.GOMAXPROCS(3)
			debug.SetGCPercent(100)
			a := probe(tt.parallel)
			var code int
			if tt.inProcess {
				code = Run(&Ctx{}, a, nil)
			} else {
				code = Main(Table{a}, []string{"/bin/zz-tune"})
			}
			if code != 0 || before != 3 || gotGC != tt.gc {
				t.Errorf("status %d, GOMAXPROCS %d, GOGC %d while it ran; want 0, 3 (until a collection), %d", code, before, gotGC, tt.gc)
			}
			if got := procsAfterGC(); got != tt.procs {
				t.Errorf("GOMAXPROCS %d after a collection, want %d", got, tt.procs)
			}
		})
	}
}

// procsAfterGC returns GOMAXPROCS after collections have run the
// cleanups of objects that were unreachable before it was called: two
// rounds of a collection and a cleanup of its own seen to run.
func procsAfterGC() int {
	for range 2 {
		done := make(chan struct{})
		runtime.AddCleanup(new([2]*byte), func(c chan struct{}) { close(c) }, done)
		for waiting := true; waiting; {
			runtime.GC()
			select {
			case <-done:
				waiting = false
			case <-time.After(10 * time.Millisecond):
			}
		}
	}
	return runtime.GOMAXPROCS(0)
}
