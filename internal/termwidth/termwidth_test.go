package termwidth

import (
	"bytes"
	"testing"
)

func TestWidth(t *testing.T) {
	env := func(m map[string]string) func(string) (string, bool) {
		return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
	}
	cases := []struct {
		env  map[string]string
		want int
	}{
		{nil, 80},
		{map[string]string{"COLUMNS": "100"}, 100},
		{map[string]string{"COLUMNS": " 42x"}, 42},
		{map[string]string{"COLUMNS": "1"}, 80},
		{map[string]string{"COLUMNS": "junk"}, 80},
		{map[string]string{"COLUMNS": "30000"}, 80},
	}
	for _, c := range cases {
		if got := Width(env(c.env), &bytes.Buffer{}); got != c.want {
			t.Errorf("Width(%v) = %d, want %d", c.env, got, c.want)
		}
	}
	if IsTerminal(&bytes.Buffer{}) {
		t.Error("a buffer is not a terminal")
	}
	if _, h := Size(nil, nil); h != 24 {
		t.Errorf("height %d, want 24", h)
	}
}
