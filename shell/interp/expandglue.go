package interp

import (
	"errors"
	"strings"
	"sync"

	"gobox/shell/expand"
	"gobox/shell/syntax"
)

// The calls into shell/expand, in one place.

func (sh *shell) expandFields(words []*syntax.Word) ([]string, error) {
	return expand.Fields(sh, words)
}

func (sh *shell) expandLiteral(w *syntax.Word) (string, error) {
	if w == nil {
		return "", nil
	}
	return expand.Literal(sh, w)
}

// expandAssign expands an assignment's value (tilde after ':' too).
func (sh *shell) expandAssign(w *syntax.Word) (string, error) {
	if w == nil {
		return "", nil
	}
	return expand.Assign(sh, w)
}

func (sh *shell) expandHeredoc(w *syntax.Word) (string, error) {
	return expand.Heredoc(sh, w)
}

// matchPattern matches s against a case pattern.
func (sh *shell) matchPattern(w *syntax.Word, s string) (bool, error) {
	p, err := expand.Pattern(sh, w)
	if err != nil {
		return false, err
	}
	return p.Match(s), nil
}

// arithString evaluates a string as arithmetic (let).
func (sh *shell) arithString(s string) (int64, error) {
	return expand.ArithString(sh, s)
}

// expandString expands parameters, command substitutions and arithmetic
// in s as in a here-document (PS1, PS2, PS4).
func (sh *shell) expandString(s string) (string, error) {
	w, err := sh.proc.promptWord(s)
	if err != nil {
		return s, err
	}
	out, err := expand.Heredoc(sh, w)
	return strings.TrimSuffix(out, "\n"), err
}

// promptWord parses s as the body of a here-document, remembering the
// last few (PS4 is expanded for every traced command).
func (p *proc) promptWord(s string) (*syntax.Word, error) {
	p.promptMu.Lock()
	defer p.promptMu.Unlock()
	if w, ok := p.prompts[s]; ok {
		return w, nil
	}
	const mark = "__GOBOX_PROMPT_END__"
	stmts, err := syntax.Parse(":<<"+mark+"\n"+s+"\n"+mark+"\n", "prompt")
	if err != nil || len(stmts) != 1 {
		return nil, errBadPrompt
	}
	c, ok := stmts[0].Cmd.(*syntax.CallExpr)
	if !ok || len(c.Redirs) != 1 || c.Redirs[0].Heredoc == nil {
		return nil, errBadPrompt
	}
	if p.prompts == nil || len(p.prompts) > 16 {
		p.prompts = map[string]*syntax.Word{}
	}
	p.prompts[s] = c.Redirs[0].Heredoc
	return c.Redirs[0].Heredoc, nil
}

var errBadPrompt = errors.New("bad prompt")

// promptCache is in proc.
type promptCache struct {
	promptMu sync.Mutex
	prompts  map[string]*syntax.Word
}
