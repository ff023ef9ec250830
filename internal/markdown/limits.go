package markdown

import (
	"bytes"
	"fmt"
)

// Limits on a page body, checked in one linear pass before goldmark sees
// it. goldmark is fast on real pages but super-linear on some shapes —
// lists nested 2,000 deep took 45 s, 30,000 "[a](" 10.5 s, 100,000
// reference definitions 70 s — and one such page must not hang a build or
// the preview. Each limit is far above anything a page here needs (the
// longest page is 5 KB with 20 brackets and lists 2 deep) and far below
// where goldmark slows down.
const (
	// MaxBodyBytes is the largest page body: 1 MiB, 200 times the longest
	// page.
	MaxBodyBytes = 1 << 20
	// MaxBrackets bounds "[": links, citations, notes and reference
	// definitions together (5,000 unclosed "[a](" already take half a second).
	MaxBrackets = 2000
	// MaxNesting bounds how deep lists and quotes nest (counting markers
	// and indentation at the start of a line, two columns a level).
	MaxNesting = 32
)

// checkLimits reports the first limit body exceeds, or nil.
func checkLimits(body []byte) (off int, msg string) {
	if len(body) > MaxBodyBytes {
		return MaxBodyBytes, fmt.Sprintf("the page is %d KB, more than the %d KB a page may have: split it into several pages", len(body)>>10, MaxBodyBytes>>10)
	}
	brackets := 0
	for i := 0; i < len(body); {
		// One line: its nesting prefix, then its brackets.
		end := bytes.IndexByte(body[i:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += i
		}
		if d := nesting(body[i:end]); d > MaxNesting {
			return i, fmt.Sprintf("lists or quotes nested %d deep (at most %d): flatten the list", d, MaxNesting)
		}
		for j := i; j < end; j++ {
			if body[j] == '[' {
				brackets++
				if brackets > MaxBrackets {
					return j, fmt.Sprintf("more than %d links, citations and notes ('[') on one page: split the page", MaxBrackets)
				}
			}
		}
		i = end + 1
	}
	return -1, ""
}

// nesting estimates how deep a line sits: one level per quote or list
// marker at its start, one per two columns of indentation.
func nesting(line []byte) int {
	markers, cols := 0, 0
	for i := 0; i < len(line); {
		switch c := line[i]; {
		case c == ' ':
			cols++
			i++
		case c == '\t':
			cols += 4
			i++
		case c == '>':
			markers++
			i++
		case (c == '-' || c == '*' || c == '+') && (i+1 == len(line) || line[i+1] == ' ' || line[i+1] == '\t'):
			markers++
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j < len(line) && (line[j] == '.' || line[j] == ')') && (j+1 == len(line) || line[j+1] == ' ') {
				markers++
				i = j + 1
				continue
			}
			return markers + cols/2
		default:
			return markers + cols/2
		}
	}
	return markers + cols/2
}
