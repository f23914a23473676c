package readahead

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// TestReadAhead: the data in order, then the reader's error; Close
// stops the goroutine even when nothing reads.
func TestReadAhead(t *testing.T) {
	data := strings.Repeat("0123456789", 100000)
	ra := New(io.MultiReader(strings.NewReader(data), errReader{}), 3, 4096)
	got, err := io.ReadAll(ra)
	if string(got) != data || err == nil || err.Error() != "broken" {
		t.Errorf("%d bytes, %v", len(got), err)
	}
	ra.Close()
	ra = New(strings.NewReader(data), 2, 10)
	ra.Close()
	ra.Close()
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("broken") }
