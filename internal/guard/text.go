package guard

import (
	"unicode/utf8"

	"github.com/cire-asbl/fabrique/internal/diag"
)

// Text refuses invalid UTF-8 and control characters (other than tab, line
// feed and carriage return) in a text file: they pass unseen through an
// editor, then make HTML ambiguous or an SVG invalid XML.
func Text(path string, src []byte) *diag.Problem {
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf {
			if c < ' ' && c != '\t' && c != '\n' && c != '\r' || c == 0x7f {
				return at(path, src, i, "control character U+%04X: delete it (it is invisible in most editors; retype the text around it)", rune(c))
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			return at(path, src, i, "invalid UTF-8 (byte 0x%02X): save the file as UTF-8", c)
		case r >= 0x80 && r <= 0x9f:
			return at(path, src, i, "control character U+%04X: delete it (it is invisible in most editors; retype the text around it)", r)
		}
		i += n
	}
	return nil
}

func at(path string, src []byte, off int, format string, args ...any) *diag.Problem {
	line, col := diag.LineCol(src, off)
	p := diag.Errorf(path, line, col, format, args...)
	return &p
}

// MaxFileBytes bounds any one page or data file: 4 MiB, about 200 times
// the largest file of the site (data/sources.yaml), so that no single file
// can make a build slow or large before any other limit applies.
const MaxFileBytes = 4 << 20

// Size refuses a file over MaxFileBytes.
func Size(path string, src []byte) *diag.Problem {
	if len(src) <= MaxFileBytes {
		return nil
	}
	p := diag.Errorf(path, 1, 1, "the file is %d KB, more than the %d KB a file may have: split it", len(src)>>10, MaxFileBytes>>10)
	return &p
}
