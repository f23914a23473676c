package dep

import (
	"testing"

	"gobox/internal/apk/version"
)

func TestParse(t *testing.T) {
	for _, c := range []struct {
		in    string
		want  Dep
		print string // "" means same as in
	}{
		{"hello", Dep{Name: "hello", Op: version.Any}, ""},
		{"hello>=1.2", Dep{Name: "hello", Op: version.Greater | version.Equal, Version: "1.2"}, ""},
		{"hello=>1.2", Dep{Name: "hello", Op: version.Greater | version.Equal, Version: "1.2"}, "hello>=1.2"},
		{"hello~1.2", Dep{Name: "hello", Op: version.Equal | version.Fuzzy, Version: "1.2"}, ""},
		{"hello=~1.2", Dep{Name: "hello", Op: version.Equal | version.Fuzzy, Version: "1.2"}, "hello~1.2"},
		{"hello<1.1", Dep{Name: "hello", Op: version.Less, Version: "1.1"}, ""},
		{"hello=1.0-r0", Dep{Name: "hello", Op: version.Equal, Version: "1.0-r0"}, ""},
		{"!postfix-lite", Dep{Name: "postfix-lite", Op: version.Any, Conflict: true}, ""},
		{"!foo<2", Dep{Name: "foo", Op: version.Less, Version: "2", Conflict: true}, ""},
		{"so:libc.musl-x86_64.so.1", Dep{Name: "so:libc.musl-x86_64.so.1", Op: version.Any}, ""},
		{"cmd:ls", Dep{Name: "cmd:ls", Op: version.Any}, ""},
		{"cmd:hello=1.0-r0", Dep{Name: "cmd:hello", Op: version.Equal, Version: "1.0-r0"}, ""},
		{"pc:zlib>=1.2", Dep{Name: "pc:zlib", Op: version.Greater | version.Equal, Version: "1.2"}, ""},
		{"/bin/sh", Dep{Name: "/bin/sh", Op: version.Any}, ""},
		{"py3.12:foo", Dep{Name: "py3.12:foo", Op: version.Any}, ""},
		{"hello@v2", Dep{Name: "hello", Tag: "v2", Op: version.Any}, ""},
		{"hello@v2>=1.0", Dep{Name: "hello", Tag: "v2", Op: version.Greater | version.Equal, Version: "1.0"}, ""},
		{"trigfeed><Q1fPMtjE8wmyV4ORSEh5EvqDGL0ac=", Dep{Name: "trigfeed", Op: version.Checksum, Version: "Q1fPMtjE8wmyV4ORSEh5EvqDGL0ac="}, ""},
		// What the real apk 2.14.4 accepts although odd: empty names,
		// operator sets with no canonical spelling (printed "?"), tabs.
		{">1", Dep{Name: "", Op: version.Greater, Version: "1"}, ""},
		{"@v2", Dep{Name: "", Tag: "v2", Op: version.Any}, ""},
		{"!", Dep{Name: "", Op: version.Any, Conflict: true}, ""},
		{"x~<1", Dep{Name: "x", Op: version.Less | version.Equal | version.Fuzzy, Version: "1"}, "x?1"},
		{"hel\tlo", Dep{Name: "hel\tlo", Op: version.Any}, ""},
	} {
		got, err := Parse(c.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", c.in, err)
			continue
		}
		if got != c.want {
			t.Errorf("Parse(%q) = %+v, want %+v", c.in, got, c.want)
		}
		want := c.print
		if want == "" {
			want = c.in
		}
		if s := got.String(); s != want {
			t.Errorf("Parse(%q).String() = %q, want %q", c.in, s, want)
		}
		if n := Name(c.in); n != c.want.Name {
			t.Errorf("Name(%q) = %q, want Parse's %q", c.in, n, c.want.Name)
		}
	}
}

// Strings the real apk rejects with "is not a valid world dependency".
func TestParseInvalid(t *testing.T) {
	for _, s := range []string{"hello>", "hello=", "a b", "hello=1.0@x", "hello=1.0A", "hello>=1.0~git", "x\ny", "!hello~"} {
		if d, err := Parse(s); err == nil {
			t.Errorf("Parse(%q) = %+v, want an error", s, d)
		} else if err.Error() != "bad dependency '"+s+"'" {
			t.Errorf("Parse(%q) error %q", s, err)
		}
	}
}

func TestParseList(t *testing.T) {
	deps, err := ParseList("so:libc.musl-x86_64.so.1  libhello>=1.0\n!conflicter\n")
	if err != nil {
		t.Fatal(err)
	}
	if got := FormatList(deps); got != "so:libc.musl-x86_64.so.1 libhello>=1.0 !conflicter" {
		t.Errorf("got %q", got)
	}
	if _, err := ParseList("a b> c"); err == nil {
		t.Error("want an error")
	}
	if deps, err := ParseList(""); err != nil || len(deps) != 0 {
		t.Errorf("empty list: %v %v", deps, err)
	}
}

func TestSatisfied(t *testing.T) {
	real := &Provider{Version: "1.0-r0", Identity: "Q1abc="}
	virtual := &Provider{Identity: "Q1def="}
	for _, c := range []struct {
		dep  string
		p    *Provider
		want bool
	}{
		{"hello", real, true},
		{"hello", virtual, true},
		{"hello", nil, false},
		{"hello>1.0", real, true}, // 1.0-r0 > 1.0
		{"hello>=1.1", real, false},
		{"hello>=1.0", virtual, false}, // virtual provides satisfy only unversioned deps
		{"hello~1.0", real, true},
		{"hello~1", real, true},
		{"hello~1.1", real, false},
		{"hello<1.5", real, true},
		{"!hello", real, false},
		{"!hello", nil, true},
		{"!hello", virtual, false},
		{"!hello<2", real, false},
		{"!hello<1", real, true},
		{"!hello<1", virtual, true},
		{"hello><Q1abc=", real, true},
		{"hello><Q1xyz=", real, false},
	} {
		d, err := Parse(c.dep)
		if err != nil {
			t.Fatal(err)
		}
		if got := d.Satisfied(c.p); got != c.want {
			t.Errorf("%q.Satisfied(%+v) = %v, want %v", c.dep, c.p, got, c.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"hello", "!a>=1.0", "so:x=1", "a@t~1", "x><Q1a=", "a b", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse(s)
		if err != nil {
			return
		}
		// What parses prints back to something that parses the same,
		// unless the operator set has no spelling.
		if d.Version != "" && d.Op.String() == "?" {
			return
		}
		d2, err := Parse(d.String())
		if err != nil || d2 != d {
			t.Fatalf("%q -> %q -> %+v, %v", s, d.String(), d2, err)
		}
	})
}
