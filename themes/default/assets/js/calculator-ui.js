// Progressive enhancement for the calculators rendered by internal/calc
// (Form). Without JavaScript the page shows a worked example and the rule
// table; with it, this module reveals the form, reads the three date fields,
// runs the generated calculate() and shows a result a person can act on:
// for each date, one sentence (who must act, by when), the days left from
// the visitor's today or a warning that the date is past, a calendar file;
// then the next step, the help link and "print my dates"; then the rules.
//
// No rule or formula is written here: they all come from ./calculators.js,
// generated from data/. Every text and every output comes from the form's
// data-calculator-ui JSON (data/calculators.yaml): no output name is written
// here. Dates stay "YYYY-MM-DD" strings; the only Date object reads the
// visitor's today, in the browser (the build never reads the clock).
// Nothing typed leaves the device: the .ics file is made here, as a blob.
import { calculate } from "./calculators.js";

// Lower-case and strip accents so "fevrier", "Février" and "FÉVR." match.
const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[.\s]/g, "");

// A month typed as a number (1–12) or as a word: a full name or usual
// abbreviation in any site language ("mrt", "mars", "maart", "march"), or an
// unambiguous beginning of at least three letters.
export function parseMonth(text, monthNames) {
  const t = fold(text);
  if (/^[0-9]{1,2}$/.test(t)) return Number(t);
  if (t.length < 3) return 0;
  const exact = new Set(), start = new Set();
  monthNames.forEach((names, i) => {
    for (const n of names) {
      const f = fold(n);
      if (f === t) exact.add(i + 1);
      else if (f.startsWith(t)) start.add(i + 1);
    }
  });
  if (exact.size) return exact.size === 1 ? [...exact][0] : 0;
  return start.size === 1 ? [...start][0] : 0;
}

const pad = (s, w) => String(s).padStart(w, "0");

// Read one date: {value: undefined} when all three fields are empty
// (calculate() then says "required"), {value: "YYYY-MM-DD"} when the parts
// parse (calculate() checks that the day exists), {value: "invalid"}
// otherwise — or {code} for a mistake found here (a two-digit year).
function readDate(form, name, ui) {
  const part = (p) => form.elements.namedItem(`${name}-${p}`).value.trim();
  const d = part("day"), m = part("month"), y = part("year");
  if (!d && !m && !y) return { value: undefined };
  if (/^[0-9]{2}$/.test(y) && ui.errors["year-digits"]) return { code: "year-digits" };
  const month = parseMonth(m, ui.monthNames || [ui.months.map((x) => [x])]);
  if (!/^[0-9]{1,2}$/.test(d) || !month || !/^[0-9]{4}$/.test(y)) return { value: "invalid" };
  return { value: `${y}-${pad(month, 2)}-${pad(d, 2)}` };
}

function formatDate(iso, ui) {
  const [y, m, d] = iso.split("-").map(Number);
  const day = d === 1 && ui.dayOne ? ui.dayOne : String(d);
  return ui.dateFormat.replace("{d}", day).replace("{month}", ui.months[m - 1]).replace("{y}", String(y));
}

// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm): whole
// days, no time zone, no daylight-saving hour.
export function dayNumber(iso) {
  const [y0, m, d] = iso.split("-").map(Number);
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400), yoe = y - era * 400;
  const doy = Math.floor((153 * ((m + 9) % 12) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

function todayISO() {
  const t = new Date();
  return `${t.getFullYear()}-${pad(t.getMonth() + 1, 2)}-${pad(t.getDate(), 2)}`;
}

const fill = (tpl, vars) => (tpl || "").replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));

// fillNodes is fill() where some values are DOM nodes (a <time>).
function fillNodes(parent, tpl, vars) {
  const re = /\{(\w+)\}/g;
  let last = 0, m;
  while ((m = re.exec(tpl))) {
    parent.append(tpl.slice(last, m.index));
    const v = vars[m[1]];
    parent.append(v === undefined ? m[0] : v);
    last = re.lastIndex;
  }
  parent.append(tpl.slice(last));
}

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

// iCalendar (RFC 5545): text escaped, lines folded at 75 octets, CRLF.
const icsText = (s) => s.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
function icsFold(line) {
  const enc = new TextEncoder();
  const out = [];
  let cur = "", size = 0;
  for (const ch of line) {
    const n = enc.encode(ch).length;
    if (size + n > (out.length ? 74 : 75)) { out.push(cur); cur = ""; size = 0; }
    cur += ch; size += n;
  }
  out.push(cur);
  return out.join("\r\n ");
}

// One all-day event on date, reminders two weeks and one day before, the
// page's address; made in the browser, nothing is sent anywhere.
export function icsEvent({ date, summary, description, url, uid, reminder }) {
  const now = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  const day = date.replace(/-/g, "");
  const alarm = (trigger) => ["BEGIN:VALARM", "ACTION:DISPLAY", `DESCRIPTION:${icsText(reminder)}`, `TRIGGER:${trigger}`, "END:VALARM"];
  const lines = [
    "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//fabrique//calculators//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
    "BEGIN:VEVENT", `UID:${uid}`, `DTSTAMP:${now}`, `DTSTART;VALUE=DATE:${day}`,
    `SUMMARY:${icsText(summary)}`, `DESCRIPTION:${icsText(description)}`, `URL:${url}`, "TRANSP:TRANSPARENT",
    ...alarm("-P14D"), ...alarm("-P1D"),
    "END:VEVENT", "END:VCALENDAR",
  ];
  return lines.map(icsFold).join("\r\n") + "\r\n";
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

const urls = new Set(); // blob URLs of earlier results, released on the next one

function showResult(form, ui, out) {
  const region = form.querySelector("[data-result]");
  for (const u of urls) URL.revokeObjectURL(u);
  urls.clear();
  const text = ui.text || {};
  const today = todayISO();
  const todayText = formatDate(today, ui);
  const page = location.href.split("#")[0];
  const nodes = [];
  const others = el("dl", "calculator__outputs");
  for (const o of ui.outputs) {
    const v = out[o.name];
    if (v === undefined) continue;
    if (o.type !== "date") {
      const dd = el("dd", "", o.type === "string" || o.type === "bool" ? (o.values[String(v)] ?? String(v)) : String(v));
      others.append(el("dt", "", o.label), dd);
      continue;
    }
    const dateText = formatDate(v, ui);
    const box = el("div", `result-date result-date--${o.kind || "info"}`);
    box.dataset.output = o.name;
    // Deadline or advice, in words (never colour alone).
    if (ui.kinds && ui.kinds[o.kind] && !(o.sentence || "").startsWith(ui.kinds[o.kind])) {
      box.append(el("p", "result-date__kind", ui.kinds[o.kind]));
    }
    const sentence = el("p", "result-date__sentence");
    const t = el("time", "", dateText);
    t.dateTime = v;
    const strong = el("strong");
    strong.append(t);
    fillNodes(sentence, o.sentence || text.sentence || "{label}: {value}", { label: o.label, value: strong, date: strong.cloneNode(true) });
    box.append(sentence);
    // What kind of rule the date rests on, when it is not law in force.
    const st = out.status && out.status[o.name];
    if (st && st !== "in-force" && ui.statuses && ui.statuses[st]) {
      box.append(el("p", "result-date__status", `(${ui.statuses[st]})`));
    }
    const n = dayNumber(v) - dayNumber(today);
    if (n < 0) {
      box.classList.add("result-date--past");
      const warn = el("p", "result-date__past");
      warn.append(el("strong", "", fill(n === -1 ? text.past_one : text.past, { n: -n, today: todayText })));
      if (o.past) warn.append(" ", o.past);
      box.append(warn);
    } else {
      box.append(el("p", "result-date__days",
        fill(n === 0 ? text.due_today : n === 1 ? text.days_left_one : text.days_left, { n, today: todayText })));
      if (text.add_calendar) {
        const summary = ui.event ? `${ui.event} – ${o.label}` : o.label;
        const ics = icsEvent({
          date: v, summary, url: page,
          description: `${sentence.textContent}\n${page}`,
          uid: `${form.dataset.calculator}-${o.name}-${v.replace(/-/g, "")}@${location.host || "localhost"}`,
          reminder: fill(text.event_reminder || "{event} {date}", { event: summary, date: dateText }),
        });
        const a = el("a", "button button--secondary calculator__ics", text.add_calendar);
        const blob = new Blob([ics], { type: "text/calendar" });
        a.href = URL.createObjectURL(blob);
        urls.add(a.href);
        a.download = `${form.dataset.calculator}-${v}.ics`;
        a.dataset.ics = o.name;
        box.append(a);
      }
    }
    nodes.push(box);
  }
  if (others.childElementCount) nodes.push(others);
  if (ui.nextStep || text.next_step) {
    const next = el("p", "calculator__next");
    if (ui.nextStep) next.append(el("strong", "", text.next_step || ""), " ", ui.nextStep, " ");
    const help = document.getElementById("help");
    if (help && text.help_link) {
      const a = el("a", "", text.help_link);
      a.href = "#help";
      next.append(a);
    }
    if (next.textContent.trim()) nodes.push(next);
  }
  if (text.print_dates) {
    const b = el("button", "button button--secondary calculator__print", text.print_dates);
    b.type = "button";
    b.addEventListener("click", () => printDates(form));
    nodes.push(b);
  }
  region.replaceChildren(...nodes);
  form.querySelector("[data-result-rules]").hidden = false;
}

// Print only this calculator's result and rules (see the print rules in
// site.css): the reader's own dates on paper.
function printDates(form) {
  const block = form.closest(".calculator") || form;
  document.body.classList.add("print-dates");
  block.classList.add("print-target");
  const done = () => {
    document.body.classList.remove("print-dates");
    block.classList.remove("print-target");
    window.removeEventListener("afterprint", done);
  };
  window.addEventListener("afterprint", done);
  window.print();
}

function enhance(form) {
  let ui;
  try {
    ui = JSON.parse(form.dataset.calculatorUi);
  } catch {
    return; // leave the worked example and the rule table in place
  }
  const block = form.closest(".calculator");
  const fallback = block && block.querySelector("[data-calculator-fallback]");
  if (fallback) fallback.hidden = true;
  form.hidden = false;
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const inputs = {};
    const early = [];
    for (const i of ui.inputs) {
      if (i.type === "date") {
        const r = readDate(form, i.name, ui);
        if (r.code) early.push({ field: i.name, code: r.code });
        else if (r.value !== undefined) inputs[i.name] = r.value;
      } else if (i.type === "choice") {
        const checked = form.querySelector(`input[name="${i.name}"]:checked`);
        if (checked) inputs[i.name] = checked.value;
      } else {
        inputs[i.name] = form.elements.namedItem(i.name).checked;
      }
    }
    clearErrors(form);
    const out = calculate(form.dataset.calculator, inputs);
    // A field found wrong here replaces what calculate() said of it.
    const errors = early.concat((out.errors || []).filter((e) => !early.some((x) => x.field === e.field)));
    if (errors.length) {
      form.querySelector("[data-result]").replaceChildren();
      form.querySelector("[data-result-rules]").hidden = true;
      showErrors(form, ui, errors);
    } else {
      showResult(form, ui, out);
    }
  });
}

for (const form of document.querySelectorAll("form[data-calculator][data-calculator-ui]")) enhance(form);
