// Package writebehind runs functions in order in a goroutine of its
// own, behind the goroutine that queues them: a decompressor decodes
// the next block while the last one is checked and written, so that
// decoding, its critical path, does neither.
//
// After a function fails, those queued behind it are dropped: nothing
// of a later block is written after an earlier block's check failed,
// as when the work is done in sequence. Buffers a function uses are
// the caller's to rotate: with depth d, the function queued d+2 calls
// earlier has returned when Do returns, so d+2 buffers used in turn
// are never written while a function still reads them.
package writebehind

// Queue is a goroutine running queued functions in order.
type Queue struct {
	jobs   chan func() error
	failed chan struct{} // closed when a function has failed
	done   chan error
}

// New starts a Queue that holds up to depth functions besides the one
// running.
func New(depth int) *Queue {
	q := &Queue{jobs: make(chan func() error, depth), failed: make(chan struct{}), done: make(chan error, 1)}
	go q.run()
	return q
}

func (q *Queue) run() {
	var err error
	for f := range q.jobs {
		if err == nil {
			if err = f(); err != nil {
				close(q.failed)
			}
		}
	}
	q.done <- err
}

// Do queues f, waiting while the queue is full. It returns false, and
// drops f, once a function has failed.
func (q *Queue) Do(f func() error) bool {
	select {
	case <-q.failed:
		return false
	default:
	}
	select {
	case q.jobs <- f:
		return true
	case <-q.failed:
		return false
	}
}

// Close waits for the queued functions to run and returns the first
// one's error. The Queue is not to be used after.
func (q *Queue) Close() error {
	close(q.jobs)
	return <-q.done
}
