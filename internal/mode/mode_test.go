package mode

import "testing"

func TestParse(t *testing.T) {
	const dir = 0o040000
	tests := []struct {
		spec  string
		cur   uint32
		umask uint32
		want  uint32
		ok    bool
	}{
		{"755", 0o644, 0o22, 0o755, true},
		{"04755", 0, 0o22, 0o4755, true},
		{"7777", 0, 0, 0o7777, true},
		{"10000", 0, 0, 0, false},
		{"75a", 0, 0, 0, false},
		{"u+x", 0o644, 0o22, 0o744, true},
		{"u+x,g-r", 0o644, 0o22, 0o704, true},
		{"a+X", 0o644, 0o22, 0o644, true},
		{"a+X", 0o744, 0o22, 0o755, true},
		{"a+X", dir | 0o600, 0o22, dir | 0o711, true},
		{"+x", 0o644, 0o22, 0o755, true},
		{"+w", 0o444, 0o22, 0o644, true},
		{"-w", 0o666, 0o22, 0o466, true},
		{"=r", 0o777, 0o22, 0o444, true},
		{"go=u", 0o751, 0o22, 0o777, true},
		{"g=o", 0o754, 0o22, 0o744, true},
		{"u=rwx,g=rx,o=", 0o000, 0o22, 0o750, true},
		{"a=,u+w", 0o777, 0o22, 0o200, true},
		{"+t", dir | 0o755, 0o22, dir | 0o1755, true},
		{"u+s,g+s", 0o755, 0o22, 0o6755, true},
		{"o+s", 0o755, 0o22, 0o755, true},
		{"u+rw+x", 0o000, 0o22, 0o700, true},
		{"u-x+r", 0o300, 0o22, 0o600, true},
		{",,", 0o644, 0o22, 0o644, true},
		{"", 0o644, 0o22, 0o644, true},
		{"u", 0o644, 0o22, 0, false},
		{"u+q", 0o644, 0o22, 0, false},
		{"bad", 0o644, 0o22, 0, false},
		{"u+xq", 0o644, 0o22, 0, false},
	}
	for _, tt := range tests {
		got, ok := Parse(tt.spec, tt.cur, tt.umask)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("Parse(%q, %o, %o) = %o, %v; want %o, %v", tt.spec, tt.cur, tt.umask, got, ok, tt.want, tt.ok)
		}
	}
}
