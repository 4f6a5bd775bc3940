// go-cache-bridge: what GOCACHEPROG runs, once per go command, when the go-cache daemon
// serves the job. The same bridge as src/bridge/bridge.ts (`go-cache connect`), natively:
// Node needs ~35 ms to start before any of our code runs and Go starts one cache program
// per go command, so a job of 5–30 go commands pays that many times over.
//
// It greets Go, answers gets the daemon has verified (its verified list, after a size check)
// itself, forwards everything else to the daemon's socket byte for byte and relays the
// answers. If the daemon cannot be reached or goes away, it hands the rest of the command to
// the TypeScript fallback (`node dist/cli/index.js prog --dir DIR`), replaying what the
// daemon still owed, so the store's integrity checks live in one place.
//
// usage: go-cache-bridge connect --socket PATH --dir DIR [--node PATH --cli PATH] [--log-level L]
//
//	go-cache-bridge unpack-modules --gomodcache DIR (see unpack.go; the daemon runs it)
//
// Stdout belongs to the protocol; messages go to stderr.
package main

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
)

const usage = "usage: go-cache-bridge connect --socket PATH --dir DIR [--node PATH --cli PATH] [--log-level debug|info|warn|error]"

type options struct {
	socket   string
	dir      string
	node     string
	cli      string
	logLevel string
}

func parseArgs(args []string) (options, error) {
	var o options
	if len(args) == 0 || args[0] != "connect" {
		return o, errors.New(usage)
	}
	for i := 1; i < len(args); i++ {
		flag, value, inline := strings.Cut(args[i], "=")
		if !inline {
			if i+1 >= len(args) {
				return o, fmt.Errorf("%s needs a value\n%s", flag, usage)
			}
			i++
			value = args[i]
		}
		switch flag {
		case "--socket":
			o.socket = value
		case "--dir":
			o.dir = value
		case "--node":
			o.node = value
		case "--cli":
			o.cli = value
		case "--log-level":
			if _, ok := levels[value]; !ok {
				return o, fmt.Errorf("unexpected %s\n%s", args[i], usage)
			}
			o.logLevel = value
		default:
			return o, fmt.Errorf("unexpected %s\n%s", args[i], usage)
		}
	}
	if o.socket == "" {
		return o, errors.New("connect needs --socket PATH\n" + usage)
	}
	if o.dir == "" {
		home, _ := os.UserHomeDir()
		o.dir = filepath.Join(home, ".cache", "go-cache")
	}
	var err error
	if o.socket, err = filepath.Abs(o.socket); err == nil {
		o.dir, err = filepath.Abs(o.dir)
	}
	return o, err
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "unpack-modules" {
		os.Exit(runUnpack(os.Args[2:]))
	}
	o, err := parseArgs(os.Args[1:])
	if err != nil {
		fmt.Fprintf(os.Stderr, "go-cache: %v\n", err)
		os.Exit(2)
	}
	setLogLevel(o.logLevel)
	// Go may exit before reading our last answers: a write to it must fail, not kill us
	// while the daemon or the fallback still owes work.
	signal.Ignore(syscall.SIGPIPE)
	os.Exit(run(o))
}

var levels = map[string]int{"debug": 0, "info": 1, "warn": 2, "error": 3}
var threshold = levels["warn"]

func setLogLevel(flag string) {
	if l, ok := levels[os.Getenv("GO_CACHE_LOG_LEVEL")]; ok {
		threshold = l
	}
	if l, ok := levels[flag]; ok {
		threshold = l
	}
}

// logf writes like src/util/log.ts: "go-cache: warn: …" on stderr.
func logf(level, format string, args ...any) {
	if levels[level] < threshold {
		return
	}
	prefix := level + ": "
	if level == "info" {
		prefix = ""
	}
	fmt.Fprintf(os.Stderr, "go-cache: %s%s\n", prefix, fmt.Sprintf(format, args...))
}
