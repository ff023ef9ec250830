package output

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// MarkerName is the file every build writes at the root of its output. The
// build replaces, recycles or deletes only a folder that carries it: an
// output folder is a previous build, provably, and never an editor's folder
// that happened to be named with -o.
const MarkerName = ".fabrique-output"

// markerMagic starts the marker; the number after it is the output format
// version, for a later build that must tell an older layout apart.
const markerMagic = "fabrique-output "

// markerData is the marker's content.
var markerData = []byte(markerMagic + "1\n" +
	"# This folder is written by the site build (go run ./cmd/build) and replaced whole by the\n" +
	"# next one. Do not keep other files here: a build deletes what it did not write.\n")

// Inputs are the folders a build reads. The output folder may be inside
// Root (public/ is), but must not be Root or contain it, and must be
// neither inside nor around any of Folders (content/, data/, themes/).
type Inputs struct {
	Root    string
	Folders []string
}

// RefusedError is an output folder the build will not touch. The command
// exits 2 (usage) with its message, which says why and what to do.
type RefusedError struct{ Msg string }

func (e *RefusedError) Error() string { return e.Msg }

func refuse(format string, args ...any) error {
	return &RefusedError{Msg: fmt.Sprintf(format, args...)}
}

// hasMarker reports whether dir is a folder written by a build.
func hasMarker(dir string) bool {
	f, err := os.Open(filepath.Join(dir, MarkerName))
	if err != nil {
		return false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return false
	}
	b := make([]byte, len(markerMagic))
	n, _ := f.Read(b)
	return n == len(b) && string(b) == markerMagic
}

// real returns the absolute path of p with every symlink resolved, also
// when the end of p does not exist yet (the output folder of a first build).
func real(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for cur := abs; ; {
		r, err := filepath.EvalSymlinks(cur)
		if err == nil {
			return filepath.Join(r, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(cur), rest)
		cur = parent
	}
}

// within reports whether p is dir or inside it (both clean and absolute).
func within(p, dir string) bool {
	if p == dir {
		return true
	}
	if !strings.HasSuffix(dir, string(filepath.Separator)) {
		dir += string(filepath.Separator)
	}
	return strings.HasPrefix(p, dir)
}

// resolve checks that dir may be the output folder of a build that reads
// in, and returns the folder to write: dir itself, or where dir points when
// it is a symlink (the link is kept and the folder it names is replaced, so
// a deploy that follows the link sees the new site).
func resolve(dir string, in Inputs) (string, error) {
	dir = filepath.Clean(dir)
	target := dir
	fi, err := os.Lstat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return "", refuse("output folder %s: %v", dir, err)
	case fi.Mode()&fs.ModeSymlink != 0:
		t, err := filepath.EvalSymlinks(dir)
		if err != nil {
			return "", refuse("output folder %s is a symlink that leads nowhere (%v): point it at a folder, or remove it and build again", dir, err)
		}
		target = t
		if fi, err = os.Stat(t); err != nil {
			return "", refuse("output folder %s: %v", dir, err)
		}
		fallthrough
	default:
		if !fi.IsDir() {
			return "", refuse("output folder %s is a file, not a folder: the build will not replace it; choose another -o", dir)
		}
	}
	out, err := real(target)
	if err != nil {
		return "", refuse("output folder %s: %v", dir, err)
	}
	if root := in.Root; root != "" {
		r, err := real(root)
		if err == nil && within(r, out) {
			what := "contains"
			if r == out {
				what = "is"
			}
			return "", refuse("output folder %s %s the site's source folder %s: the build replaces its output whole and would delete your files; choose a folder of its own, e.g. -o %s", dir, what, root, filepath.Join(root, "public"))
		}
	}
	for _, f := range in.Folders {
		r, err := real(f)
		if err != nil {
			continue
		}
		if within(out, r) || within(r, out) {
			return "", refuse("output folder %s overlaps the input folder %s: the build replaces its output whole and would delete what it reads; choose a folder outside it, e.g. -o public", dir, f)
		}
	}
	if fi != nil && fi.IsDir() && !hasMarker(target) && !isEmpty(target) {
		return "", refuse("output folder %s exists but was not written by this build (it has no %s file): the build replaces its output whole and would delete what is there. Choose another -o, or, if it is an old build output, delete it and build again", dir, MarkerName)
	}
	return target, nil
}

// isEmpty reports whether dir is an empty folder (one made in advance for
// the output is fine to take).
func isEmpty(dir string) bool {
	f, err := os.Open(dir)
	if err != nil {
		return false
	}
	defer f.Close()
	names, err := f.Readdirnames(1)
	return len(names) == 0 && errors.Is(err, io.EOF)
}
