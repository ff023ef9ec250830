// Progressive enhancement for the calculators rendered by internal/calc
// (Form). Without JavaScript the page shows the rule table; with it, this
// module reveals the form, reads the three date fields, runs the generated
// calculate() and shows the result. No rule or formula is written here: they
// all come from ./calculators.js, generated from data/. Dates stay
// "YYYY-MM-DD" strings; no Date object is used, so the visitor's time zone
// cannot change anything. Text comes from the form's data-calculator-ui JSON.
import { calculate } from "./calculators.js";

// Lower-case and strip accents so "fevrier", "Février" and "FÉVR" match.
const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[.\s]/g, "");

// A month typed as a number (1–12) or as a name in the page's language: the
// full name or an unambiguous beginning of at least three letters.
function parseMonth(text, months) {
  const t = fold(text);
  if (/^[0-9]{1,2}$/.test(t)) return Number(t);
  if (t.length < 3) return 0;
  const names = months.map(fold);
  const exact = names.indexOf(t);
  if (exact >= 0) return exact + 1;
  const hits = names.map((n, i) => (n.startsWith(t) ? i + 1 : 0)).filter(Boolean);
  return hits.length === 1 ? hits[0] : 0;
}

const pad = (s, w) => String(s).padStart(w, "0");

// Read one date: undefined when all three fields are empty (→ "required"),
// a "YYYY-MM-DD" string when the parts parse (calculate() then checks that the
// day exists), otherwise a value calculate() reports as "invalid".
function readDate(form, name, months) {
  const part = (p) => form.elements.namedItem(`${name}-${p}`).value.trim();
  const d = part("day"), m = part("month"), y = part("year");
  if (!d && !m && !y) return undefined;
  const month = parseMonth(m, months);
  if (!/^[0-9]{1,2}$/.test(d) || !month || !/^[0-9]{4}$/.test(y)) return "invalid";
  return `${y}-${pad(month, 2)}-${pad(d, 2)}`;
}

function formatDate(iso, ui) {
  const [y, m, d] = iso.split("-").map(Number);
  const day = d === 1 && ui.dayOne ? ui.dayOne : String(d);
  return ui.dateFormat.replace("{d}", day).replace("{month}", ui.months[m - 1]).replace("{y}", String(y));
}

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function clearErrors(form) {
  for (const g of form.querySelectorAll(".form-group--error")) g.classList.remove("form-group--error");
  for (const p of form.querySelectorAll("[data-error]")) { p.hidden = true; p.textContent = ""; }
  for (const i of form.querySelectorAll("[aria-invalid]")) i.removeAttribute("aria-invalid");
  const summary = form.querySelector("[data-error-summary]");
  summary.hidden = true;
  summary.querySelector("ul").replaceChildren();
}

function showErrors(form, ui, errors) {
  const summary = form.querySelector("[data-error-summary]");
  const list = summary.querySelector("ul");
  for (const { field, code } of errors) {
    const input = ui.inputs.find((i) => i.name === field);
    if (!input) continue;
    const msg = (input.checks && input.checks[code]) ||
      (input.type === "choice" && ui.errors[`${code}-choice`]) || ui.errors[code] || code;
    const li = el("li");
    const a = el("a", "", `${input.label} – ${msg}`);
    a.href = `#${input.id}`;
    a.addEventListener("click", (ev) => {
      ev.preventDefault();
      const target = document.getElementById(input.id);
      if (target) { target.focus(); target.closest(".form-group").scrollIntoView({ block: "start" }); }
    });
    li.append(a);
    list.append(li);
    const group = form.querySelector(`[data-field="${field}"]`);
    group.classList.add("form-group--error");
    const p = group.querySelector("[data-error]");
    p.textContent = msg;
    p.hidden = false;
    for (const i of group.querySelectorAll("input")) i.setAttribute("aria-invalid", "true");
  }
  summary.hidden = false;
  summary.focus();
}

function showResult(form, ui, out) {
  const region = form.querySelector("[data-result]");
  const dl = el("dl", "calculator__outputs");
  for (const o of ui.outputs) {
    const v = out[o.name];
    const dd = el("dd");
    if (o.type === "date") {
      const t = el("time", "", formatDate(v, ui));
      t.dateTime = v;
      dd.append(t);
    } else if (o.type === "string" || o.type === "bool") {
      dd.textContent = o.values[String(v)] ?? String(v);
    } else {
      dd.textContent = String(v);
    }
    // The legal status of the rules behind this result, when not in force
    // (out.status from calculate(), words from the data).
    const st = out.status && out.status[o.name];
    if (st && st !== "in-force" && ui.statuses && ui.statuses[st]) dd.append(` (${ui.statuses[st]})`);
    dl.append(el("dt", "", o.label), dd);
  }
  region.replaceChildren(dl);
  form.querySelector("[data-result-rules]").hidden = false;
}

function enhance(form) {
  let ui;
  try {
    ui = JSON.parse(form.dataset.calculatorUi);
  } catch {
    return; // leave the rule table in place
  }
  const block = form.closest(".calculator");
  const fallback = block && block.querySelector("[data-calculator-fallback]");
  if (fallback) fallback.hidden = true;
  form.hidden = false;
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const inputs = {};
    for (const i of ui.inputs) {
      if (i.type === "date") {
        const v = readDate(form, i.name, ui.months);
        if (v !== undefined) inputs[i.name] = v;
      } else if (i.type === "choice") {
        const checked = form.querySelector(`input[name="${i.name}"]:checked`);
        if (checked) inputs[i.name] = checked.value;
      } else {
        inputs[i.name] = form.elements.namedItem(i.name).checked;
      }
    }
    clearErrors(form);
    const out = calculate(form.dataset.calculator, inputs);
    if (out.errors) {
      form.querySelector("[data-result]").replaceChildren();
      form.querySelector("[data-result-rules]").hidden = true;
      showErrors(form, ui, out.errors);
    } else {
      showResult(form, ui, out);
    }
  });
}

for (const form of document.querySelectorAll("form[data-calculator][data-calculator-ui]")) enhance(form);
