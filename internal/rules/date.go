package rules

import (
	"fmt"
)

// Date is a civil date: a day on the calendar, not an instant. It has no time
// zone, so no visitor's clock can shift it. The zero value is invalid.
type Date struct {
	Year, Month, Day int
}

// MinYear and MaxYear bound the dates this package accepts: four-digit years
// keep "YYYY-MM-DD" strings ordered like the dates they name, which the
// generated JavaScript relies on.
const (
	MinYear = 1000
	MaxYear = 9999
)

// ParseDate reads exactly "YYYY-MM-DD" (ASCII digits, zero-padded) and
// checks that the day exists.
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	num := func(t string) (int, bool) {
		n := 0
		for i := 0; i < len(t); i++ {
			c := t[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	y, ok1 := num(s[0:4])
	m, ok2 := num(s[5:7])
	d, ok3 := num(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	dt := Date{y, m, d}
	if !dt.Valid() {
		return Date{}, fmt.Errorf("date %q does not exist", s)
	}
	return dt, nil
}

// MustDate is ParseDate for constants in tests and code; it panics on a bad literal.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// String formats the date as "YYYY-MM-DD".
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// IsZero reports whether d is the zero value (no date).
func (d Date) IsZero() bool { return d == Date{} }

// Valid reports whether d names a day of the proleptic Gregorian calendar
// with a year in [MinYear, MaxYear].
func (d Date) Valid() bool {
	return d.Year >= MinYear && d.Year <= MaxYear &&
		d.Month >= 1 && d.Month <= 12 &&
		d.Day >= 1 && d.Day <= DaysIn(d.Year, d.Month)
}

// IsLeap reports whether year is a Gregorian leap year.
func IsLeap(year int) bool {
	return year%4 == 0 && (year%100 != 0 || year%400 == 0)
}

// DaysIn returns the number of days of month (1–12) in year.
func DaysIn(year, month int) int {
	switch month {
	case 2:
		if IsLeap(year) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// floorDiv divides rounding toward minus infinity, so negative month counts
// land in the previous year instead of month 0 or -1.
func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// AddMonths moves n calendar months (n may be negative) and clamps the day
// to the last day of the target month: 31 Jan + 1 month = 28 or 29 Feb. This
// is the convention "calendar-months-clamp-end"; time.AddDate would overflow
// into March instead.
func (d Date) AddMonths(n int) Date {
	total := d.Year*12 + (d.Month - 1) + n
	y := floorDiv(total, 12)
	m := total - y*12 + 1
	day := d.Day
	if last := DaysIn(y, m); day > last {
		day = last
	}
	return Date{y, m, day}
}

// AddYears moves n years with the same clamping (29 Feb + 1 year = 28 Feb).
func (d Date) AddYears(n int) Date { return d.AddMonths(12 * n) }

// AddDays moves n days (n may be negative).
func (d Date) AddDays(n int) Date { return FromDayNumber(d.DayNumber() + n) }

// DayNumber counts days since 1970-01-01 (which is 0), using H. Hinnant's
// days_from_civil, exact for the whole proleptic Gregorian calendar.
func (d Date) DayNumber() int {
	y, m := d.Year, d.Month
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d.Day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// FromDayNumber is the inverse of DayNumber (civil_from_days).
func FromDayNumber(z int) Date {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return Date{y, m, day}
}

// Compare returns -1, 0 or +1 as d is before, equal to or after o.
func (d Date) Compare(o Date) int {
	switch {
	case d.Year != o.Year:
		return sign(d.Year - o.Year)
	case d.Month != o.Month:
		return sign(d.Month - o.Month)
	default:
		return sign(d.Day - o.Day)
	}
}

func sign(x int) int {
	switch {
	case x < 0:
		return -1
	case x > 0:
		return 1
	}
	return 0
}

// Before reports whether d is strictly before o.
func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }

// After reports whether d is strictly after o.
func (d Date) After(o Date) bool { return d.Compare(o) > 0 }

// Equal reports whether d and o are the same day.
func (d Date) Equal(o Date) bool { return d == o }

// MinDate returns the earlier of a and b.
func MinDate(a, b Date) Date {
	if b.Before(a) {
		return b
	}
	return a
}

// MaxDate returns the later of a and b.
func MaxDate(a, b Date) Date {
	if b.After(a) {
		return b
	}
	return a
}
