export const id = 671;
export const ids = [671];
export const modules = {

/***/ 7671:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runServe: () => (/* binding */ runServe)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/cache/cache-handler.ts
var cache_handler = __webpack_require__(5965);
// EXTERNAL MODULE: ./src/cache/stats.ts
var cache_stats = __webpack_require__(7461);
// EXTERNAL MODULE: ./src/protocol/server.ts
var protocol_server = __webpack_require__(9309);
// EXTERNAL MODULE: ./src/remote/remote-cache.ts + 7 modules
var remote_cache = __webpack_require__(2557);
// EXTERNAL MODULE: ./src/store/local-store.ts + 1 modules
var local_store = __webpack_require__(7448);
// EXTERNAL MODULE: ./src/store/trim.ts
var store_trim = __webpack_require__(7985);
// EXTERNAL MODULE: ./src/store/verified-log.ts
var verified_log = __webpack_require__(8494);
// EXTERNAL MODULE: ./src/util/log.ts
var log = __webpack_require__(9906);
// EXTERNAL MODULE: ./src/util/sleep.ts
var sleep = __webpack_require__(7783);
// EXTERNAL MODULE: ./src/daemon/socket-path.ts
var socket_path = __webpack_require__(3103);
;// CONCATENATED MODULE: ./src/daemon/daemon.ts
// The long-lived cache daemon: one shared store, one socket, a connection per go command.













async function startDaemon(options) {
    const store = await local_store/* LocalStore */.Vs.open(options.dir);
    const stats = (0,cache_stats/* newStats */.C)();
    const remote = options.remote ? new remote_cache/* RemoteCache */.x(store, options.remote) : undefined;
    const address = (0,socket_path/* socketAddress */.Q)(options.socket);
    const connections = new Set();
    let stopping;
    const trim = () => (0,store_trim/* trimIfDue */.u)(store.dir, { maxBytes: options.maxBytes, inUse: store.inUse }).then(report => {
        if (report?.removedFiles) {
            (0,log/* log */.R)('info', `trimmed ${report.removedFiles} files (${report.removedBytes} bytes)`);
        }
    }, err => (0,log/* log */.R)('warn', `trimming the store failed: ${err.message}`));
    const report = () => ({ ...stats, ...(remote && { remote: { ...remote.stats } }) });
    const flush = async () => {
        await remote?.flush();
        return report();
    };
    const handler = {
        ...(0,cache_handler/* createCacheHandler */.v)(store, stats, remote),
        extraCommands: {
            stats: async () => report(),
            flush,
            stop: async () => {
                // Flush and answer first, then stop: the caller waits for the answer.
                const final = await flush();
                setImmediate(() => void stop());
                return final;
            }
        }
    };
    // Half-open: a bridge ends its side when Go closes stdin and still needs the last answers.
    const server = external_node_net_.createServer({ allowHalfOpen: true }, socket => {
        stats.connections++;
        connections.add(socket);
        socket.on('close', () => connections.delete(socket));
        socket.on('error', () => { });
        (0,protocol_server/* serveConnection */.eu)(socket, socket, handler, {
            log: message => (0,log/* log */.R)('warn', message),
            onError: () => stats.errors++
        }).catch(err => (0,log/* log */.R)('error', `connection failed: ${err.message}`));
    });
    await prepareSocket(address);
    await listen(server, address);
    // Only now: a daemon refused for a live socket must not wipe that daemon's list.
    const verifiedLog = openVerifiedLog(store, address);
    let resolveStopped;
    const stopped = new Promise(resolve => (resolveStopped = resolve));
    const stop = () => {
        stopping ??= (async () => {
            server.close();
            // Go commands still connected get a little time to finish their last answers.
            const deadline = Date.now() + 2000;
            while (connections.size > 0 && Date.now() < deadline)
                await (0,sleep/* sleep */.y)(20);
            for (const socket of connections)
                socket.destroy();
            verifiedLog?.close();
            store.close();
            await trim();
            if (process.platform !== 'win32')
                await promises_.rm(address, { force: true });
            resolveStopped();
        })();
        return stopping;
    };
    remote?.start();
    void trim();
    return { address, stopped, stop };
}
/** Lets bridges answer what this daemon verified; without the list they just ask us. */
function openVerifiedLog(store, address) {
    try {
        const writer = new verified_log/* VerifiedLogWriter */.cC((0,verified_log/* verifiedLogPath */.q9)(store.dir, address));
        store.onVerified = (actionHex, record) => writer.add(actionHex, record);
        return writer;
    }
    catch (err) {
        (0,log/* log */.R)('debug', `no verified list for bridges: ${err.message}`);
        return undefined;
    }
}
/** Removes a socket file left by a daemon that died; refuses to steal a live one. */
async function prepareSocket(address) {
    if (process.platform === 'win32')
        return;
    await promises_.mkdir(external_node_path_.dirname(address), { recursive: true });
    const alive = await new Promise(resolve => {
        const probe = external_node_net_.connect(address);
        probe.on('connect', () => {
            probe.destroy();
            resolve(true);
        });
        probe.on('error', () => resolve(false));
    });
    if (alive)
        throw new Error(`another daemon already listens on ${address}`);
    await promises_.rm(address, { force: true });
}
function listen(server, address) {
    // The socket file is created by listen(); a tight umask makes it 0600 from the start.
    const oldMask = process.platform === 'win32' ? undefined : process.umask(0o177);
    return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(address, () => {
            server.off('error', reject);
            resolve();
        });
    }).finally(() => {
        if (oldMask !== undefined)
            process.umask(oldMask);
    });
}

;// CONCATENATED MODULE: ./src/cli/serve.ts


async function runServe(options) {
    const daemon = await startDaemon(options);
    for (const signal of ['SIGTERM', 'SIGINT']) {
        process.on(signal, () => void daemon.stop());
    }
    // Whoever started us waits for this line before pointing Go at the socket.
    process.stderr.write(`ready ${daemon.address}\n`);
    (0,log/* log */.R)('info', `serving ${options.dir}`);
    await daemon.stopped;
    return 0;
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

/***/ 7985:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   u: () => (/* binding */ trimIfDue)
/* harmony export */ });
/* unused harmony export trimStore */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
// Size accounting for the local store. Go trims nothing when GOCACHEPROG is set, so we do:
// least recently used outputs go first, at most once per interval, and never a file handed
// to Go in this session or used so recently that another live process may hold it.


const STAMP = 'trim.txt';
const TMP_MAX_AGE_MS = 60 * 60 * 1000;
async function trimIfDue(dir, options) {
    const now = options.now ?? Date.now();
    const interval = options.intervalMs ?? 60 * 60 * 1000;
    const stamp = node_path__WEBPACK_IMPORTED_MODULE_1__.join(dir, STAMP);
    try {
        const last = Number(await node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile(stamp, 'utf8'));
        if (Number.isFinite(last) && now - last < interval)
            return undefined;
    }
    catch {
        // No stamp yet: trim now.
    }
    await node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile(stamp, String(now));
    return trimStore(dir, options);
}
async function trimStore(dir, options) {
    const now = options.now ?? Date.now();
    const protectMs = options.protectMs ?? 2 * 60 * 60 * 1000;
    const files = [];
    const outputs = node_path__WEBPACK_IMPORTED_MODULE_1__.join(dir, 'o');
    for (const shard of await readdirOrEmpty(outputs)) {
        const shardDir = node_path__WEBPACK_IMPORTED_MODULE_1__.join(outputs, shard);
        for (const name of await readdirOrEmpty(shardDir)) {
            const file = node_path__WEBPACK_IMPORTED_MODULE_1__.join(shardDir, name);
            const stat = await node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat(file).catch(() => undefined);
            if (stat?.isFile())
                files.push({ file, name, size: stat.size, mtimeMs: stat.mtimeMs });
        }
    }
    let totalBytes = files.reduce((sum, f) => sum + f.size, 0);
    const report = { totalBytes, files: files.length, removedBytes: 0, removedFiles: 0 };
    if (totalBytes > options.maxBytes) {
        files.sort((a, b) => a.mtimeMs - b.mtimeMs);
        for (const f of files) {
            if (totalBytes <= options.maxBytes)
                break;
            if (options.inUse.has(f.name) || now - f.mtimeMs < protectMs)
                continue;
            await node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm(f.file, { force: true });
            totalBytes -= f.size;
            report.removedBytes += f.size;
            report.removedFiles++;
        }
        report.totalBytes = totalBytes;
    }
    await removeStaleTemporaries(node_path__WEBPACK_IMPORTED_MODULE_1__.join(dir, 'tmp'), now);
    return report;
}
/** Files left in tmp/ by a process that died mid-put. */
async function removeStaleTemporaries(tmpDir, now) {
    for (const name of await readdirOrEmpty(tmpDir)) {
        const file = node_path__WEBPACK_IMPORTED_MODULE_1__.join(tmpDir, name);
        const stat = await node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat(file).catch(() => undefined);
        if (stat && now - stat.mtimeMs > TMP_MAX_AGE_MS)
            await node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm(file, { force: true });
    }
}
async function readdirOrEmpty(dir) {
    return node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir(dir).catch(() => []);
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
