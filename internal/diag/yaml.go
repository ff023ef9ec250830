package diag

import (
	"errors"
	"regexp"
	"strings"

	"github.com/goccy/go-yaml"
)

// FromYAML turns a goccy/go-yaml error into a Problem at its line and column,
// its message rewritten into a plain sentence with the fix (Hugo's herrors
// does the same for its parsers). lineOffset is added to the line, for YAML
// embedded in a larger file (front matter starts on line 2 of a page).
func FromYAML(path string, lineOffset int, err error) Problem {
	var ye yaml.Error
	if errors.As(err, &ye) {
		msg := PlainYAML(ye.GetMessage())
		if tk := ye.GetToken(); tk != nil && tk.Position != nil {
			return Errorf(path, tk.Position.Line+lineOffset, tk.Position.Column, "%s", msg)
		}
		return Errorf(path, 0, 0, "%s", msg)
	}
	return Errorf(path, 0, 0, "%s", PlainYAML(err.Error()))
}

// yamlWords maps the YAML library's messages to what an editor can act on.
// The first matching pattern wins; $1 is the pattern's first group.
var yamlWords = []struct {
	re   *regexp.Regexp
	says string
}{
	{regexp.MustCompile(`could not find end character of double-quoted text`), `a value opened with " is never closed: add the closing " at the end of the value (on the same line)`},
	{regexp.MustCompile(`could not find end character of single-quoted text`), `a value opened with ' is never closed: add the closing ' at the end of the value (write '' for an apostrophe inside)`},
	{regexp.MustCompile(`mapping values? (is|are) not allowed`), `a value contains ": " (a colon and a space), which YAML reads as a new key: put the whole value in quotes ("…")`},
	{regexp.MustCompile(`tab character`), `a tab is used for indentation: YAML needs spaces`},
	{regexp.MustCompile(`found character that cannot start any token`), `a value cannot start with this character (a tab, @ or a backquote): put the value in quotes ("…")`},
	{regexp.MustCompile(`mapping key "([^"]*)" already defined`), `the key "$1" is written twice: keep one`},
	{regexp.MustCompile(`duplicate key "?([^"]*)"?`), `the key "$1" is written twice: keep one`},
	{regexp.MustCompile(`unexpected key name`), `this line is not "key: value": check the colon and the indentation (as many spaces as the lines above)`},
	{regexp.MustCompile(`could not find flow mapping end token|could not find '}'`), `a "{" is never closed: add "}" or put the value in quotes`},
	{regexp.MustCompile(`could not find flow sequence end token|could not find '\]'|sequence end token`), `a "[" is never closed: add "]" or put the value in quotes ("…")`},
	{regexp.MustCompile(`unexpected (end of|EOF)`), `the YAML stops in the middle of a value: check the quotes and brackets of the last lines`},
	{regexp.MustCompile(`cannot unmarshal ([a-z\[\]]+) into Go (struct field|value of type) \S*?\.?([A-Za-z]*) of type ([a-z0-9\[\]]+)`), `this value has the wrong kind: a $4 is expected here, not a $1`},
	{regexp.MustCompile(`cannot unmarshal`), `this value has the wrong kind (a list where one value is expected, or the reverse)`},
	{regexp.MustCompile(`invalid indent|indent`), `the indentation is wrong here: line it up with the keys of the same level (spaces only)`},
}

// PlainYAML rewrites a YAML library message; an unknown one is kept as is.
func PlainYAML(msg string) string {
	msg = strings.TrimSpace(msg)
	for _, w := range yamlWords {
		if m := w.re.FindStringSubmatchIndex(msg); m != nil {
			return string(w.re.ExpandString(nil, w.says, msg, m))
		}
	}
	return msg
}
