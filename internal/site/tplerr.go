package site

import (
	"reflect"

	"github.com/cire-asbl/fabrique/internal/diag"
	"regexp"
	"strconv"
	"strings"
)

// tplPos finds "name:line:col:" or "name:line:" in a text/template error.
var tplPos = regexp.MustCompile(`template: ([^:\s]+):(\d+)(?::(\d+))?: (.*)`)

// templateError reports a layout error once, at the layout's line and
// column, and stops every later page render: one broken template is one
// problem, not one per page, and no content file is blamed for it.
func (b *builder) templateError(err error) {
	msg := err.Error()
	file, line, col := "page.html", 0, 0
	if m := tplPos.FindStringSubmatch(msg); m != nil {
		file = m[1]
		line, _ = strconv.Atoi(m[2])
		col, _ = strconv.Atoi(m[3])
		msg = m[4]
	}
	// Executing errors name the template and the failing field:
	// `executing "page.html" at <.Foo>: can't evaluate field Foo in type …`.
	if i := strings.Index(msg, ">: "); strings.HasPrefix(msg, "executing") && i > 0 {
		msg = msg[i+3:]
		if f := regexp.MustCompile(`can't evaluate field (\w+)`).FindStringSubmatch(msg); f != nil {
			var fields []string
			t := reflect.TypeOf(PageData{})
			for i := 0; i < t.NumField(); i++ {
				fields = append(fields, t.Field(i).Name)
			}
			msg = "the layout uses ." + f[1] + ", which pages do not have" + diag.DidYouMean(f[1], fields)
		}
	}
	b.tplOnce.Do(func() {
		b.tplBroken.Store(true)
		b.problems.Errorf(b.theme.Dir+"/layouts/"+file, line, col, "%s", msg)
	})
}

// themeBroken reports whether rendering should stop: the theme did not load
// or a layout already failed.
func (b *builder) themeBroken() bool { return b.theme == nil || b.tplBroken.Load() }
