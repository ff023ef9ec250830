// Package calc turns data/calculators.yaml into deadline calculators that
// give the same answer in Go and in the reader's browser: each calculator's
// formulas are parsed once into one expression tree, evaluated here
// (Evaluate: the build's worked examples, the leaflets, the tests) and
// compiled from the same tree into the site's JavaScript (GenerateJS), so
// the law is written once, as rule data, and never re-typed in JavaScript.
//
// Contract:
//   - Load reads the file against a loaded rules.Set: every formula names
//     only declared inputs, outputs and rule parameters (@id), every
//     operation is typed (a date minus a duration is a date; a date plus a
//     number is an error), every text exists in the site's source language
//     (a missing translation is a text to translate, never a failure), and
//     every problem is reported at once at path:line:col — a formula
//     problem points into the formula. The package decodes through
//     internal/yamlpos and imports nothing above the domain (no Markdown).
//   - Evaluate(id, inputs) returns either outputs or field errors, never
//     both, never panics; the rule values used are those in force on the
//     calculator's rules date (its rules_at input, else the site's as-of
//     date), and each output carries the weakest legal status of the values
//     it was computed from (StatusKey), so a value only adopted or proposed
//     is never presented as law in force.
//   - GenerateJS is deterministic and self-contained (no third-party code);
//     for the same inputs it gives the same outputs and the same error codes
//     as Evaluate — the differential test (diff_test.go) runs both on
//     generated vectors in Node.js.
//   - Input years are bounded (MinInputYear..MaxInputYear) so dates keep four
//     digits and date arithmetic cannot overflow, in Go or in JavaScript.
//   - Forms, rule tables and worked examples are HTML fragments in the
//     page's language, rendered by html/template from form.html (embedded):
//     texts come typeset from the data (internal/typography) and the
//     template escapes each for where it lands; a text not translated yet
//     is template data (its language and the "not translated" hint), never
//     HTML built in Go.
package calc
