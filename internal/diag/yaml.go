package diag

import (
	"errors"

	"github.com/goccy/go-yaml"
)

// FromYAML turns a goccy/go-yaml error into a Problem at its line and column.
// lineOffset is added to the line, for YAML embedded in a larger file (front
// matter starts on line 2 of a page).
func FromYAML(path string, lineOffset int, err error) Problem {
	var ye yaml.Error
	if errors.As(err, &ye) {
		if tk := ye.GetToken(); tk != nil && tk.Position != nil {
			return Errorf(path, tk.Position.Line+lineOffset, tk.Position.Column, "%s", ye.GetMessage())
		}
		return Errorf(path, 0, 0, "%s", ye.GetMessage())
	}
	return Errorf(path, 0, 0, "%v", err)
}
