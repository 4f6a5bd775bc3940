package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strconv"
)

// verifiedLogPath names the daemon's list of entries it verified this session, exactly as
// src/store/verified-log.ts does: one list per daemon, named after its socket address.
func verifiedLogPath(storeDir, socketAddress string) string {
	sum := sha256.Sum256([]byte(socketAddress))
	return filepath.Join(storeDir, "verified-"+hex.EncodeToString(sum[:])[:16]+".log")
}

// outputPath is where the store keeps an output, by its content's name (src/store/output-path.ts).
func outputPath(storeDir, outputHex string) string {
	return filepath.Join(storeDir, "o", outputHex[:2], outputHex)
}

type listedEntry struct {
	outputHex string
	size      int64
	timeMs    int64
}

// verifiedList is a bridge's view of the daemon's list: read once, then only what the daemon
// appended since. Lines are "<action hex> <output hex> <size> <unix ms>"; a later line for
// the same action wins; a line is parsed only when Go asks for its action.
type verifiedList struct {
	file    string
	f       *os.File
	offset  int64
	partial []byte
	lines   map[string]string
	gone    bool
}

func newVerifiedList(file string) *verifiedList {
	return &verifiedList{file: file, lines: map[string]string{}}
}

func (v *verifiedList) lookup(actionHex string) (listedEntry, bool) {
	line, ok := v.lines[actionHex]
	if !ok {
		if !v.refresh() {
			return listedEntry{}, false
		}
		if line, ok = v.lines[actionHex]; !ok {
			return listedEntry{}, false
		}
	}
	return parseEntryLine(line)
}

// refresh reads what the daemon appended; false when nothing new came (or there is no list:
// an older daemon, or none, and every get goes to the daemon).
func (v *verifiedList) refresh() bool {
	if v.gone {
		return false
	}
	if v.f == nil {
		f, err := os.Open(v.file)
		if err != nil {
			v.gone = true
			return false
		}
		v.f = f
	}
	info, err := v.f.Stat()
	if err != nil {
		v.gone = true
		return false
	}
	size := info.Size()
	if size < v.offset {
		// A new daemon started the list over: forget the old one.
		clear(v.lines)
		v.offset = 0
		v.partial = nil
	}
	if size == v.offset {
		return false
	}
	buf := make([]byte, size-v.offset)
	n, err := v.f.ReadAt(buf, v.offset)
	if n == 0 && err != nil {
		v.gone = true
		return false
	}
	v.offset += int64(n)
	text := append(v.partial, buf[:n]...)
	last := bytes.LastIndexByte(text, '\n')
	if last < 0 {
		v.partial = text
		return true
	}
	v.partial = append([]byte(nil), text[last+1:]...)
	for _, line := range bytes.Split(text[:last], []byte{'\n'}) {
		if len(line) > 64 {
			v.lines[string(line[:64])] = string(line)
		}
	}
	return true
}

// parseEntryLine accepts exactly what src/store/entry-lines.ts writes; anything else is no entry.
func parseEntryLine(line string) (listedEntry, bool) {
	// 64 hex, space, 64 hex, space, digits, space, digits
	if len(line) < 64+1+64+1+1+1+1 || line[64] != ' ' || line[129] != ' ' {
		return listedEntry{}, false
	}
	if !isLowerHex(line[:64]) || !isLowerHex(line[65:129]) {
		return listedEntry{}, false
	}
	rest := line[130:]
	sp := bytes.IndexByte([]byte(rest), ' ')
	if sp <= 0 {
		return listedEntry{}, false
	}
	size, ok1 := parseDigits(rest[:sp])
	ms, ok2 := parseDigits(rest[sp+1:])
	if !ok1 || !ok2 {
		return listedEntry{}, false
	}
	return listedEntry{outputHex: line[65:129], size: size, timeMs: ms}, true
}

func isLowerHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

func parseDigits(s string) (int64, bool) {
	if s == "" {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}
