// Package diag is the one error shape every loader and validator returns:
// "path:line:col: message", collected in a List so a build reports every
// problem at once instead of stopping at the first.
//
// Contract:
//   - Line and Col are 1-based; 0 means unknown and is omitted when printed.
//   - A Problem is an error, a warning, a note or a text to translate.
//     Warnings never fail a build unless the caller asks for strict mode
//     (List.Failed(true)); notes are information (a page not yet translated)
//     and never fail a build; Untranslated problems (a text missing in one of
//     the site's languages, shown in the default language meanwhile) are
//     counted apart and never fail a build either, even strict: a site being
//     translated is a normal state, and CI must stay green while it lasts.
//   - List.Sorted orders by path, line, col, message so output is deterministic
//     whatever goroutine found the problem first.
package diag

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Severity says whether a problem fails the build.
type Severity int

const (
	Error Severity = iota
	Warning
	// Note is information, not a mistake: shown, never failing, even strict.
	Note
	// Untranslated is a text not yet translated into one of the site's
	// languages (the default language's text is shown, marked with its
	// lang): listed and counted, never failing, even strict.
	Untranslated
)

// Problem is one located message. Context, when set, holds the source lines
// around Line (used by the dev server's overlay); it is never printed by Error.
type Problem struct {
	Path     string
	Line     int
	Col      int
	Msg      string
	Severity Severity
}

// Error formats the problem as path:line:col: message (warnings prefixed).
func (p Problem) Error() string {
	var b strings.Builder
	b.WriteString(p.Path)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Col > 0 {
			fmt.Fprintf(&b, ":%d", p.Col)
		}
	}
	b.WriteString(": ")
	switch p.Severity {
	case Warning:
		b.WriteString("warning: ")
	case Note:
		b.WriteString("note: ")
	case Untranslated:
		b.WriteString("to translate: ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// Errorf builds an error Problem.
func Errorf(path string, line, col int, format string, args ...any) Problem {
	return Problem{Path: path, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
}

// Warnf builds a warning Problem.
func Warnf(path string, line, col int, format string, args ...any) Problem {
	return Problem{Path: path, Line: line, Col: col, Msg: fmt.Sprintf(format, args...), Severity: Warning}
}

// List collects problems. The zero value is ready to use and safe for
// concurrent Add.
type List struct {
	mu       sync.Mutex
	problems []Problem
}

// Add appends problems.
func (l *List) Add(ps ...Problem) {
	l.mu.Lock()
	l.problems = append(l.problems, ps...)
	l.mu.Unlock()
}

// Errorf appends an error.
func (l *List) Errorf(path string, line, col int, format string, args ...any) {
	l.Add(Errorf(path, line, col, format, args...))
}

// Warnf appends a warning.
func (l *List) Warnf(path string, line, col int, format string, args ...any) {
	l.Add(Warnf(path, line, col, format, args...))
}

// Notef appends a note (information that never fails a build).
func (l *List) Notef(path string, line, col int, format string, args ...any) {
	l.Add(Problem{Path: path, Line: line, Col: col, Msg: fmt.Sprintf(format, args...), Severity: Note})
}

// Untranslatedf appends a text to translate (never failing a build).
func (l *List) Untranslatedf(path string, line, col int, format string, args ...any) {
	l.Add(Problem{Path: path, Line: line, Col: col, Msg: fmt.Sprintf(format, args...), Severity: Untranslated})
}

// Merge appends every problem of other.
func (l *List) Merge(other *List) {
	if other == nil {
		return
	}
	l.Add(other.Sorted()...)
}

// Sorted returns a sorted, de-duplicated copy of the problems.
func (l *List) Sorted() []Problem {
	l.mu.Lock()
	ps := append([]Problem(nil), l.problems...)
	l.mu.Unlock()
	sort.Slice(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		if a.Severity != b.Severity {
			return a.Severity < b.Severity
		}
		return a.Msg < b.Msg
	})
	out := ps[:0]
	for i, p := range ps {
		if i > 0 && p == ps[i-1] {
			continue
		}
		out = append(out, p)
	}
	return out
}

// Untranslated returns the number of texts left to translate.
func (l *List) Untranslated() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, p := range l.problems {
		if p.Severity == Untranslated {
			n++
		}
	}
	return n
}

// Count returns the number of errors and warnings (notes and texts to
// translate are not counted).
func (l *List) Count() (errs, warns int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, p := range l.problems {
		switch p.Severity {
		case Warning:
			warns++
		case Error:
			errs++
		}
	}
	return
}

// Failed reports whether the list fails a build; in strict mode warnings count.
func (l *List) Failed(strict bool) bool {
	e, w := l.Count()
	return e > 0 || (strict && w > 0)
}

// Err returns nil when there is no error (warnings ignored), else an error
// whose message is every problem, one per line.
func (l *List) Err() error {
	if !l.Failed(false) {
		return nil
	}
	var msgs []string
	for _, p := range l.Sorted() {
		msgs = append(msgs, p.Error())
	}
	return errors.New(strings.Join(msgs, "\n"))
}

// LineCol converts a byte offset in src to a 1-based line and column
// (column counted in runes, as editors show it).
func LineCol(src []byte, offset int) (line, col int) {
	if offset > len(src) {
		offset = len(src)
	}
	line, col = 1, 1
	for _, r := range string(src[:offset]) {
		if r == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}
