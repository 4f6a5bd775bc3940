export const id = 304;
export const ids = [304];
export const modules = {

/***/ 304:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runBridge: () => (/* binding */ runBridge)
/* harmony export */ });
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(30);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _cache_cache_handler_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(965);
/* harmony import */ var _cache_stats_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(461);
/* harmony import */ var _daemon_socket_path_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(103);
/* harmony import */ var _protocol_request_parser_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(330);
/* harmony import */ var _protocol_response_writer_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(93);
/* harmony import */ var _protocol_server_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(309);
/* harmony import */ var _protocol_types_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(773);
/* harmony import */ var _store_local_store_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(448);
/* harmony import */ var _util_log_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(906);
// The GOCACHEPROG target when a daemon runs: relays Go's stdio to the daemon's socket.
//
// Bytes pass through unchanged, but the bridge follows the framing on both sides so it
// always knows which requests are unanswered. Go aborts the build if its cache program
// exits with requests pending, so if the daemon goes away the bridge answers those itself
// (gets as misses, puts as errors) and serves the rest of the go command from the local
// store directly, with one warning on stderr.










async function runBridge(options) {
    const writer = new _protocol_response_writer_js__WEBPACK_IMPORTED_MODULE_7__/* .ResponseWriter */ .T(process.stdout);
    writer.send({ ID: 0, KnownCommands: [..._protocol_types_js__WEBPACK_IMPORTED_MODULE_8__/* .GO_COMMANDS */ .cg] });
    const parser = new _protocol_request_parser_js__WEBPACK_IMPORTED_MODULE_3__/* .RequestParser */ .X();
    const bridge = new Relay(writer, options);
    await bridge.connect();
    const chunks = process.stdin.iterator({ destroyOnReturn: false });
    read: for await (const chunk of chunks) {
        // While the daemon is up it decodes bodies; the bridge only needs their boundaries.
        parser.skipBodies = bridge.daemonUp;
        const events = parser.push(chunk);
        if (bridge.daemonUp)
            await bridge.forward(chunk);
        for (const event of events) {
            if (!(await bridge.observe(event)))
                break read;
        }
    }
    for (const event of parser.end())
        await bridge.observe(event);
    const fatal = await bridge.finish();
    await writer.end(true);
    return fatal ? 1 : 0;
}
class Relay {
    writer;
    options;
    daemonUp = false;
    socket;
    /** Requests sent to the daemon and not yet answered by it. */
    unanswered = new Map();
    closeAnswered = false;
    partialLine = '';
    greetingSeen = false;
    fallback;
    /** The put whose body is streaming to the daemon now. */
    streamingPut;
    /** A put whose body was streaming to the daemon when it went away. */
    orphanPut;
    fatal = false;
    constructor(writer, options) {
        this.writer = writer;
        this.options = options;
    }
    async connect() {
        const address = (0,_daemon_socket_path_js__WEBPACK_IMPORTED_MODULE_2__/* .socketAddress */ .Q)(this.options.socket);
        try {
            this.socket = await openSocket(address, this.options.connectTimeoutMs ?? 5000);
        }
        catch (err) {
            this.daemonLost(`cannot reach the go-cache daemon at ${address} (${(0,_protocol_server_js__WEBPACK_IMPORTED_MODULE_4__/* .messageOf */ .bD)(err)})`);
            return;
        }
        this.daemonUp = true;
        this.socket.setEncoding('utf8');
        this.socket.on('data', (text) => this.relayAnswers(text));
        this.socket.on('error', () => { });
        this.socket.on('close', () => {
            if (!this.closeAnswered)
                this.daemonLost('the go-cache daemon went away mid-command');
        });
    }
    async forward(chunk) {
        const socket = this.socket;
        if (!socket || !this.daemonUp)
            return;
        if (!socket.write(chunk)) {
            await new Promise(resolve => {
                const done = () => {
                    socket.off('drain', done);
                    socket.off('close', done);
                    resolve();
                };
                socket.on('drain', done);
                socket.on('close', done);
            });
        }
    }
    /** Tracks what the daemon owes; once it is gone, serves requests from the local store. */
    async observe(event) {
        if (this.daemonUp) {
            if (event.type === 'request' || event.type === 'bodyStart') {
                this.unanswered.set(event.request.ID, event.request);
                if (event.type === 'bodyStart')
                    this.streamingPut = event.request.ID;
            }
            else if (event.type === 'bodyEnd' || event.type === 'bodyError') {
                this.streamingPut = undefined;
            }
            else if (event.type === 'invalid') {
                this.unanswered.set(event.id, { ID: event.id, Command: '', BodySize: 0 });
            }
            else if (event.type === 'fatal') {
                this.fatal = true;
            }
            return !this.fatal;
        }
        if (this.orphanPut !== undefined) {
            // The rest of a body that was streaming to the daemon: already answered, drop it.
            if (event.type === 'bodyData')
                return true;
            if (event.type === 'bodyEnd' || event.type === 'bodyError') {
                this.orphanPut = undefined;
                return true;
            }
            this.orphanPut = undefined;
        }
        if (!this.fallback)
            return true;
        await this.fallback.ready;
        const session = this.fallback.session;
        const more = await session.handle(event);
        if (session.result.fatal)
            this.fatal = true;
        return more;
    }
    /** Ends the exchange; true when Go's input could not be understood. */
    async finish() {
        if (this.daemonUp && this.socket) {
            this.socket.end();
            await new Promise(resolve => {
                if (this.socket.closed)
                    resolve();
                else
                    this.socket.once('close', () => resolve());
            });
        }
        if (this.fallback) {
            await this.fallback.ready;
            await this.fallback.session.settle();
        }
        return this.fatal;
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
        for (const line of data.slice(0, last).split('\n')) {
            if (line === '')
                continue;
            const id = answerId(line);
            if (id === 0 && !this.greetingSeen) {
                // The bridge already greeted Go itself.
                this.greetingSeen = true;
                continue;
            }
            if (id === undefined || !this.unanswered.has(id)) {
                // Passing it on would make Go abort the build.
                (0,_util_log_js__WEBPACK_IMPORTED_MODULE_6__/* .log */ .R)('warn', `dropping an answer the daemon should not have sent: ${line.slice(0, 100)}`);
                continue;
            }
            if (this.unanswered.get(id).Command === 'close')
                this.closeAnswered = true;
            this.unanswered.delete(id);
            out += line + '\n';
        }
        if (out)
            this.writer.sendLine(out);
    }
    daemonLost(reason) {
        if (!this.daemonUp && this.fallback)
            return;
        this.daemonUp = false;
        (0,_util_log_js__WEBPACK_IMPORTED_MODULE_6__/* .log */ .R)('warn', `${reason}; serving this go command from ${this.options.fallbackDir} directly`);
        for (const [id, req] of this.unanswered) {
            if (req.Command === 'get')
                this.writer.send({ ID: id, Miss: true });
            else if (req.Command === 'close')
                this.writer.send({ ID: id });
            else
                this.writer.send({ ID: id, Err: 'go-cache daemon went away' });
        }
        this.orphanPut = this.streamingPut;
        this.unanswered.clear();
        this.fallback = this.openFallback();
    }
    openFallback() {
        const fallback = { ready: Promise.resolve() };
        fallback.ready = _store_local_store_js__WEBPACK_IMPORTED_MODULE_5__/* .LocalStore */ .V.open(this.options.fallbackDir).then(store => {
            const handler = (0,_cache_cache_handler_js__WEBPACK_IMPORTED_MODULE_1__/* .createCacheHandler */ .v)(store, (0,_cache_stats_js__WEBPACK_IMPORTED_MODULE_9__/* .newStats */ .C)());
            fallback.session = new _protocol_server_js__WEBPACK_IMPORTED_MODULE_4__/* .ProtocolSession */ .Tm(this.writer, handler, {
                log: message => (0,_util_log_js__WEBPACK_IMPORTED_MODULE_6__/* .log */ .R)('warn', message)
            });
        }, err => {
            (0,_util_log_js__WEBPACK_IMPORTED_MODULE_6__/* .log */ .R)('warn', `cannot open ${this.options.fallbackDir}: ${(0,_protocol_server_js__WEBPACK_IMPORTED_MODULE_4__/* .messageOf */ .bD)(err)}`);
            fallback.session = new _protocol_server_js__WEBPACK_IMPORTED_MODULE_4__/* .ProtocolSession */ .Tm(this.writer, noStore);
        });
        return fallback;
    }
}
/** The last resort: every get misses, every put is refused; Go then just recomputes. */
const noStore = {
    get: async () => undefined,
    put: () => {
        throw new Error('no cache store available');
    }
};
function answerId(line) {
    try {
        const id = JSON.parse(line).ID;
        return typeof id === 'number' ? id : undefined;
    }
    catch {
        return undefined;
    }
}
function openSocket(address, timeoutMs) {
    return new Promise((resolve, reject) => {
        const socket = node_net__WEBPACK_IMPORTED_MODULE_0__.connect(address);
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

/***/ 103:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ socketAddress)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(760);
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


/***/ })

};
