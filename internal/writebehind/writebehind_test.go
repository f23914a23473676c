package writebehind

import (
	"errors"
	"testing"
)

// TestOrder: functions run in the order queued, all of them, and Close
// returns once they have.
func TestOrder(t *testing.T) {
	q := New(2)
	var got []int
	for i := range 100 {
		if !q.Do(func() error { got = append(got, i); return nil }) {
			t.Fatalf("Do %d refused", i)
		}
	}
	if err := q.Close(); err != nil || len(got) != 100 {
		t.Fatalf("%d ran, %v", len(got), err)
	}
	for i, v := range got {
		if v != i {
			t.Fatalf("ran %v", got)
		}
	}
}

// TestFailure: after a function fails none behind it runs, Do refuses
// what comes next, and Close returns the failure.
func TestFailure(t *testing.T) {
	q := New(3)
	broken := errors.New("broken")
	ran := make([]bool, 10)
	refused := -1
	for i := range 10 {
		ok := q.Do(func() error {
			ran[i] = true
			if i == 4 {
				return broken
			}
			return nil
		})
		if !ok {
			refused = i
			break
		}
	}
	if err := q.Close(); err != broken {
		t.Fatalf("Close: %v", err)
	}
	for i, r := range ran {
		if r != (i <= 4) {
			t.Errorf("function %d ran: %v", i, r)
		}
	}
	// Do may accept up to depth+1 functions after the one that fails,
	// depending on when it runs; it must refuse one eventually unless
	// the loop ended first.
	if refused != -1 && refused <= 4 {
		t.Errorf("Do refused function %d", refused)
	}
}

// TestRotation: with depth d, the function queued d+2 calls before has
// returned when Do returns, so d+2 buffers used in turn are safe; depth
// 0 is double buffering.
func TestRotation(t *testing.T) {
	for depth := range 3 {
		q := New(depth)
		done := make([]bool, 50)
		release := make(chan struct{})
		for i := range 50 {
			if i >= depth+2 && !done[i-depth-2] {
				t.Fatalf("depth %d: function %d still running when %d was queued", depth, i-depth-2, i)
			}
			q.Do(func() error {
				if i == 0 {
					<-release // hold the first, so that the queue fills
				}
				done[i] = true
				return nil
			})
			if i == 0 {
				close(release)
			}
		}
		q.Close()
	}
}
