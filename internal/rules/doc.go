// Package rules holds the legal and observed durations and figures of the
// site as data (data/rules/*.yaml), the civil-date arithmetic they apply to,
// and their validation and formatting.
//
// Contract:
//   - Date is a civil {Year, Month, Day}; AddMonths/AddYears clamp to the
//     month's last day ("calendar-months-clamp-end"), AddDays counts calendar
//     days. No time.Time is used, so no time zone can change a result.
//   - Load reads every data/rules/*.yaml (files starting with "_" hold shared
//     data such as unit words) and reports every problem as a diag.Problem
//     with path:line:col; it never panics on bad data.
//   - A parameter id is the file stem + "." + key ("single-permit.renewal-notice").
//   - A parameter must have a value in force on LoadOptions.AsOf (the site's
//     "information as of" date), never the clock.
//   - FormatRule and JSON are deterministic: same data, same bytes.
package rules
