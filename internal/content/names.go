package content

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// A content file name is its page's URL: lowercase letters, digits and
// dashes, then ".md"; a folder name the same without the extension. One
// rule, so that no name becomes a URL unchecked (spaces, capitals, "?",
// "#", "\", direction marks) and no name is "." or ".." in disguise
// ("..md" once replaced the French home page).
var nameRe = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// checkName returns "" for an allowed name, or the problem with the name
// to use instead. Hidden files that are not pages (.DS_Store, .gitkeep)
// are skipped, not refused.
func checkName(name string, dir bool) string {
	stem := name
	if !dir {
		if !strings.HasSuffix(name, ".md") {
			if strings.HasPrefix(name, ".") {
				return ""
			}
			return "not a page: only Markdown files named like \"my-page.md\" belong in " + Dir + "/ (images and other files go in the theme's assets)"
		}
		stem = strings.TrimSuffix(name, ".md")
	} else if strings.HasPrefix(name, ".") && name != "." && name != ".." {
		return ""
	}
	if nameRe.MatchString(stem) {
		return ""
	}
	suggest := suggestName(stem)
	what := "file name"
	if dir {
		what = "folder name"
	} else {
		suggest += ".md"
	}
	return "the " + what + " " + quote(name) + " becomes part of a URL: use lowercase letters, digits and dashes only, e.g. " + quote(suggest)
}

// suggestName folds a name to the allowed alphabet.
func suggestName(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		default:
			dash = true
		}
	}
	if b.Len() == 0 {
		return "page"
	}
	return b.String()
}

func quote(s string) string { return "\"" + strings.ToValidUTF8(s, "?") + "\"" }
