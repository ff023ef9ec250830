package diag

import (
	"errors"
	"strings"

	toml "github.com/pelletier/go-toml/v2"
)

// AddTOML reports a go-toml strict decoding error at its line and column:
// each unknown key with the sentence unknown gives for it (what is allowed,
// a did-you-mean), a syntax error with the library's message.
func (l *List) AddTOML(path string, err error, unknown func(key []string) string) {
	var de *toml.DecodeError
	var sm *toml.StrictMissingError
	switch {
	case errors.As(err, &sm):
		for _, e := range sm.Errors {
			line, col := e.Position()
			k := e.Key()
			l.Errorf(path, line, col, "unknown key %q%s", strings.Join(k, "."), unknown(k))
		}
	case errors.As(err, &de):
		line, col := de.Position()
		l.Errorf(path, line, col, "%s", de.Error())
	default:
		l.Errorf(path, 0, 0, "%v", err)
	}
}
