package applet

import "testing"

// TestOwnsProcess checks that only a Ctx made by Main owns the process,
// however the applet is reached, and that Run's copy keeps the answer.
func TestOwnsProcess(t *testing.T) {
	var owns, ran bool
	probe := &Applet{Name: "zz-owns", Main: func(c *Ctx, args []string) error {
		ran, owns = true, c.OwnsProcess()
		return nil
	}}
	table := Table{probe}
	tests := []struct {
		name string
		run  func() int
		want bool
	}{
		{"Main by argv[0]", func() int { return Main(table, []string{"/bin/zz-owns"}) }, true},
		{"Main as gobox NAME", func() int { return Main(table, []string{"gobox", "zz-owns"}) }, true},
		{"Run in-process", func() int { return Run(&Ctx{}, probe, nil) }, false},
		{"Run of a copied in-process Ctx", func() int { c := Ctx{Dir: "/"}; return Run(&c, probe, nil) }, false},
	}
	for _, tt := range tests {
		owns, ran = !tt.want, false
		if code := tt.run(); code != 0 || !ran {
			t.Fatalf("%s: status %d, ran %v", tt.name, code, ran)
		}
		if owns != tt.want {
			t.Errorf("%s: OwnsProcess() = %v, want %v", tt.name, owns, tt.want)
		}
	}
}
