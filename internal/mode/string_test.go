package mode

import "testing"

// TestAppendString: BusyBox's bb_mode_string, as ls -l, stat and chmod -v print it.
func TestAppendString(t *testing.T) {
	cases := []struct {
		mode uint32
		want string
	}{
		{0o100644, "-rw-r--r--"},
		{0o104755, "-rwsr-xr-x"},
		{0o102644, "-rw-r-Sr--"},
		{0o041777, "drwxrwxrwt"},
		{0o041776, "drwxrwxrwT"},
		{0o120777, "lrwxrwxrwx"},
		{0o020666, "crw-rw-rw-"},
		{0o010644, "prw-r--r--"},
		{0o140755, "srwxr-xr-x"},
	}
	for _, c := range cases {
		if got := string(AppendString(nil, c.mode)); got != c.want {
			t.Errorf("AppendString(%o) = %q, want %q", c.mode, got, c.want)
		}
	}
}
