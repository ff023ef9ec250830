package site

import (
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/cire-asbl/fabrique/internal/render"
	"github.com/cire-asbl/fabrique/internal/testsite"
)

var updateREADME = flag.Bool("update-readme", false, "rewrite the generated part of themes/default/README.md")

// The theme's README lists every field of every view struct a layout sees
// and every CSS class the layouts and the Go emitters (diagrams, notes,
// calculator forms) write: the contract between the build and a theme.
// The list is generated; go test ./internal/site -run TestThemeREADME
// -update-readme rewrites it.
func TestThemeREADME(t *testing.T) {
	readme := filepath.Join(testsite.ThemesDir(), "default", "README.md")
	src, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	const begin, end = "<!-- generated: views and classes -->\n", "<!-- end generated -->\n"
	i, j := strings.Index(string(src), begin), strings.Index(string(src), end)
	if i < 0 || j < i {
		t.Fatalf("%s has no %q … %q section", readme, begin, end)
	}
	want := rolesSection() + "\n" + viewsSection(t) + "\n" + classesSection(t)
	got := string(src[i+len(begin) : j])
	if got == want {
		return
	}
	if *updateREADME {
		out := string(src[:i+len(begin)]) + want + string(src[j:])
		if err := os.WriteFile(readme, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("%s is out of date: run go test ./internal/site -run TestThemeREADME -update-readme", readme)
}

// fieldDocs reads the comments of struct fields and methods in the Go
// files of dirs, by "Type.Field".
func fieldDocs(t *testing.T, dirs ...string) map[string]string {
	docs := map[string]string{}
	fset := token.NewFileSet()
	for _, dir := range dirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			af, err := parser.ParseFile(fset, f, nil, parser.ParseComments)
			if err != nil {
				t.Fatal(err)
			}
			for _, decl := range af.Decls {
				if fd, ok := decl.(*ast.FuncDecl); ok && fd.Recv != nil && fd.Doc != nil && len(fd.Recv.List) == 1 {
					recv := fd.Recv.List[0].Type
					if s, ok := recv.(*ast.StarExpr); ok {
						recv = s.X
					}
					if id, ok := recv.(*ast.Ident); ok {
						docs[id.Name+"."+fd.Name.Name] = oneLine(fd.Doc.Text())
					}
					continue
				}
				gd, ok := decl.(*ast.GenDecl)
				if !ok {
					continue
				}
				for _, spec := range gd.Specs {
					ts, ok := spec.(*ast.TypeSpec)
					if !ok {
						continue
					}
					st, ok := ts.Type.(*ast.StructType)
					if !ok {
						continue
					}
					for _, fl := range st.Fields.List {
						doc := ""
						if fl.Doc != nil {
							doc = fl.Doc.Text()
						}
						if fl.Comment != nil {
							doc += " " + fl.Comment.Text()
						}
						for _, n := range fl.Names {
							docs[ts.Name.Name+"."+n.Name] = oneLine(doc)
						}
					}
				}
			}
		}
	}
	return docs
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.ReplaceAll(s, "|", `\|`)
}

// rolesSection lists the roles theme.toml may give layouts
// (render.Roles) and which layout plays each in this theme.
func rolesSection() string {
	var b strings.Builder
	b.WriteString("### Roles (`theme.toml`)\n\n| role | layout here | what the build does for the page of each language with that layout |\n| --- | --- | --- |\n")
	th, _ := render.Load(os.DirFS(testsite.ThemesDir()), "default", []string{"fr"}, "fr")
	for _, r := range render.Roles {
		layout := ""
		for _, l := range th.Layouts() {
			if th.Plays(l, r.Name) {
				layout = "`" + l + "`"
			}
		}
		b.WriteString("| `" + r.Name + "` | " + layout + " | " + oneLine(r.What) + " |\n")
	}
	return b.String()
}

// viewsSection documents the view structs reachable from what the theme's
// templates are executed with.
func viewsSection(t *testing.T) string {
	docs := fieldDocs(t, ".", "../leaflet", "../config", "../sources", "../help")
	roots := []reflect.Type{reflect.TypeFor[PageData](), reflect.TypeFor[LayoutView](), reflect.TypeFor[ChooserData](), reflect.TypeFor[WorkedExample]()}
	seen := map[reflect.Type]bool{}
	var order []reflect.Type
	var visit func(reflect.Type)
	visit = func(ty reflect.Type) {
		for ty.Kind() == reflect.Pointer || ty.Kind() == reflect.Slice || ty.Kind() == reflect.Map {
			ty = ty.Elem()
		}
		if ty.Kind() != reflect.Struct || !strings.HasPrefix(ty.PkgPath(), "github.com/cire-asbl/fabrique/") || seen[ty] {
			return
		}
		seen[ty] = true
		order = append(order, ty)
		for i := 0; i < ty.NumField(); i++ {
			if f := ty.Field(i); f.IsExported() {
				visit(f.Type)
			}
		}
		pt := reflect.PointerTo(ty)
		for i := 0; i < pt.NumMethod(); i++ {
			if m := pt.Method(i); m.Type.NumOut() > 0 {
				visit(m.Type.Out(0))
			}
		}
	}
	for _, r := range roots {
		visit(r)
	}
	var b strings.Builder
	b.WriteString("### View structs\n\n")
	for _, ty := range order {
		name := ty.Name()
		b.WriteString("#### " + strings.TrimPrefix(ty.PkgPath(), "github.com/cire-asbl/fabrique/internal/") + "." + name + "\n\n")
		b.WriteString("| field | type | what |\n| --- | --- | --- |\n")
		for i := 0; i < ty.NumField(); i++ {
			f := ty.Field(i)
			if !f.IsExported() {
				continue
			}
			doc := docs[name+"."+f.Name]
			if f.Anonymous {
				doc = "embedded: every field and method of " + f.Type.String() + " " + doc
			}
			b.WriteString("| `" + f.Name + "` | `" + typeName(f.Type) + "` | " + strings.TrimSpace(doc) + " |\n")
		}
		pt := reflect.PointerTo(ty)
		for i := 0; i < pt.NumMethod(); i++ {
			m := pt.Method(i)
			if _, promoted := ty.FieldByName(m.Name); promoted || !declaredOn(ty, m.Name) {
				continue
			}
			var out []string
			for k := 0; k < m.Type.NumOut(); k++ {
				out = append(out, typeName(m.Type.Out(k)))
			}
			b.WriteString("| `" + m.Name + "` (method) | `" + strings.Join(out, ", ") + "` | " + docs[name+"."+m.Name] + " |\n")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// declaredOn reports whether method name is ty's own, not promoted from an
// embedded field.
func declaredOn(ty reflect.Type, name string) bool {
	for i := 0; i < ty.NumField(); i++ {
		f := ty.Field(i)
		if !f.Anonymous {
			continue
		}
		if _, ok := f.Type.MethodByName(name); ok {
			return false
		}
	}
	return true
}

func typeName(ty reflect.Type) string {
	return strings.ReplaceAll(ty.String(), "github.com/cire-asbl/fabrique/internal/", "")
}

var classAttr = regexp.MustCompile(`class=\\?"([^"\\]*)`)

// classesSection lists the static class names the layouts and the Go
// emitters write, with where they come from.
func classesSection(t *testing.T) string {
	from := map[string]map[string]bool{}
	add := func(src, where string) {
		for _, m := range classAttr.FindAllStringSubmatch(src, -1) {
			for _, c := range strings.Fields(m[1]) {
				if strings.ContainsAny(c, "{}%[]^") {
					continue // a computed class: see the prose above
				}
				if from[c] == nil {
					from[c] = map[string]bool{}
				}
				from[c][where] = true
			}
		}
	}
	layouts, _ := filepath.Glob(filepath.Join(testsite.ThemesDir(), "default", "layouts", "*.html"))
	for _, f := range layouts {
		src, _ := os.ReadFile(f)
		add(string(src), "layouts/"+filepath.Base(f))
	}
	gos, _ := filepath.Glob("../*/*.go")
	// The templates embedded in Go packages (calc's form.html, pathway's
	// figure.html) write classes too.
	embedded, _ := filepath.Glob("../*/*.html")
	gos = append(gos, embedded...)
	for _, f := range gos {
		// qa holds the browser tests; serve's overlay carries its own style.
		if strings.HasSuffix(f, "_test.go") || strings.Contains(f, "/qa/") || strings.Contains(f, "/serve/") {
			continue
		}
		src, _ := os.ReadFile(f)
		add(string(src), "internal/"+strings.TrimPrefix(filepath.ToSlash(f), "../"))
	}
	names := make([]string, 0, len(from))
	for c := range from {
		names = append(names, c)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("### CSS classes\n\n| class | written by |\n| --- | --- |\n")
	for _, c := range names {
		var ws []string
		for w := range from[c] {
			ws = append(ws, w)
		}
		sort.Strings(ws)
		b.WriteString("| `" + c + "` | " + strings.Join(ws, ", ") + " |\n")
	}
	return b.String()
}
