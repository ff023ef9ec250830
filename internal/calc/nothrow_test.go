package calc

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// calculate() never throws: inputs whose getters throw, Proxies that throw
// on every trap, and odd values give {errors}, for every calculator.
func TestCalculateNeverThrows(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("node not found, and CI=true requires it")
		}
		t.Skip("SKIPPING: node not found in PATH")
	}
	c := loadCalcs(t)
	js, err := c.GenerateJS()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	ids, _ := json.Marshal(c.IDs())
	runner := `import {calculate} from "./calculators.mjs";
const ids = ` + string(ids) + `;
const boom = () => { throw new Error("boom"); };
const hostile = [
  new Proxy({}, {get: boom, has: boom, ownKeys: boom, getOwnPropertyDescriptor: boom}),
  Object.defineProperty({}, "start", {get: boom, enumerable: true}),
  {get start() { throw 1; }, get event() { throw 1; }, get date() { throw 1; }},
  {toString: boom, valueOf: boom},
  Object.create(null),
  [], 42, "x", null, undefined, Symbol("s"),
];
for (const id of ids) {
  for (const [n, h] of hostile.entries()) {
    let r;
    try { r = calculate(id, h); } catch (e) { console.log("THREW " + id + " #" + n + ": " + e); process.exitCode = 1; continue; }
    if (!r || typeof r !== "object") { console.log("NOT AN OBJECT " + id + " #" + n); process.exitCode = 1; }
  }
  // every input of this calculator behind a throwing getter
  const p = new Proxy({}, {get: boom});
  try { calculate(id, p); } catch (e) { console.log("THREW " + id + " proxy get: " + e); process.exitCode = 1; }
}
console.log("ok");
`
	if err := os.WriteFile(filepath.Join(dir, "calculators.mjs"), js, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "run.mjs"), []byte(runner), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, "run.mjs")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "ok") {
		t.Fatalf("%v\n%s", err, out)
	}
}
