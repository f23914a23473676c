package syntax

import "io"

const eof = -1

// input is the character source of a Parser: the reader's bytes, read
// lazily so that the parser never asks for more than the current command
// needs, with alias values pushed on top of it as ash does.
type input struct {
	r    io.Reader
	buf  []byte // bytes read from r; buf[pos:] not yet consumed
	pos  int
	done bool // r returned an error or io.EOF
	err  error

	back   []int    // characters pushed back onto the reader's stream
	frames []*frame // pushed strings (alias values), innermost last

	line int // current line, 1-based

	// rec records every character handed out since the last reset, so a
	// function definition can keep its text (FuncDecl.Source).
	rec []byte

	// kwd is the parser's checkkwd: when an alias value whose last
	// character is a blank has been read to its end, the next word is
	// also checked for an alias (ash sets the flag at that moment, so a
	// newline token read meanwhile clears it again).
	kwd *int
	// ended lists aliases whose text ran out since the current token
	// started: the word being read is still theirs, so they are in use
	// until the next token starts (ash frees them at its next read,
	// which is about the same and never lets a=a loop).
	ended []string
}

// frame is a pushed string.
type frame struct {
	s     string
	pos   int
	back  []int
	alias string // the alias whose value this is
	// pending are the aliases that had just ended when this one was
	// pushed: as in ash, they stay in use until this one has ended
	// too, so a loop of aliases (a=b b=a) stops.
	pending []string
}

func (in *input) fill() bool {
	if in.done {
		return false
	}
	if in.buf == nil {
		in.buf = make([]byte, 0, 4096)
	}
	for {
		n, err := in.r.Read(in.buf[:cap(in.buf)])
		in.buf = in.buf[:n]
		in.pos = 0
		if err != nil {
			in.done = true
			if err != io.EOF {
				in.err = err
			}
		}
		if n > 0 {
			return true
		}
		if in.done {
			return false
		}
	}
}

// getc returns the next character, or eof.
func (in *input) getc() int {
	c := in.get()
	if c == '\n' {
		in.line++
	}
	if c != eof {
		in.rec = append(in.rec, byte(c))
	}
	return c
}

func (in *input) get() int {
	for {
		if n := len(in.frames); n > 0 {
			f := in.frames[n-1]
			if k := len(f.back); k > 0 {
				c := f.back[k-1]
				f.back = f.back[:k-1]
				return c
			}
			if f.pos < len(f.s) {
				c := f.s[f.pos]
				f.pos++
				return int(c)
			}
			in.popFrame()
			continue
		}
		if k := len(in.back); k > 0 {
			c := in.back[k-1]
			in.back = in.back[:k-1]
			return c
		}
		for {
			if in.pos >= len(in.buf) && !in.fill() {
				return eof
			}
			c := in.buf[in.pos]
			in.pos++
			if c != 0 { // ash drops NUL bytes from its input
				return int(c)
			}
		}
	}
}

func (in *input) popFrame() {
	n := len(in.frames)
	f := in.frames[n-1]
	in.frames = in.frames[:n-1]
	if f.alias != "" {
		if last := f.s[len(f.s)-1]; (last == ' ' || last == '\t') && in.kwd != nil {
			*in.kwd |= chkAlias
		}
		in.ended = append(append(in.ended, f.pending...), f.alias)
	}
}

// ungetc pushes c back; the next getc returns it.
func (in *input) ungetc(c int) {
	if c == eof {
		// End of input stays end of input; nothing to push back
		// unless a frame sits on top (it cannot: frames end first).
		in.pushBack(eof)
		return
	}
	if c == '\n' {
		in.line--
	}
	if n := len(in.rec); n > 0 {
		in.rec = in.rec[:n-1]
	}
	in.pushBack(c)
}

func (in *input) pushBack(c int) {
	if n := len(in.frames); n > 0 {
		f := in.frames[n-1]
		f.back = append(f.back, c)
		return
	}
	in.back = append(in.back, c)
}

// getcNL is getc that removes backslash-newline pairs (line
// continuation), as ash's pgetc_eatbnl.
func (in *input) getcNL() int {
	for {
		c := in.getc()
		if c != '\\' {
			return c
		}
		c2 := in.getc()
		if c2 != '\n' {
			in.ungetc(c2)
			return c
		}
	}
}

// inUse reports whether an alias's text is being read.
func (in *input) inUse(name string) bool {
	for _, f := range in.frames {
		if f.alias == name {
			return true
		}
		for _, n := range f.pending {
			if n == name {
				return true
			}
		}
	}
	for _, n := range in.ended {
		if n == name {
			return true
		}
	}
	return false
}

// pushAlias makes the alias value the next input.
func (in *input) pushAlias(name, val string) {
	f := &frame{s: val, alias: name}
	if len(in.ended) > 0 {
		f.pending = append([]string(nil), in.ended...)
		in.ended = in.ended[:0]
	}
	in.frames = append(in.frames, f)
}

// buffered returns what was read from r but not consumed.
func (in *input) buffered() []byte {
	var out []byte
	for i := len(in.back) - 1; i >= 0; i-- {
		if c := in.back[i]; c >= 0 {
			out = append(out, byte(c))
		}
	}
	if out == nil {
		return in.buf[in.pos:]
	}
	return append(out, in.buf[in.pos:]...)
}
