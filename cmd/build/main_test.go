package main

import (
	"os"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// The CLI's behaviour — flags, exit codes, what lands in the output folder —
// is tested as whole-command scripts in testdata/script/*.txtar.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"build": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: "testdata/script", Setup: func(env *testscript.Env) error {
		// The scripts use the real theme.
		return os.CopyFS(env.WorkDir+"/themes", os.DirFS("../../themes"))
	}})
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"unknown flag", []string{"-nope"}, 2},
		{"unknown command", []string{"frobnicate"}, 2},
		{"stray argument", []string{"build", "extra"}, 2},
		{"no site", []string{"-src", dir, "-o", dir + "/out"}, 1},
		{"check no site", []string{"check", "-src", dir}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errw strings.Builder
			if got := run(tt.args, &out, &errw); got != tt.want {
				t.Errorf("exit %d, want %d; stderr:\n%s", got, tt.want, errw.String())
			}
		})
	}
}
