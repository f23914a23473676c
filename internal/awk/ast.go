package awk

import "gobox/internal/regex"

// The syntax tree. Names are resolved while parsing: a variable is a
// global's or a function parameter's slot, a function call names its
// definition once the whole program is read.

// Expr is an expression node: one of the pointer types below.
type Expr any

type (
	numLit   struct{ v Cell }
	strLit   struct{ v Cell }
	regexLit struct {
		src string
		re  *regex.Regexp // compiled at parse time
		ire *regex.Regexp // the IGNORECASE variant, compiled when needed
	}
	// varRef is a variable: a global (local false) or a parameter of
	// the function being defined.
	varRef struct {
		idx   int
		local bool
		name  string
	}
	fieldRef struct {
		index Expr
		line  int
	}
	indexRef struct {
		arr  *varRef
		keys []Expr
	}
	assignExpr struct {
		lhs  Expr // *varRef, *fieldRef or *indexRef
		op   tok  // tAssign, tAddAssign...
		rhs  Expr
		line int
	}
	condExpr   struct{ c, a, b Expr }
	binaryExpr struct {
		op   tok // + - * / % ^ and the comparisons
		l, r Expr
		line int
	}
	concatExpr struct{ parts []Expr }
	andExpr    struct{ l, r Expr }
	orExpr     struct{ l, r Expr }
	matchExpr  struct {
		l, re Expr
		neg   bool
		line  int
	}
	inExpr struct {
		keys []Expr
		arr  *varRef
	}
	unaryExpr struct {
		op tok // tMinus tPlus tNot
		x  Expr
	}
	incDecExpr struct {
		lv   Expr
		pre  bool
		diff float64 // +1 or -1
	}
	// groupExpr is a parenthesised expression list: one expression,
	// or several joined by SUBSEP, as BusyBox evaluates "(a, b)".
	groupExpr   struct{ items []Expr }
	builtinCall struct {
		fn   builtin
		args []Expr
		line int
	}
	userCall struct {
		name string
		fn   *funcDef
		args []Expr
		line int
	}
	getlineExpr struct {
		from getlineFrom
		lv   Expr // nil: $0
		src  Expr // the file or command
		line int
	}
)

type getlineFrom uint8

const (
	fromInput getlineFrom = iota // getline [var]
	fromFile                     // getline [var] < file
	fromCmd                      // cmd | getline [var]
)

// Stmt is a statement node.
type Stmt any

type (
	exprStmt struct {
		x    Expr
		line int
	}
	printStmt struct {
		args   []Expr
		printf bool
		redir  tok // 0, tGt, tAppend or tPipe
		dest   Expr
		line   int
	}
	ifStmt struct {
		c         Expr
		then, els []Stmt
		line      int
	}
	whileStmt struct {
		c    Expr
		body []Stmt
		line int
	}
	doStmt struct {
		body []Stmt
		c    Expr
		line int
	}
	forStmt struct {
		init, c, post Expr
		body          []Stmt
		line          int
	}
	forInStmt struct {
		v    Expr
		arr  *varRef
		body []Stmt
		line int
	}
	blockStmt    struct{ body []Stmt }
	nextStmt     struct{}
	nextfileStmt struct{}
	exitStmt     struct {
		x    Expr
		line int
	}
	returnStmt struct {
		x    Expr
		line int
	}
	breakStmt    struct{}
	continueStmt struct{}
	deleteStmt   struct {
		arr  *varRef
		keys []Expr // nil: the whole array
		line int
	}
)

// item is a pattern-action rule of the main part.
type item struct {
	pattern Expr // nil: every record
	end     Expr // the range's end pattern, or nil
	action  []Stmt
	print   bool // no action: print the record
	line    int
}

// funcDef is a user function.
type funcDef struct {
	name    string
	params  []string
	body    []Stmt
	defined bool
	line    int
}
