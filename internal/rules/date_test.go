package rules

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestDateVectors(t *testing.T) {
	f, err := os.Open("testdata/dates.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	line, n := 0, 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fs := strings.Fields(text)
		if len(fs) != 4 {
			t.Fatalf("dates.txt:%d: want 4 fields", line)
		}
		start := MustDate(fs[1])
		k, err := strconv.Atoi(fs[2])
		if err != nil {
			t.Fatalf("dates.txt:%d: %v", line, err)
		}
		want := MustDate(fs[3])
		var got Date
		switch fs[0] {
		case "months":
			got = start.AddMonths(k)
		case "years":
			got = start.AddYears(k)
		case "days":
			got = start.AddDays(k)
		default:
			t.Fatalf("dates.txt:%d: unknown op %q", line, fs[0])
		}
		if got != want {
			t.Errorf("dates.txt:%d: %s %s %d = %s, want %s", line, fs[0], start, k, got, want)
		}
		n++
	}
	if n < 30 {
		t.Fatalf("only %d vectors read", n)
	}
}

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{"2025-12-01", true},
		{"2024-02-29", true},
		{"2025-02-29", false},
		{"1900-02-29", false},
		{"2000-02-29", true},
		{"2025-04-31", false},
		{"2025-13-01", false},
		{"2025-00-10", false},
		{"2025-1-01", false},
		{"25-12-01", false},
		{"2025/12/01", false},
		{"2025-12-0a", false},
		{"0999-12-31", false},
		{"", false},
	} {
		d, err := ParseDate(tc.in)
		if (err == nil) != tc.ok {
			t.Errorf("ParseDate(%q) err = %v, want ok=%v", tc.in, err, tc.ok)
		}
		if err == nil && d.String() != tc.in {
			t.Errorf("round trip %q -> %q", tc.in, d.String())
		}
	}
}

// AddDays and DayNumber agree with the time package (UTC, where day
// arithmetic is exact) over four centuries, including 1900 and 2100.
func TestDayNumberAgainstTime(t *testing.T) {
	start := time.Date(1890, 1, 1, 0, 0, 0, 0, time.UTC)
	d := Date{1890, 1, 1}
	base := d.DayNumber()
	for i := 0; i < 146097+400; i++ {
		tt := start.AddDate(0, 0, i)
		want := Date{tt.Year(), int(tt.Month()), tt.Day()}
		got := FromDayNumber(base + i)
		if got != want {
			t.Fatalf("day %d: got %s want %s", i, got, want)
		}
		if got.DayNumber() != base+i {
			t.Fatalf("DayNumber(%s) = %d, want %d", got, got.DayNumber(), base+i)
		}
		if int(tt.Unix()/86400) != base+i {
			t.Fatalf("epoch offset wrong at %s", got)
		}
	}
}

// AddMonths against a naive reference: step month by month, then clamp.
func TestAddMonthsReference(t *testing.T) {
	ref := func(d Date, n int) Date {
		y, m := d.Year, d.Month
		for ; n > 0; n-- {
			if m++; m == 13 {
				m, y = 1, y+1
			}
		}
		for ; n < 0; n++ {
			if m--; m == 0 {
				m, y = 12, y-1
			}
		}
		day := d.Day
		if day > DaysIn(y, m) {
			day = DaysIn(y, m)
		}
		return Date{y, m, day}
	}
	for d := (Date{1999, 1, 1}); d.Before(Date{2002, 1, 1}); d = d.AddDays(1) {
		for n := -30; n <= 30; n++ {
			if got, want := d.AddMonths(n), ref(d, n); got != want {
				t.Fatalf("%s + %d months = %s, want %s", d, n, got, want)
			}
		}
	}
}

func TestCompare(t *testing.T) {
	a, b := MustDate("2025-11-30"), MustDate("2025-12-01")
	if !a.Before(b) || a.After(b) || b.Before(a) || !b.After(a) || a.Compare(a) != 0 {
		t.Fatal("compare wrong")
	}
	if MinDate(a, b) != a || MaxDate(a, b) != b {
		t.Fatal("min/max wrong")
	}
	if (MustDate("2024-12-31")).Compare(MustDate("2025-01-01")) != -1 {
		t.Fatal("year boundary compare wrong")
	}
}
