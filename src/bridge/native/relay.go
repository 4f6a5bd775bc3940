package main

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"sync"
	"time"
)

// wireRequest is a request as cmd/go/internal/cacheprog writes it.
type wireRequest struct {
	ID       int64
	Command  string
	ActionID []byte
	BodySize int64
}

// inFlight is a request an upstream has not answered yet; a put keeps its body text so
// that it can be replayed to the fallback if the daemon goes away.
type inFlight struct {
	id       int64
	command  string
	header   []byte
	bodySize int64
	body     []byte
	bodyDone bool
}

type relay struct {
	opts options
	list *verifiedList

	mu         sync.Mutex
	up         *upstream // nil: nothing answers but this process (no store at all)
	daemonUp   bool
	unanswered map[int64]*inFlight
	// notes are `answered` lines for gets answered here, sent ahead of the next forwarded bytes.
	notes     []byte
	hangingUp bool
	// closeAnswered: the daemon answered Go's close, its last request, and hangs up next,
	// which may come before Go closes our input. Set with the answer, under the lock that
	// takes close off unanswered, so a daemon lost while close is on its way is not mistaken
	// for one that finished.
	closeAnswered bool
	fatal         bool
	drained       chan struct{}
	isDrained     bool

	outMu     sync.Mutex
	out       *bufio.Writer
	outBroken bool

	gets, answeredHere int
}

func run(o options) int {
	r := &relay{
		opts:       o,
		list:       newVerifiedList(verifiedLogPath(o.dir, o.socket)),
		unanswered: map[int64]*inFlight{},
		drained:    make(chan struct{}),
		out:        bufio.NewWriterSize(os.Stdout, 64<<10),
	}
	// Go waits for this before sending anything: greet before connecting.
	r.writeOut([]byte(`{"ID":0,"KnownCommands":["get","put","close"]}` + "\n"))
	r.flushOut()
	r.connect()
	r.pump(os.Stdin)
	return r.hangUp()
}

func (r *relay) connect() {
	conn, err := net.DialTimeout("unix", r.opts.socket, 5*time.Second)
	r.mu.Lock()
	defer r.mu.Unlock()
	if err != nil {
		r.daemonLost(fmt.Sprintf("cannot reach the go-cache daemon at %s (%v)", r.opts.socket, err))
		return
	}
	uc := conn.(*net.UnixConn)
	r.up = newUpstream("daemon", conn, uc.CloseWrite, func() { _ = conn.Close() })
	r.daemonUp = true
	go r.readAnswers(r.up, conn)
}

// pump reads Go's requests until Go closes its end (or sends something unreadable).
func (r *relay) pump(in io.Reader) {
	br := bufio.NewReaderSize(in, 64<<10)
	var header []byte
	var expectBody, inBody *inFlight
	lastForwarded := false
	for !r.fatal {
		chunk, err := br.ReadSlice('\n')
		whole := err == nil
		if err != nil && err != bufio.ErrBufferFull && len(chunk) == 0 {
			break
		}
		switch {
		case inBody != nil:
			r.bodyPart(inBody, chunk, whole)
			if whole {
				inBody = nil
			}
		case len(header) == 0 && whole && isBlank(chunk):
			// cmd/go writes an empty line after each request: it goes where the request went.
			if lastForwarded {
				r.forward(chunk, nil)
			}
		case len(header) == 0 && expectBody != nil:
			// The line after a put with a body is its body, a JSON string of base64.
			inBody, expectBody = expectBody, nil
			r.bodyPart(inBody, chunk, whole)
			if whole {
				inBody = nil
			}
		default:
			header = append(header, chunk...)
			if !whole && len(header) <= 1<<20 {
				break
			}
			req, forwarded := r.request(header)
			header = header[:0]
			lastForwarded = forwarded
			if req != nil && req.command == "put" && req.bodySize > 0 {
				expectBody = req
			}
		}
		if err != nil && err != bufio.ErrBufferFull {
			break // the input ended (a line without its newline was handled above)
		}
		if br.Buffered() == 0 {
			r.flushOut()
		}
	}
	r.flushOut()
}

func isBlank(line []byte) bool {
	return len(bytes.TrimSpace(line)) == 0
}

// request handles one request line: answered here from the verified list, or forwarded.
// It returns what is now in flight (nil when answered here) and whether the line went on.
func (r *relay) request(line []byte) (*inFlight, bool) {
	var req wireRequest
	if err := json.Unmarshal(line, &req); err != nil {
		// The daemon reads the same bytes: it answers what came before and refuses this,
		// or hangs up when it cannot read on.
		r.forward(line, nil)
		if !json.Valid(line) {
			r.mu.Lock()
			r.fatal = true // read under the lock by the goroutine that hears the hang-up
			r.mu.Unlock()
		}
		return nil, true
	}
	if req.Command == "get" && len(req.ActionID) > 0 {
		r.gets++
		if r.answerFromList(&req) {
			return nil, false
		}
	}
	inf := &inFlight{
		id:       req.ID,
		command:  req.Command,
		header:   append([]byte(nil), line...),
		bodySize: req.BodySize,
	}
	r.forward(line, inf)
	return inf, true
}

// answerFromList answers a get the daemon has already verified without waiting for it. The
// daemon still hears of it (an `answered` line: counted, kept in use, its bundle's order
// noted) ahead of the next request forwarded.
func (r *relay) answerFromList(req *wireRequest) bool {
	r.mu.Lock()
	up := r.daemonUp
	r.mu.Unlock()
	if !up {
		return false
	}
	entry, ok := r.list.lookup(hex.EncodeToString(req.ActionID))
	if !ok {
		return false
	}
	diskPath := outputPath(r.opts.dir, entry.outputHex)
	// A file gone or cut since the daemon checked it: let the daemon decide.
	if info, err := os.Stat(diskPath); err != nil || info.Size() != entry.size {
		return false
	}
	outputID, _ := hex.DecodeString(entry.outputHex)
	r.writeOut(hitLine(req.ID, outputID, entry.size, entry.timeMs, diskPath))
	r.answeredHere++
	note := make([]byte, 0, 100)
	note = append(note, `{"ID":`...)
	note = strconv.AppendInt(note, req.ID, 10)
	note = append(note, `,"Command":"answered","ActionID":"`...)
	note = base64.StdEncoding.AppendEncode(note, req.ActionID)
	note = append(note, "\"}\n"...)
	r.mu.Lock()
	r.notes = append(r.notes, note...)
	r.mu.Unlock()
	return true
}

// hitLine is the answer src/protocol/types.ts encodes for a hit.
func hitLine(id int64, outputID []byte, size, timeMs int64, diskPath string) []byte {
	b := make([]byte, 0, 256)
	b = append(b, `{"ID":`...)
	b = strconv.AppendInt(b, id, 10)
	b = append(b, `,"OutputID":"`...)
	b = base64.StdEncoding.AppendEncode(b, outputID)
	b = append(b, '"')
	if size != 0 {
		b = append(b, `,"Size":`...)
		b = strconv.AppendInt(b, size, 10)
	}
	b = append(b, `,"Time":"`...)
	b = time.UnixMilli(timeMs).UTC().AppendFormat(b, "2006-01-02T15:04:05.000Z")
	b = append(b, `","DiskPath":`...)
	quoted, _ := json.Marshal(diskPath)
	b = append(b, quoted...)
	return append(b, "}\n"...)
}

// forward sends bytes to whoever answers now; inf, when set, is what they will owe.
func (r *relay) forward(data []byte, inf *inFlight) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if inf != nil {
		r.unanswered[inf.id] = inf
	}
	if r.up == nil {
		if inf != nil {
			r.answerOurselves(inf)
		}
		return
	}
	if len(r.notes) > 0 {
		r.up.send(r.notes)
		r.notes = r.notes[:0]
	}
	r.up.send(data)
}

// bodyPart relays a piece of a put's body and keeps it for a replay.
func (r *relay) bodyPart(inf *inFlight, chunk []byte, whole bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	inf.body = append(inf.body, chunk...)
	inf.bodyDone = whole
	if r.up != nil && r.unanswered[inf.id] == inf {
		r.up.send(chunk)
	}
}

// readAnswers relays an upstream's answers to Go, each once, and only those Go waits for.
func (r *relay) readAnswers(up *upstream, from io.Reader) {
	br := bufio.NewReaderSize(from, 64<<10)
	var partial []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			partial = append(partial, chunk...)
			continue
		}
		if err != nil {
			break // a line cut short by the end is no answer
		}
		line := chunk
		if partial != nil {
			line = append(partial, chunk...)
			partial = nil
		}
		r.answer(up, line)
		if br.Buffered() == 0 {
			r.flushOut()
		}
	}
	r.flushOut()
	r.upstreamEnded(up)
}

func (r *relay) answer(up *upstream, line []byte) {
	r.mu.Lock()
	defer r.mu.Unlock()
	id, ok := answerID(line)
	if ok && id == 0 && !up.greeted {
		up.greeted = true // the bridge already greeted Go itself
		return
	}
	if r.up != up {
		return // a lost daemon's last words: the fallback answers those requests
	}
	inf := r.unanswered[id]
	if !ok || inf == nil {
		// Passing it on would make Go abort the build.
		logf("warn", "dropping an answer the %s should not have sent: %.100s", up.name, line)
		return
	}
	delete(r.unanswered, id)
	if inf.command == "close" {
		r.closeAnswered = true
	}
	r.writeOut(line)
	r.drainedIfDone()
}

// answerID reads the ID the daemon writes first in every answer, without parsing the line.
func answerID(line []byte) (int64, bool) {
	rest, ok := bytes.CutPrefix(line, []byte(`{"ID":`))
	if !ok {
		return 0, false
	}
	end := 0
	for end < len(rest) && end < 20 && rest[end] >= '0' && rest[end] <= '9' {
		end++
	}
	id, err := strconv.ParseInt(string(rest[:end]), 10, 64)
	return id, err == nil
}

func (r *relay) upstreamEnded(up *upstream) {
	if up.wait != nil {
		up.wait()
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	close(up.done)
	if r.up != up {
		return
	}
	if r.fatal || len(r.unanswered) == 0 && (r.hangingUp || r.closeAnswered) {
		// It hung up after answering everything Go will send (or after Go sent something
		// unreadable).
		r.isDrainedNow()
		return
	}
	// Gone before Go was done, perhaps between requests while Go compiled: what Go sends
	// next needs someone to answer it too.
	if up.name == "daemon" {
		r.daemonLost("the go-cache daemon went away mid-command")
		return
	}
	logf("warn", "the fallback process ended before go was done (%d requests unanswered): gets miss and puts fail for the rest of this go command", len(r.unanswered))
	r.up = nil
	r.answerAllOurselves()
}

// daemonLost hands what the daemon owed, and the rest of the command, to the fallback:
// `node dist/cli/index.js prog --dir DIR` serving the store directly. Called with r.mu held.
func (r *relay) daemonLost(reason string) {
	logf("warn", "%s; serving this go command from %s directly", reason, r.opts.dir)
	r.daemonUp = false
	r.notes = nil
	if r.up != nil {
		r.up.kill()
		r.up.finish()
	}
	r.up = r.startFallback()
	if r.up == nil {
		r.answerAllOurselves()
		return
	}
	ids := make([]int64, 0, len(r.unanswered))
	for id := range r.unanswered {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		inf := r.unanswered[id]
		r.up.send(inf.header)
		r.up.send([]byte("\n"))
		// A body still arriving goes on as Go sends it (bodyPart writes to the new upstream).
		r.up.send(inf.body)
	}
	if r.hangingUp {
		r.up.finish()
	}
}

func (r *relay) startFallback() *upstream {
	if r.opts.node == "" || r.opts.cli == "" {
		logf("warn", "no fallback given (--node, --cli): gets miss and puts fail for the rest of this go command")
		return nil
	}
	cmd := exec.Command(r.opts.node, r.opts.cli, "prog", "--dir", r.opts.dir)
	cmd.Stderr = os.Stderr
	stdin, err1 := cmd.StdinPipe()
	stdout, err2 := cmd.StdoutPipe()
	if err1 == nil && err2 == nil {
		err1 = cmd.Start()
	}
	if err1 != nil || err2 != nil {
		logf("warn", "cannot start the fallback %s %s prog: %v", r.opts.node, r.opts.cli, errors.Join(err1, err2))
		return nil
	}
	up := newUpstream("fallback", stdin, stdin.Close, func() { _ = cmd.Process.Kill() })
	up.wait = func() { _ = cmd.Wait() }
	go r.readAnswers(up, stdout)
	return up
}

// answerAllOurselves is the last resort: gets miss, puts fail, Go recomputes. r.mu held.
func (r *relay) answerAllOurselves() {
	ids := make([]int64, 0, len(r.unanswered))
	for id := range r.unanswered {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		r.answerOurselves(r.unanswered[id])
	}
	r.flushOut()
}

func (r *relay) answerOurselves(inf *inFlight) {
	delete(r.unanswered, inf.id)
	var line string
	switch inf.command {
	case "get":
		line = fmt.Sprintf(`{"ID":%d,"Miss":true}`, inf.id)
	case "close":
		line = fmt.Sprintf(`{"ID":%d}`, inf.id)
	default:
		line = fmt.Sprintf(`{"ID":%d,"Err":"no go-cache store available"}`, inf.id)
	}
	r.writeOut([]byte(line + "\n"))
	r.drainedIfDone()
}

func (r *relay) drainedIfDone() {
	if r.hangingUp && len(r.unanswered) == 0 {
		r.isDrainedNow()
	}
}

func (r *relay) isDrainedNow() {
	if !r.isDrained {
		r.isDrained = true
		close(r.drained)
	}
}

// hangUp waits for every answer still owed, lets Go go on, and returns the exit code.
func (r *relay) hangUp() int {
	r.mu.Lock()
	r.hangingUp = true
	logf("debug", "bridge: answered %d of %d gets from the verified list", r.answeredHere, r.gets)
	if r.up != nil {
		r.up.send(r.notes)
		r.notes = nil
		r.up.finish()
	}
	if r.up == nil || len(r.unanswered) == 0 && !r.fatal {
		r.isDrainedNow()
	}
	r.mu.Unlock()
	<-r.drained
	r.flushOut()
	code := 1
	if !r.fatal {
		// Everything is answered: Go goes on once its end of stdout closes, not at our exit.
		_ = os.Stdout.Close()
		code = 0
	}
	r.mu.Lock()
	up := r.up
	r.mu.Unlock()
	if up != nil {
		<-up.done
	}
	return code
}

func (r *relay) writeOut(line []byte) {
	r.outMu.Lock()
	defer r.outMu.Unlock()
	if r.outBroken {
		return
	}
	if _, err := r.out.Write(line); err != nil {
		r.outBroken = true // Go is gone: answers have nowhere to go
	}
}

func (r *relay) flushOut() {
	r.outMu.Lock()
	defer r.outMu.Unlock()
	if !r.outBroken && r.out.Flush() != nil {
		r.outBroken = true
	}
}
