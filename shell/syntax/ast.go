// Package syntax reads shell source into a tree (lexer, parser) and writes
// a tree back as source (printer). It follows BusyBox ash as Alpine builds
// it: POSIX sh plus ash's extensions ($'...', ${v:off:len}, ${v/p/r},
// <<<, &>, the function keyword). It knows nothing of running commands.
//
// The tree keeps words as their parts (literal text, quotes, expansions)
// so that the expander can tell quoted characters from unquoted ones;
// it never expands anything itself.
package syntax

// Pos is a place in the source: line numbers feed LINENO and the
// "sh: line N: syntax error: ..." messages.
type Pos struct {
	Line int // 1-based; 0 means unknown
}

// A Node is anything in the tree.
type Node interface{ Position() Pos }

// Stmt is one and-or list with its terminator: "a && b &".
type Stmt struct {
	Pos        Pos
	Cmd        Command // never nil
	Background bool    // ended by '&'
}

// Command is one of the command nodes: *CallExpr, *Pipeline, *BinaryCmd,
// *Subshell, *Block, *IfClause, *WhileClause, *ForClause, *CaseClause,
// *FuncDecl.
type Command interface {
	Node
	commandNode()
}

// BinaryCmd is "X && Y" or "X || Y"; chains associate to the left.
type BinaryCmd struct {
	Pos  Pos
	Op   BinaryOp
	X, Y Command
}

type BinaryOp int

const (
	AndIf BinaryOp = iota // &&
	OrIf                  // ||
)

// Pipeline is "[!] A | B | C". A lone command with "!" is a Pipeline of
// one; a lone command without it is not wrapped.
type Pipeline struct {
	Pos     Pos
	Negated bool
	Cmds    []Command // at least one
}

// CallExpr is a simple command: assignments, words and redirections in
// source order of each kind. Args may be empty ("x=1", ">file").
type CallExpr struct {
	Pos     Pos
	Assigns []*Assign
	Args    []*Word
	Redirs  []*Redirect
}

// Assign is "name=value" before a command or as the operand of export,
// readonly and local when the parser sees them as assignment words.
type Assign struct {
	Pos   Pos
	Name  string
	Value *Word // never nil; empty word for "x="
}

// Subshell is "( list )".
type Subshell struct {
	Pos    Pos
	Body   []*Stmt
	Redirs []*Redirect
}

// Block is "{ list; }".
type Block struct {
	Pos    Pos
	Body   []*Stmt
	Redirs []*Redirect
}

// IfClause is "if Cond; then Then; [elif ...;] [else Else;] fi". An elif
// is an IfClause as the only statement of Else, with Elif set.
type IfClause struct {
	Pos    Pos
	Elif   bool
	Cond   []*Stmt
	Then   []*Stmt
	Else   []*Stmt // nil when there is no else or elif
	Redirs []*Redirect
}

// WhileClause is "while|until Cond; do Body; done".
type WhileClause struct {
	Pos    Pos
	Until  bool
	Cond   []*Stmt
	Body   []*Stmt
	Redirs []*Redirect
}

// ForClause is "for Name [in Items]; do Body; done". Without "in" the
// loop runs over "$@" (InSet false).
type ForClause struct {
	Pos    Pos
	Name   string
	InSet  bool
	Items  []*Word
	Body   []*Stmt
	Redirs []*Redirect
}

// CaseClause is "case Word in pattern|pattern) body;; ... esac".
type CaseClause struct {
	Pos    Pos
	Word   *Word
	Items  []*CaseItem
	Redirs []*Redirect
}

// CaseItem is one "(p1|p2) body ;;" of a case.
type CaseItem struct {
	Pos      Pos
	Patterns []*Word
	Body     []*Stmt
}

// FuncDecl is "name() compound-command [redirs]" or
// "function name [()] compound-command". The redirections of the
// definition are those of Body.
type FuncDecl struct {
	Pos  Pos
	Name string
	Body Command // a compound command
	// Source is the definition as written, for type and set (ash prints
	// functions from its own tree; the printer's output may differ).
	Source string
}

func (*CallExpr) commandNode()    {}
func (*Pipeline) commandNode()    {}
func (*BinaryCmd) commandNode()   {}
func (*Subshell) commandNode()    {}
func (*Block) commandNode()       {}
func (*IfClause) commandNode()    {}
func (*WhileClause) commandNode() {}
func (*ForClause) commandNode()   {}
func (*CaseClause) commandNode()  {}
func (*FuncDecl) commandNode()    {}

func (n *Stmt) Position() Pos        { return n.Pos }
func (n *CallExpr) Position() Pos    { return n.Pos }
func (n *Pipeline) Position() Pos    { return n.Pos }
func (n *BinaryCmd) Position() Pos   { return n.Pos }
func (n *Subshell) Position() Pos    { return n.Pos }
func (n *Block) Position() Pos       { return n.Pos }
func (n *IfClause) Position() Pos    { return n.Pos }
func (n *WhileClause) Position() Pos { return n.Pos }
func (n *ForClause) Position() Pos   { return n.Pos }
func (n *CaseClause) Position() Pos  { return n.Pos }
func (n *CaseItem) Position() Pos    { return n.Pos }
func (n *FuncDecl) Position() Pos    { return n.Pos }
func (n *Assign) Position() Pos      { return n.Pos }
func (n *Redirect) Position() Pos    { return n.Pos }

// Redirect is one redirection: "[N]op word". Fd is -1 when no number was
// written (the operator's default applies: 0 for < <& <> << <<- <<<,
// 1 for the others).
type Redirect struct {
	Pos  Pos
	Fd   int
	Op   RedirOp
	Word *Word // the target; for here-documents the delimiter as written
	// Heredoc is the body of a << or <<- here-document, tabs already
	// stripped for <<-. When the delimiter was quoted, Heredoc is one
	// literal part and nothing in it is expanded (HeredocQuoted).
	Heredoc       *Word
	HeredocQuoted bool
}

type RedirOp int

const (
	RdrIn         RedirOp = iota // <
	RdrOut                       // >
	RdrClobber                   // >|
	RdrAppend                    // >>
	RdrDupIn                     // <&
	RdrDupOut                    // >&
	RdrInOut                     // <>
	RdrHeredoc                   // <<
	RdrHeredocTab                // <<-
	RdrHerestr                   // <<<
	RdrAll                       // &> (stdout and stderr)
)

// Word is one shell word as its parts, in order.
type Word struct {
	Pos   Pos
	Parts []WordPart
}

// WordPart is one of *Lit, *SglQuoted, *DblQuoted, *ParamExp, *CmdSubst,
// *ArithExp.
type WordPart interface{ wordPart() }

// Lit is unquoted text as written, backslashes included: "\*" is a
// quoted star, which expand treats as a literal character (and removes
// the backslash); "\<newline>" never appears (the lexer drops it).
// Inside DblQuoted, a Lit holds the text between expansions with the
// backslashes that escape $ ` " \ and newline still in it.
// The same holds in the other quoted contexts, each with ash's rules:
// in an unquoted here-document body only $ ` \ are escaped (\" is two
// characters); in the Arg of ${x-w} ${x=w} ${x?w} ${x+w} inside double
// quotes, \} is escaped too, '...' is plain text and "..." comes as a
// nested DblQuoted; the pattern of # ## % %% / // is read as outside
// quotes even inside them; in $((...)) quotes are plain characters.
type Lit struct {
	Value string
}

// SglQuoted is '...' (Dollar false: Value is verbatim) or $'...'
// (Dollar true: Value is the text already decoded from its escapes).
type SglQuoted struct {
	Dollar bool
	Value  string
}

// DblQuoted is "..." with its parts.
type DblQuoted struct {
	Parts []WordPart
}

// ParamExp is $name, ${name} and every ${name OP word} form.
type ParamExp struct {
	Short  bool   // $name, without braces
	Name   string // a name, a positional number ("1", "10") or one of @ * # ? - $ ! 0
	Length bool   // ${#name}
	Op     ParamOp
	Colon  bool  // ${x:-w} and the like: test for null as well as unset
	Arg    *Word // the word of - = ? + # ## % %%; the pattern of / // /# /%
	Repl   *Word // the replacement of / // /# /% (nil when absent)
	// Offset and Count are the arithmetic texts of ${x:off[:len]}, as
	// words (they may hold expansions); Count is nil without ":len".
	Offset, Count *Word
}

type ParamOp int

const (
	OpNone           ParamOp = iota
	OpDefault                // -
	OpAssign                 // =
	OpError                  // ?
	OpAlt                    // +
	OpTrimPrefix             // #
	OpTrimLongPrefix         // ##
	OpTrimSuffix             // %
	OpTrimLongSuffix         // %%
	OpSlice                  // :off:len
	OpReplace                // /pat/rep
	OpReplaceAll             // //pat/rep
	OpReplacePrefix          // /#pat/rep
	OpReplaceSuffix          // /%pat/rep
)

// CmdSubst is $(list) or `list`.
type CmdSubst struct {
	Backquote bool
	Stmts     []*Stmt
}

// ArithExp is $((expr)). As in ash, the text is expanded (parameters,
// command substitutions, quotes) and the result evaluated as arithmetic,
// so X is a word, not an expression tree.
type ArithExp struct {
	X *Word
}

func (*Lit) wordPart()       {}
func (*SglQuoted) wordPart() {}
func (*DblQuoted) wordPart() {}
func (*ParamExp) wordPart()  {}
func (*CmdSubst) wordPart()  {}
func (*ArithExp) wordPart()  {}

// OpBad marks a ${...} that ash reads but cannot expand ("${x@}",
// "${#x:-y}", "${}"): expanding it is the error "bad substitution"
// (status 2), not parsing it, so a script fails only if it gets there.
// Name is the text read after "${" before Arg, the rest up to the
// brace ("x@" and "" for "${x@}").
const OpBad ParamOp = OpReplaceSuffix + 1

// ProcSubst is bash's process substitution <(list) or >(list), which
// Alpine's ash has: the word becomes a /dev/fd/N path to a pipe from
// (or to) the list.
type ProcSubst struct {
	Out   bool // >(list)
	Stmts []*Stmt
}

func (*ProcSubst) wordPart() {}

// Position makes a Word a Node, for Print.
func (w *Word) Position() Pos { return w.Pos }
