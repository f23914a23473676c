package human

import "testing"

func TestSize(t *testing.T) {
	tests := []struct {
		val, bs, unit uint64
		want          string
	}{
		{0, 1, 0, "0"},
		{0, 0, 0, "0"},
		{512, 1, 0, "512"},
		{1023, 1, 0, "1023"},
		{1024, 1, 0, "1.0K"},
		{1536, 1, 0, "1.5K"},
		{1 << 20, 1, 0, "1.0M"},
		{1048575, 1, 0, "1024.0K"}, // 1023.99K rounds up, keeping the unit (as BusyBox)
		{16043212, 1, 0, "15.3M"},
		{3, 512, 0, "1.5K"}, // blocks of 512
		{1 << 60, 4, 0, "4.0E"},
		{3000, 1024, 1 << 20, "3"},
		{1, 1024, 1 << 20, "0"}, // rounded to the display unit
		{512, 1024, 1 << 20, "1"},
		{7, 1, 1, "7"},
		// Block size 0: whole numbers (ls -sh totals, df's -B header).
		{512, 0, 0, "512"},
		{1000, 0, 0, "1000"},
		{1024, 0, 0, "1K"},
		{1536, 0, 0, "2K"},
		{1535, 0, 0, "2K"},
		{1484, 0, 0, "1K"},
		{1 << 20, 0, 0, "1M"},
		{1048575, 0, 0, "1024K"},
		{1024, 0, 1, "1024"}, // df -P: display unit 1
	}
	for _, tt := range tests {
		if got := Size(tt.val, tt.bs, tt.unit); got != tt.want {
			t.Errorf("Size(%d, %d, %d) = %q, want %q", tt.val, tt.bs, tt.unit, got, tt.want)
		}
	}
}

func TestWhole(t *testing.T) {
	for val, want := range map[uint64]string{0: "0", 4096: "4K", 251658240: "240M", 1 << 30: "1G"} {
		if got := Whole(val); got != want {
			t.Errorf("Whole(%d) = %q, want %q", val, got, want)
		}
	}
}
