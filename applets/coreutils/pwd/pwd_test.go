package pwd

import (
	"os"
	"path/filepath"
	"testing"

	"gobox/internal/applettest"
)

func TestPwd(t *testing.T) {
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	real := filepath.Join(dir, "real")
	link := filepath.Join(dir, "link")
	if err := os.Mkdir(real, 0755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real", link); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		dir  string
		env  []string
		args []string
		out  string
		code int
	}{
		{"physical", real, nil, nil, real + "\n", 0},
		{"resolves links", link, nil, nil, real + "\n", 0},
		{"-P ignores PWD", link, []string{"PWD=" + link}, []string{"-P"}, real + "\n", 0},
		{"-L uses PWD", real, []string{"PWD=" + link}, []string{"-L"}, link + "\n", 0},
		{"-L PWD elsewhere", real, []string{"PWD=" + dir}, []string{"-L"}, real + "\n", 0},
		{"-L PWD with dotdot", real, []string{"PWD=" + link + "/../link"}, []string{"-L"}, real + "\n", 0},
		{"-L relative PWD", real, []string{"PWD=link"}, []string{"-L"}, real + "\n", 0},
		{"operands ignored", real, nil, []string{"x"}, real + "\n", 0},
		{"bad option", real, nil, []string{"-x"}, "", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			applettest.Cmd{Args: tt.args, Dir: tt.dir, Env: tt.env}.Run(t, &Applet).Expect(t, tt.out, tt.code)
		})
	}
}
