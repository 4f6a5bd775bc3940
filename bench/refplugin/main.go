// refplugin is the benchmark's reference GOCACHEPROG plugin: the floor any plugin design
// pays on a warm build (Go's side of the protocol, one process per go command, disk
// lookups). It keeps what a minimal plugin keeps and nothing more: outputs named by their
// OutputID under DIR/o, one small record per action under DIR/a ("<output hex> <size>
// <unix ns>"), no network, no daemon, no trimming.
//
// Usage: GOCACHEPROG="/path/to/refplugin DIR"
package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The wire types of cmd/go/internal/cacheprog.
type request struct {
	ID       int64
	Command  string
	ActionID []byte `json:",omitempty"`
	OutputID []byte `json:",omitempty"`
	BodySize int64  `json:",omitempty"`
}

type response struct {
	ID            int64
	Err           string     `json:",omitempty"`
	KnownCommands []string   `json:",omitempty"`
	Miss          bool       `json:",omitempty"`
	OutputID      []byte     `json:",omitempty"`
	Size          int64      `json:",omitempty"`
	Time          *time.Time `json:",omitempty"`
	DiskPath      string     `json:",omitempty"`
}

type store struct{ dir string }

func (s store) outputPath(out []byte) string {
	return filepath.Join(s.dir, "o", hex.EncodeToString(out))
}

func (s store) actionPath(action []byte) string {
	return filepath.Join(s.dir, "a", hex.EncodeToString(action))
}

func (s store) get(req *request) *response {
	res := &response{ID: req.ID, Miss: true}
	record, err := os.ReadFile(s.actionPath(req.ActionID))
	if err != nil {
		return res
	}
	f := strings.Fields(string(record))
	if len(f) != 3 {
		return res
	}
	out, err1 := hex.DecodeString(f[0])
	size, err2 := strconv.ParseInt(f[1], 10, 64)
	ns, err3 := strconv.ParseInt(f[2], 10, 64)
	if err1 != nil || err2 != nil || err3 != nil {
		return res
	}
	path := s.outputPath(out)
	if fi, err := os.Stat(path); err != nil || fi.Size() != size {
		return res
	}
	t := time.Unix(0, ns)
	return &response{ID: req.ID, OutputID: out, Size: size, Time: &t, DiskPath: path}
}

func (s store) put(req *request, body []byte) *response {
	if int64(len(body)) != req.BodySize {
		return &response{ID: req.ID, Err: "body size mismatch"}
	}
	if sum := sha256.Sum256(body); !bytes.Equal(sum[:], req.OutputID) {
		return &response{ID: req.ID, Err: "body does not match OutputID"}
	}
	path := s.outputPath(req.OutputID)
	if fi, err := os.Stat(path); err != nil || fi.Size() != req.BodySize {
		if err := writeAtomic(path, body); err != nil {
			return &response{ID: req.ID, Err: err.Error()}
		}
	}
	record := fmt.Sprintf("%x %d %d\n", req.OutputID, req.BodySize, time.Now().UnixNano())
	if err := writeAtomic(s.actionPath(req.ActionID), []byte(record)); err != nil {
		return &response{ID: req.ID, Err: err.Error()}
	}
	return &response{ID: req.ID, DiskPath: path}
}

func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

func main() {
	if len(os.Args) != 2 {
		log.Fatal("usage: refplugin DIR")
	}
	s := store{dir: os.Args[1]}
	for _, sub := range []string{"o", "a"} {
		if err := os.MkdirAll(filepath.Join(s.dir, sub), 0o777); err != nil {
			log.Fatal(err)
		}
	}

	out := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(out)
	var mu sync.Mutex
	reply := func(res *response) {
		mu.Lock()
		defer mu.Unlock()
		enc.Encode(res)
		out.Flush()
	}
	reply(&response{KnownCommands: []string{"get", "put", "close"}})

	// Like go-tool-cache: read requests in order, answer each on its own goroutine (Go keeps
	// one request in flight per build worker).
	dec := json.NewDecoder(bufio.NewReader(os.Stdin))
	var wg sync.WaitGroup
	for {
		var req request
		if err := dec.Decode(&req); err != nil {
			if err != io.EOF {
				log.Fatal(err)
			}
			break
		}
		switch req.Command {
		case "get":
			wg.Add(1)
			go func() { defer wg.Done(); reply(s.get(&req)) }()
		case "put":
			var body []byte
			if req.BodySize > 0 {
				if err := dec.Decode(&body); err != nil {
					log.Fatal(err)
				}
			}
			wg.Add(1)
			go func() { defer wg.Done(); reply(s.put(&req, body)) }()
		case "close":
			wg.Wait()
			reply(&response{ID: req.ID})
			return
		default:
			reply(&response{ID: req.ID, Err: "unknown command"})
		}
	}
	wg.Wait()
}
