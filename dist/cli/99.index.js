export const id = 99;
export const ids = [99];
export const modules = {

/***/ 6099:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runBridge: () => (/* binding */ runBridge)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/protocol/base64-decoder.ts
var base64_decoder = __webpack_require__(5296);
// EXTERNAL MODULE: ./src/protocol/request-parser.ts
var request_parser = __webpack_require__(1025);
// EXTERNAL MODULE: ./src/protocol/response-writer.ts
var response_writer = __webpack_require__(1093);
// EXTERNAL MODULE: ./src/protocol/server.ts
var server = __webpack_require__(9309);
// EXTERNAL MODULE: ./src/protocol/types.ts
var types = __webpack_require__(2773);
// EXTERNAL MODULE: ./src/util/log.ts
var log = __webpack_require__(9906);
;// CONCATENATED MODULE: ./src/bridge/fd-output.ts
// The bridge's stdout as plain write(2) calls on fd 1, in the shape ResponseWriter uses.
//
// A get the bridge answers from the verified list costs one write to Go. Through a
// net.Socket (process.stdout) that write also runs Node's stream machinery (cork, writev,
// write requests, callbacks): about half of the bridge's CPU per answered get in a profile
// of `go vet`, on the two cores go is using. Go hands us a blocking pipe and reads it all the
// time, so writing it synchronously costs only the system call. Closing fd 1 ourselves also
// lets Go go on as soon as everything is answered (process.stdout closes only at exit).

class FdOutput {
    fd;
    writableEnded = false;
    destroyed = false;
    corks = 0;
    pending = '';
    onError;
    constructor(fd) {
        this.fd = fd;
    }
    on(event, listener) {
        if (event === 'error')
            this.onError = listener;
        return this;
    }
    once(event, listener) {
        return this.on(event, listener);
    }
    cork() {
        this.corks++;
    }
    uncork() {
        if (this.corks > 0 && --this.corks === 0)
            this.flush();
    }
    write(text, callback) {
        if (this.corks > 0)
            this.pending += text;
        else
            this.writeNow(text);
        callback?.();
        return true;
    }
    end(callback) {
        this.corks = 0;
        this.flush();
        if (!this.writableEnded) {
            this.writableEnded = true;
            try {
                external_node_fs_.closeSync(this.fd);
                // Keep the number taken: nothing opened later may become "stdout" by accident.
                if (this.fd <= 2)
                    external_node_fs_.openSync('/dev/null', 'w');
            }
            catch {
                // Already closed: Go is gone.
            }
        }
        callback?.();
    }
    flush() {
        const text = this.pending;
        this.pending = '';
        if (text)
            this.writeNow(text);
    }
    writeNow(text) {
        if (this.destroyed || this.writableEnded)
            return;
        let data = Buffer.from(text);
        try {
            while (data.length > 0) {
                let written;
                try {
                    written = external_node_fs_.writeSync(this.fd, data);
                }
                catch (err) {
                    // Someone made the pipe non-blocking and it is full: wait for Go to read.
                    if (err.code !== 'EAGAIN')
                        throw err;
                    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
                    continue;
                }
                data = data.subarray(written);
            }
        }
        catch (err) {
            // Go is gone (EPIPE): answers have nowhere to go.
            this.destroyed = true;
            this.onError?.(err);
        }
    }
}
/** Stdout as an FdOutput where fd 1 is a pipe or socket (not on Windows), else process.stdout. */
function protocolOutput() {
    if (process.platform === 'win32')
        return process.stdout;
    try {
        const stat = external_node_fs_.fstatSync(1);
        if (!stat.isFIFO() && !stat.isSocket())
            return process.stdout;
    }
    catch {
        return process.stdout;
    }
    return new FdOutput(1);
}

// EXTERNAL MODULE: ./src/daemon/socket-path.ts
var socket_path = __webpack_require__(3103);
// EXTERNAL MODULE: ./src/store/output-path.ts
var output_path = __webpack_require__(2658);
// EXTERNAL MODULE: ./src/store/verified-log.ts
var verified_log = __webpack_require__(8494);
;// CONCATENATED MODULE: ./src/bridge/bridge.ts
// The GOCACHEPROG target when a daemon runs: relays Go's stdio to the daemon's socket.
//
// Bytes pass through unchanged, but the bridge follows the framing on both sides so it
// always knows which requests are unanswered. Go aborts the build if its cache program
// exits with requests pending, so if the daemon goes away the bridge answers those itself
// (gets as misses; puts it stores itself from the body text it kept) and serves the rest of
// the go command from the local store directly, with one warning on stderr.
//
// Every request of a go command crosses this process twice, so the relay path is kept
// synchronous: no promise or timer sits between reading a chunk and writing it on.
//
// Go starts one bridge per go command, so what it loads is start-up every command waits
// for: this module loads node:fs, node:net and node:path and the protocol code only. The
// fallback's store (node:crypto, node:fs/promises) is imported when the daemon is lost.













async function runBridge(options) {
    const output = protocolOutput();
    const writer = new response_writer/* ResponseWriter */.T(output);
    // Go waits for this before sending anything: greet before connecting.
    writer.send({ ID: 0, KnownCommands: [...types/* GO_COMMANDS */.cg] });
    const relay = new Relay(writer, options, () => writer.end(output === process.stdout));
    await relay.connect();
    await relay.pump(process.stdin);
    await writer.end(output === process.stdout);
    return relay.fatal ? 1 : 0;
}
class Relay {
    writer;
    options;
    endOutput;
    fatal = false;
    daemonUp = false;
    socket;
    parser = new request_parser/* RequestParser */.X();
    unanswered = new Map();
    /** The put whose body is being read now. */
    current;
    /** Decodes the current body once the daemon is gone and this process stores it. */
    decoder;
    /** We are hanging up ourselves (Go closed, or sent garbage): not a lost daemon. */
    hangingUp = false;
    partialLine = '';
    greetingSeen = false;
    fallback;
    /** Work done in this process runs in order, one chunk's events after the other's. */
    queue = Promise.resolve();
    input;
    verified;
    storeDir;
    gets = 0;
    answeredHere = 0;
    /** `answered` lines not yet sent to the daemon. */
    notes = '';
    /** Called once the daemon has answered everything, while hanging up. */
    drained;
    constructor(writer, options, 
    /** Flushes and closes what Go reads: Go goes on once that closes. */
    endOutput) {
        this.writer = writer;
        this.options = options;
        this.endOutput = endOutput;
        // Bodies pass through as text; decoding is only needed if we end up storing one.
        this.parser.rawBodies = true;
        this.storeDir = external_node_path_.resolve(options.fallbackDir);
        this.verified = new verified_log/* VerifiedLogReader */.md((0,verified_log/* verifiedLogPath */.q9)(this.storeDir, (0,socket_path/* socketAddress */.Q)(options.socket)));
    }
    async connect() {
        const address = (0,socket_path/* socketAddress */.Q)(this.options.socket);
        try {
            this.socket = await openSocket(address, this.options.connectTimeoutMs ?? 5000);
        }
        catch (err) {
            this.daemonLost(`cannot reach the go-cache daemon at ${address} (${(0,server/* messageOf */.bD)(err)})`);
            return;
        }
        this.daemonUp = true;
        this.socket.setEncoding('utf8');
        this.socket.on('data', (text) => this.relayAnswers(text));
        this.socket.on('error', () => { });
        this.socket.on('close', () => {
            if (this.daemonUp && !this.hangingUp) {
                this.daemonLost('the go-cache daemon went away mid-command');
            }
        });
    }
    /** Reads Go's requests until Go closes its end (or sends something unreadable). */
    pump(input) {
        this.input = input;
        return new Promise(resolve => {
            const stop = () => {
                this.hangingUp = true;
                input.off('data', onData);
                input.pause();
                void this.queue.then(() => this.hangUp()).then(resolve);
            };
            const onData = (chunk) => {
                const startsRequest = this.parser.atBoundary();
                const events = this.parser.push(chunk);
                if (this.daemonUp) {
                    for (const event of events)
                        this.track(event);
                    const answered = this.answeredHereOnly(events);
                    if (startsRequest && this.parser.atBoundary() && answered) {
                        this.noteAnswered(answered);
                    }
                    else {
                        this.sendNotes(this.socket);
                        if (!this.socket.write(chunk)) {
                            input.pause();
                            this.socket.once('drain', () => input.resume());
                        }
                    }
                    if (this.fatal)
                        stop();
                    return;
                }
                // The daemon is gone: serve from the store, in order, reading on only when done.
                input.pause();
                this.enqueue(async () => {
                    for (const event of events) {
                        if (!(await this.serveDirectly(event)))
                            return stop();
                    }
                    input.resume();
                });
            };
            input.on('data', onData);
            input.once('end', () => {
                const rest = this.parser.end();
                this.enqueue(async () => {
                    for (const event of rest)
                        await this.serveDirectly(event);
                });
                stop();
            });
        });
    }
    enqueue(work) {
        this.queue = this.queue.then(work).catch(err => (0,log/* log */.Rm)('warn', `bridge: ${(0,server/* messageOf */.bD)(err)}`));
    }
    /** Notes what the daemon now owes us. */
    track(event) {
        switch (event.type) {
            case 'request':
                this.unanswered.set(event.request.ID, {
                    request: event.request,
                    answered: this.answerFromList(event.request)
                });
                break;
            case 'bodyStart':
                this.current = { request: event.request, body: [] };
                this.unanswered.set(event.request.ID, this.current);
                break;
            case 'bodyRaw':
                this.current?.body?.push(event.data);
                break;
            case 'bodyEnd':
            case 'bodyError':
                if (this.current)
                    this.current.bodyDone = true;
                this.current = undefined;
                break;
            case 'invalid':
                this.unanswered.set(event.id, { request: { ID: event.id, Command: '', BodySize: 0 } });
                break;
            case 'fatal':
                // The daemon sees the same bytes, answers what it can and hangs up.
                this.fatal = true;
                break;
        }
    }
    /**
     * Answers a get the daemon has already verified without waiting for it. The request still
     * goes to the daemon (counted, kept in use, its bundle's order noted); its answer is dropped.
     */
    answerFromList(request) {
        if (request.Command !== 'get' || !request.ActionID)
            return false;
        this.gets++;
        const entry = this.verified.lookup(request.ActionID.toString('hex'));
        if (!entry)
            return false;
        const hex = entry.outputHex;
        const diskPath = (0,output_path/* outputPathIn */.c)(this.storeDir, hex);
        try {
            // A file gone or cut since the daemon checked it: let the daemon decide.
            if (external_node_fs_.statSync(diskPath).size !== entry.size)
                return false;
        }
        catch {
            return false;
        }
        this.writer.sendHit(request.ID, {
            outputID: Buffer.from(hex, 'hex'),
            size: entry.size,
            time: new Date(entry.timeMs),
            diskPath
        });
        this.answeredHere++;
        return true;
    }
    /**
     * The requests, when they are whole gets the bridge answered and nothing else: the daemon
     * need not answer them, so they reach it later, batched as `answered` lines before the next
     * bytes we forward. A get costs a write and a read on each side otherwise, on the two cores
     * go is using.
     */
    answeredHereOnly(events) {
        const requests = [];
        for (const event of events) {
            if (event.type !== 'request' || !this.unanswered.get(event.request.ID)?.answered)
                return;
            requests.push(event.request);
        }
        return requests.length > 0 ? requests : undefined;
    }
    noteAnswered(requests) {
        for (const request of requests) {
            this.unanswered.delete(request.ID);
            const actionID = request.ActionID.toString('base64');
            this.notes += `{"ID":${request.ID},"Command":"${types/* ANSWERED_COMMAND */.Ud}","ActionID":"${actionID}"}\n`;
        }
    }
    /**
     * Writes the queued `answered` lines, if any: ending the socket with an empty write
     * (`end('')`) lost the daemon's last answers.
     */
    sendNotes(socket) {
        if (!this.notes)
            return;
        socket.write(this.notes);
        this.notes = '';
    }
    /** Handles a request in this process, after the daemon went away. */
    async serveDirectly(event) {
        const session = await this.fallbackSession();
        let more = true;
        for (const decoded of this.decode(event))
            more = await session.handle(decoded);
        if (session.result.fatal)
            this.fatal = true;
        return more;
    }
    /** Turns the parser's raw body text into what a protocol session takes. */
    decode(event) {
        try {
            switch (event.type) {
                case 'bodyStart':
                    this.decoder = new base64_decoder/* Base64Decoder */.G();
                    return [event];
                case 'bodyRaw':
                    if (!this.decoder)
                        return []; // this body already failed
                    return [{ type: 'bodyData', data: this.decoder.write(event.data) }];
                case 'bodyEnd':
                    if (!this.decoder)
                        return [];
                    this.decoder.end();
                    this.decoder = undefined;
                    return [event];
                default:
                    return [event];
            }
        }
        catch (err) {
            this.decoder = undefined;
            return [{ type: 'bodyError', message: (0,server/* messageOf */.bD)(err) }];
        }
    }
    async hangUp() {
        this.hangingUp = true;
        (0,log/* log */.Rm)('debug', `bridge: answered ${this.answeredHere} of ${this.gets} gets from the verified list`);
        const socket = this.socket;
        const daemonUp = this.daemonUp && socket !== undefined;
        if (daemonUp) {
            this.sendNotes(socket);
            socket.end();
            // Answers still owed are relayed as they come.
            if (this.unanswered.size > 0 && !socket.closed) {
                await new Promise(resolve => {
                    this.drained = resolve;
                    socket.once('close', resolve);
                });
            }
        }
        await this.fallback?.settle();
        // Everything is answered: let Go go on now rather than after the daemon's hang-up and
        // Node's teardown. Unless Go sent something unreadable: the daemon answers what came
        // before it as far as it can, then hangs up.
        if (!this.fatal)
            await this.endOutput();
        if (daemonUp && !socket.closed)
            await new Promise(resolve => socket.once('close', resolve));
    }
    relayAnswers(text) {
        const data = this.partialLine + text;
        const last = data.lastIndexOf('\n');
        if (last < 0) {
            this.partialLine = data;
            return;
        }
        this.partialLine = data.slice(last + 1);
        let out = '';
        let start = 0;
        while (start <= last) {
            const end = data.indexOf('\n', start);
            const line = data.slice(start, end + 1);
            start = end + 1;
            const id = answerId(line);
            if (id === 0 && !this.greetingSeen) {
                this.greetingSeen = true; // the bridge already greeted Go itself
                continue;
            }
            const inFlight = id === undefined ? undefined : this.unanswered.get(id);
            if (!inFlight) {
                // Passing it on would make Go abort the build.
                (0,log/* log */.Rm)('warn', `dropping an answer the daemon should not have sent: ${line.slice(0, 100)}`);
                continue;
            }
            if (inFlight.request.Command === 'close')
                this.hangingUp = true;
            this.unanswered.delete(id);
            if (!inFlight.answered)
                out += line;
        }
        if (out)
            this.writer.sendLine(out);
        if (this.drained && this.unanswered.size === 0)
            this.drained();
    }
    /**
     * Answers what the daemon owed: gets miss, and puts are stored here from the body text
     * we kept (Go fails some commands when a put fails, e.g. its package index).
     */
    daemonLost(reason) {
        this.daemonUp = false;
        this.socket?.destroy();
        (0,log/* log */.Rm)('warn', `${reason}; serving this go command from ${this.options.fallbackDir} directly`);
        const puts = [];
        for (const [id, inFlight] of this.unanswered) {
            const command = inFlight.request.Command;
            if (inFlight.answered)
                continue;
            if (command === 'get')
                this.writer.send({ ID: id, Miss: true });
            else if (command === 'close')
                this.writer.send({ ID: id });
            else if (command === 'put')
                puts.push(inFlight);
            else
                this.writer.send({ ID: id, Err: 'go-cache daemon went away' });
        }
        this.unanswered.clear();
        this.enqueue(async () => {
            for (const put of puts) {
                const replay = [{ type: 'request', request: put.request }];
                if (put.body) {
                    replay[0] = { type: 'bodyStart', request: put.request };
                    for (const data of put.body)
                        replay.push({ type: 'bodyRaw', data });
                    // A body still arriving goes on through serveDirectly as the input comes in.
                    if (put.bodyDone)
                        replay.push({ type: 'bodyEnd' });
                }
                for (const event of replay)
                    await this.serveDirectly(event);
            }
        });
        // Reading may be paused waiting for the socket to drain, which will never happen now.
        this.input?.resume();
    }
    async fallbackSession() {
        if (this.fallback)
            return this.fallback;
        try {
            const [{ LocalStore }, { createCacheHandler }, { newStats }] = await Promise.all([
                __webpack_require__.e(/* import() */ 754).then(__webpack_require__.bind(__webpack_require__, 9754)),
                __webpack_require__.e(/* import() */ 981).then(__webpack_require__.bind(__webpack_require__, 4981)),
                __webpack_require__.e(/* import() */ 461).then(__webpack_require__.bind(__webpack_require__, 7461))
            ]);
            const store = await LocalStore.open(this.options.fallbackDir);
            this.fallback = new server/* ProtocolSession */.Tm(this.writer, createCacheHandler(store, newStats()), {
                log: message => (0,log/* log */.Rm)('warn', message)
            });
        }
        catch (err) {
            (0,log/* log */.Rm)('warn', `cannot open ${this.options.fallbackDir}: ${(0,server/* messageOf */.bD)(err)}`);
            this.fallback = new server/* ProtocolSession */.Tm(this.writer, noStore);
        }
        return this.fallback;
    }
}
/** The last resort: every get misses, every put is refused; Go then just recomputes. */
const noStore = {
    get: async () => undefined,
    put: () => {
        throw new Error('no cache store available');
    }
};
/** The daemon writes ID first in every answer: read it without parsing the whole line. */
function answerId(line) {
    if (!line.startsWith('{"ID":'))
        return undefined;
    const id = parseInt(line.slice(6, 30), 10);
    return Number.isSafeInteger(id) ? id : undefined;
}
function openSocket(address, timeoutMs) {
    return new Promise((resolve, reject) => {
        const socket = external_node_net_.connect(address);
        const timer = setTimeout(() => {
            socket.destroy();
            reject(new Error(`no answer within ${timeoutMs} ms`));
        }, timeoutMs);
        socket.once('connect', () => {
            clearTimeout(timer);
            resolve(socket);
        });
        socket.once('error', err => {
            clearTimeout(timer);
            reject(err);
        });
    });
}


/***/ }),

/***/ 3103:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ socketAddress)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _util_sha256_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6701);


/**
 * The address the daemon listens on. Windows has no Unix sockets for Node: a path there
 * becomes a named pipe derived from it, so `serve` and `connect` agree on the same name.
 * No node:crypto here: the bridge computes it on every start.
 */
function socketAddress(socket, platform = process.platform) {
    if (platform !== 'win32' || socket.startsWith('\\\\.\\pipe\\'))
        return socket;
    return `\\\\.\\pipe\\go-cache-${(0,_util_sha256_js__WEBPACK_IMPORTED_MODULE_1__/* .sha256Hex */ .f)(node_path__WEBPACK_IMPORTED_MODULE_0__.resolve(socket)).slice(0, 16)}`;
}


/***/ }),

/***/ 8494:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cC: () => (/* binding */ VerifiedLogWriter),
/* harmony export */   md: () => (/* binding */ VerifiedLogReader),
/* harmony export */   q9: () => (/* binding */ verifiedLogPath)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _util_sha256_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6701);
/* harmony import */ var _entry_lines_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3203);
// The daemon's list of entries it has verified this session, read by the connect bridges.
//
// Every get otherwise crosses two processes (Go → bridge → daemon and back), and on two
// cores each hop waits for the scheduler. The daemon appends one line per entry whose bytes
// it hashed or wrote itself; a bridge answers a get listed there at once, still forwarding
// the request so the daemon counts it and keeps its bookkeeping. Only the daemon's own
// session is trusted: it starts the list empty, and a bridge checks the file's size too.
// A later line for the same action wins (a put may replace a record).




/**
 * One list per daemon (named after its socket): daemons sharing a store keep their own.
 * No node:crypto in this module: every bridge reads the list on start.
 */
function verifiedLogPath(storeDir, socketAddress) {
    return node_path__WEBPACK_IMPORTED_MODULE_1__.join(node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(storeDir), `verified-${(0,_util_sha256_js__WEBPACK_IMPORTED_MODULE_2__/* .sha256Hex */ .f)(socketAddress).slice(0, 16)}.log`);
}
/** The daemon's side: one line per entry, the same entry never twice. */
class VerifiedLogWriter {
    file;
    appender;
    /** What each listed action's line said. */
    listed = new Map();
    constructor(file) {
        this.file = file;
        // Whatever a previous daemon verified is not ours to vouch for.
        this.appender = new _entry_lines_js__WEBPACK_IMPORTED_MODULE_3__/* .EntryAppender */ .gp(file, true);
    }
    add(actionHex, entry) {
        if (this.listed.get(actionHex) === entry.outputHex)
            return;
        this.listed.set(actionHex, entry.outputHex);
        this.appender.add(actionHex, entry);
    }
    /** Stops vouching: bridges still running find no list and ask the daemon. */
    close() {
        this.appender.close();
        node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync(this.file, { force: true });
    }
}
/**
 * A bridge's view of the list: read once, then only what was appended since. A line is
 * parsed only when Go asks for its action: a go command asks for a fraction of a list that
 * holds every entry of the job so far.
 */
class VerifiedLogReader {
    file;
    /** The last line of each action, unparsed, or what it parsed to (undefined: malformed). */
    entries = new Map();
    offset = 0;
    partial = '';
    fd;
    gone = false;
    constructor(file) {
        this.file = file;
    }
    lookup(actionHex) {
        let entry = this.entries.get(actionHex);
        if (entry === undefined) {
            if (!this.refresh())
                return undefined;
            entry = this.entries.get(actionHex);
        }
        if (typeof entry !== 'string')
            return entry;
        const parsed = new Map();
        (0,_entry_lines_js__WEBPACK_IMPORTED_MODULE_3__/* .parseEntryLines */ .ri)([entry], parsed);
        const result = parsed.get(actionHex);
        this.entries.set(actionHex, result);
        return result;
    }
    /** Reads what the daemon appended since last time; false when nothing new came. */
    refresh() {
        if (this.gone)
            return false;
        try {
            this.fd ??= node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync(this.file, 'r');
            const size = node_fs__WEBPACK_IMPORTED_MODULE_0__.fstatSync(this.fd).size;
            if (size < this.offset) {
                // A new daemon started the list over: forget the old one.
                this.entries.clear();
                this.offset = 0;
                this.partial = '';
            }
            if (size === this.offset)
                return false;
            const buffer = Buffer.allocUnsafe(size - this.offset);
            const read = node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync(this.fd, buffer, 0, buffer.length, this.offset);
            this.offset += read;
            const lines = (this.partial + buffer.toString('latin1', 0, read)).split('\n');
            this.partial = lines.pop();
            // A later line for the same action wins (a put may replace a record).
            for (const line of lines)
                if (line.length > 64)
                    this.entries.set(line.slice(0, 64), line);
            return true;
        }
        catch {
            // No list (an older daemon, or none): every get goes to the daemon.
            this.gone = true;
            return false;
        }
    }
}


/***/ }),

/***/ 6701:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ sha256Hex)
/* harmony export */ });
// SHA-256 of a short string in plain JavaScript, for names the daemon and its bridges must
// agree on (the verified list's file, the Windows pipe name), never for cache data.
//
// Go starts a bridge per go command, and loading node:crypto costs a bridge ~7 ms of its
// ~50 ms start (measured on a 2-core runner). Every byte served is still checked by the
// daemon or, after a fallback, by the local store with node:crypto.
const K = new Uint32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
]);
/** The hex SHA-256 of `text` as UTF-8, like createHash('sha256').update(text).digest('hex'). */
function sha256Hex(text) {
    const data = Buffer.from(text, 'utf8');
    const blocks = Math.ceil((data.length + 9) / 64);
    const padded = Buffer.alloc(blocks * 64);
    data.copy(padded);
    padded[data.length] = 0x80;
    const bits = data.length * 8;
    padded.writeUInt32BE(Math.floor(bits / 2 ** 32), padded.length - 8);
    padded.writeUInt32BE(bits >>> 0, padded.length - 4);
    const h = new Uint32Array([
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
    ]);
    const w = new Uint32Array(64);
    const rotr = (x, n) => (x >>> n) | (x << (32 - n));
    for (let block = 0; block < blocks; block++) {
        for (let i = 0; i < 16; i++)
            w[i] = padded.readUInt32BE(block * 64 + i * 4);
        for (let i = 16; i < 64; i++) {
            const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
            const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        let [a, b, c, d, e, f, g, hh] = h;
        for (let i = 0; i < 64; i++) {
            const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) >>> 0;
            const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
            hh = g;
            g = f;
            f = e;
            e = (d + t1) >>> 0;
            d = c;
            c = b;
            b = a;
            a = (t1 + t2) >>> 0;
        }
        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
        h[5] += f;
        h[6] += g;
        h[7] += hh;
    }
    return Array.from(h, x => x.toString(16).padStart(8, '0')).join('');
}


/***/ })

};
