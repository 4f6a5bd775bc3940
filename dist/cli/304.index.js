export const id = 304;
export const ids = [304];
export const modules = {

/***/ 5304:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runBridge: () => (/* binding */ runBridge)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _cache_cache_handler_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5965);
/* harmony import */ var _cache_stats_js__WEBPACK_IMPORTED_MODULE_13__ = __webpack_require__(7461);
/* harmony import */ var _daemon_socket_path_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3103);
/* harmony import */ var _protocol_base64_decoder_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5296);
/* harmony import */ var _protocol_request_parser_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(1025);
/* harmony import */ var _protocol_response_writer_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(1093);
/* harmony import */ var _protocol_server_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(9309);
/* harmony import */ var _protocol_types_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(2773);
/* harmony import */ var _store_local_store_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(7448);
/* harmony import */ var _store_verified_log_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(8494);
/* harmony import */ var _util_log_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(9906);
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














async function runBridge(options) {
    const writer = new _protocol_response_writer_js__WEBPACK_IMPORTED_MODULE_7__/* .ResponseWriter */ .T(process.stdout);
    // Go waits for this before sending anything: greet before connecting.
    writer.send({ ID: 0, KnownCommands: [..._protocol_types_js__WEBPACK_IMPORTED_MODULE_12__/* .GO_COMMANDS */ .cg] });
    const relay = new Relay(writer, options);
    await relay.connect();
    await relay.pump(process.stdin);
    await writer.end(true);
    return relay.fatal ? 1 : 0;
}
class Relay {
    writer;
    options;
    fatal = false;
    daemonUp = false;
    socket;
    parser = new _protocol_request_parser_js__WEBPACK_IMPORTED_MODULE_6__/* .RequestParser */ .X();
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
    constructor(writer, options) {
        this.writer = writer;
        this.options = options;
        // Bodies pass through as text; decoding is only needed if we end up storing one.
        this.parser.rawBodies = true;
        this.storeDir = node_path__WEBPACK_IMPORTED_MODULE_2__.resolve(options.fallbackDir);
        this.verified = new _store_verified_log_js__WEBPACK_IMPORTED_MODULE_10__/* .VerifiedLogReader */ .md((0,_store_verified_log_js__WEBPACK_IMPORTED_MODULE_10__/* .verifiedLogPath */ .q9)(this.storeDir, (0,_daemon_socket_path_js__WEBPACK_IMPORTED_MODULE_4__/* .socketAddress */ .Q)(options.socket)));
    }
    async connect() {
        const address = (0,_daemon_socket_path_js__WEBPACK_IMPORTED_MODULE_4__/* .socketAddress */ .Q)(this.options.socket);
        try {
            this.socket = await openSocket(address, this.options.connectTimeoutMs ?? 5000);
        }
        catch (err) {
            this.daemonLost(`cannot reach the go-cache daemon at ${address} (${(0,_protocol_server_js__WEBPACK_IMPORTED_MODULE_8__/* .messageOf */ .bD)(err)})`);
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
        this.queue = this.queue.then(work).catch(err => (0,_util_log_js__WEBPACK_IMPORTED_MODULE_11__/* .log */ .R)('warn', `bridge: ${(0,_protocol_server_js__WEBPACK_IMPORTED_MODULE_8__/* .messageOf */ .bD)(err)}`));
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
        const diskPath = (0,_store_local_store_js__WEBPACK_IMPORTED_MODULE_9__/* .outputPathIn */ .cL)(this.storeDir, hex);
        try {
            // A file gone or cut since the daemon checked it: let the daemon decide.
            if (node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync(diskPath).size !== entry.size)
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
            this.notes += `{"ID":${request.ID},"Command":"${_protocol_types_js__WEBPACK_IMPORTED_MODULE_12__/* .ANSWERED_COMMAND */ .Ud}","ActionID":"${actionID}"}\n`;
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
                    this.decoder = new _protocol_base64_decoder_js__WEBPACK_IMPORTED_MODULE_5__/* .Base64Decoder */ .G();
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
            return [{ type: 'bodyError', message: (0,_protocol_server_js__WEBPACK_IMPORTED_MODULE_8__/* .messageOf */ .bD)(err) }];
        }
    }
    async hangUp() {
        this.hangingUp = true;
        (0,_util_log_js__WEBPACK_IMPORTED_MODULE_11__/* .log */ .R)('debug', `bridge: answered ${this.answeredHere} of ${this.gets} gets from the verified list`);
        const socket = this.socket;
        if (this.daemonUp && socket) {
            this.sendNotes(socket);
            socket.end();
            if (!socket.closed)
                await new Promise(resolve => socket.once('close', resolve));
        }
        await this.fallback?.settle();
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
                (0,_util_log_js__WEBPACK_IMPORTED_MODULE_11__/* .log */ .R)('warn', `dropping an answer the daemon should not have sent: ${line.slice(0, 100)}`);
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
    }
    /**
     * Answers what the daemon owed: gets miss, and puts are stored here from the body text
     * we kept (Go fails some commands when a put fails, e.g. its package index).
     */
    daemonLost(reason) {
        this.daemonUp = false;
        this.socket?.destroy();
        (0,_util_log_js__WEBPACK_IMPORTED_MODULE_11__/* .log */ .R)('warn', `${reason}; serving this go command from ${this.options.fallbackDir} directly`);
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
            const store = await _store_local_store_js__WEBPACK_IMPORTED_MODULE_9__/* .LocalStore */ .Vs.open(this.options.fallbackDir);
            this.fallback = new _protocol_server_js__WEBPACK_IMPORTED_MODULE_8__/* .ProtocolSession */ .Tm(this.writer, (0,_cache_cache_handler_js__WEBPACK_IMPORTED_MODULE_3__/* .createCacheHandler */ .v)(store, (0,_cache_stats_js__WEBPACK_IMPORTED_MODULE_13__/* .newStats */ .C)()), {
                log: message => (0,_util_log_js__WEBPACK_IMPORTED_MODULE_11__/* .log */ .R)('warn', message)
            });
        }
        catch (err) {
            (0,_util_log_js__WEBPACK_IMPORTED_MODULE_11__/* .log */ .R)('warn', `cannot open ${this.options.fallbackDir}: ${(0,_protocol_server_js__WEBPACK_IMPORTED_MODULE_8__/* .messageOf */ .bD)(err)}`);
            this.fallback = new _protocol_server_js__WEBPACK_IMPORTED_MODULE_8__/* .ProtocolSession */ .Tm(this.writer, noStore);
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
        const socket = node_net__WEBPACK_IMPORTED_MODULE_1__.connect(address);
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
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);


/**
 * The address the daemon listens on. Windows has no Unix sockets for Node: a path there
 * becomes a named pipe derived from it, so `serve` and `connect` agree on the same name.
 */
function socketAddress(socket) {
    if (process.platform !== 'win32' || socket.startsWith('\\\\.\\pipe\\'))
        return socket;
    const digest = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(socket)).digest('hex').slice(0, 16);
    return `\\\\.\\pipe\\go-cache-${digest}`;
}


/***/ }),

/***/ 8494:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cC: () => (/* binding */ VerifiedLogWriter),
/* harmony export */   md: () => (/* binding */ VerifiedLogReader),
/* harmony export */   q9: () => (/* binding */ verifiedLogPath)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _entry_lines_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3203);
// The daemon's list of entries it has verified this session, read by the connect bridges.
//
// Every get otherwise crosses two processes (Go → bridge → daemon and back), and on two
// cores each hop waits for the scheduler. The daemon appends one line per entry whose bytes
// it hashed or wrote itself; a bridge answers a get listed there at once, still forwarding
// the request so the daemon counts it and keeps its bookkeeping. Only the daemon's own
// session is trusted: it starts the list empty, and a bridge checks the file's size too.
// A later line for the same action wins (a put may replace a record).




/** One list per daemon (named after its socket): daemons sharing a store keep their own. */
function verifiedLogPath(storeDir, socketAddress) {
    const tag = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(socketAddress).digest('hex').slice(0, 16);
    return node_path__WEBPACK_IMPORTED_MODULE_2__.join(node_path__WEBPACK_IMPORTED_MODULE_2__.resolve(storeDir), `verified-${tag}.log`);
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
        node_fs__WEBPACK_IMPORTED_MODULE_1__.rmSync(this.file, { force: true });
    }
}
/** A bridge's view of the list: read once, then only what was appended since. */
class VerifiedLogReader {
    file;
    entries = new Map();
    offset = 0;
    partial = '';
    fd;
    gone = false;
    constructor(file) {
        this.file = file;
    }
    lookup(actionHex) {
        return this.entries.get(actionHex) ?? (this.refresh() ? this.entries.get(actionHex) : undefined);
    }
    /** Reads what the daemon appended since last time; false when nothing new came. */
    refresh() {
        if (this.gone)
            return false;
        try {
            this.fd ??= node_fs__WEBPACK_IMPORTED_MODULE_1__.openSync(this.file, 'r');
            const size = node_fs__WEBPACK_IMPORTED_MODULE_1__.fstatSync(this.fd).size;
            if (size < this.offset) {
                // A new daemon started the list over: forget the old one.
                this.entries.clear();
                this.offset = 0;
                this.partial = '';
            }
            if (size === this.offset)
                return false;
            const buffer = Buffer.allocUnsafe(size - this.offset);
            const read = node_fs__WEBPACK_IMPORTED_MODULE_1__.readSync(this.fd, buffer, 0, buffer.length, this.offset);
            this.offset += read;
            const lines = (this.partial + buffer.toString('latin1', 0, read)).split('\n');
            this.partial = lines.pop();
            (0,_entry_lines_js__WEBPACK_IMPORTED_MODULE_3__/* .parseEntryLines */ .ri)(lines, this.entries);
            return true;
        }
        catch {
            // No list (an older daemon, or none): every get goes to the daemon.
            this.gone = true;
            return false;
        }
    }
}


/***/ })

};
