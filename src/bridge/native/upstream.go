package main

import (
	"io"
	"sync"
)

// upstream is whoever answers the requests the bridge does not answer itself: the daemon's
// socket, or the fallback process once the daemon is gone. Writes are queued and written by
// a goroutine of its own, so a peer that is slow to read never blocks the bridge while it
// holds its state (the fallback's answers would otherwise wait on the very lock its input
// is written under).
type upstream struct {
	name string
	// greeted: its own greeting (ID 0) was seen and dropped; Go had ours. Guarded by relay.mu.
	greeted bool
	// done is closed when its answers end (it hung up, died, or was dropped).
	done chan struct{}

	mu      sync.Mutex
	wake    *sync.Cond
	pending [][]byte
	closing bool

	w          io.Writer
	closeWrite func() error
	kill       func()
	// wait, for a process, waits for its exit once its output has ended.
	wait func()
}

func newUpstream(name string, w io.Writer, closeWrite func() error, kill func()) *upstream {
	u := &upstream{name: name, done: make(chan struct{}), w: w, closeWrite: closeWrite, kill: kill}
	u.wake = sync.NewCond(&u.mu)
	go u.writeLoop()
	return u
}

// send queues a copy of b.
func (u *upstream) send(b []byte) {
	if len(b) == 0 {
		return
	}
	c := append([]byte(nil), b...)
	u.mu.Lock()
	u.pending = append(u.pending, c)
	u.mu.Unlock()
	u.wake.Signal()
}

// finish half-closes once everything queued is written: the peer answers what it owes and
// then hangs up.
func (u *upstream) finish() {
	u.mu.Lock()
	u.closing = true
	u.mu.Unlock()
	u.wake.Signal()
}

func (u *upstream) writeLoop() {
	failed := false
	for {
		u.mu.Lock()
		for len(u.pending) == 0 && !u.closing {
			u.wake.Wait()
		}
		batch := u.pending
		u.pending = nil
		closing := u.closing
		u.mu.Unlock()
		if !failed && len(batch) > 0 {
			// Whatever piled up goes out in one write.
			var buf []byte
			if len(batch) == 1 {
				buf = batch[0]
			} else {
				for _, b := range batch {
					buf = append(buf, b...)
				}
			}
			// A failed write is the peer going away: its reader sees that and says so.
			_, err := u.w.Write(buf)
			failed = err != nil
		}
		if closing {
			u.mu.Lock()
			empty := len(u.pending) == 0
			u.mu.Unlock()
			if empty {
				_ = u.closeWrite()
				return
			}
		}
	}
}
