export const id = 536;
export const ids = [536,981,461];
export const modules = {

/***/ 4981:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createCacheHandler: () => (/* binding */ createCacheHandler)
});

// EXTERNAL MODULE: ./src/util/log.ts
var log = __webpack_require__(9906);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./src/cache/test-results.ts
// Counts the go test results Go printed as "(cached)", for the summary. The protocol never
// says what an entry is, but go test fetches a stored result only once the test's inputs
// match (tryCacheWithID in cmd/go/internal/test/test.go), and uses it only if its last line
// starts with "ok  \t" (the package's summary line): an entry of that shape is a test
// result. A test log (the inputs list fetched first) is no sign: a test whose inputs changed
// fetches it too, then runs. Compile and vet outputs never end in such a line.

const OK_LINE = Buffer.from('ok  \t');
/** Bigger results (-v of a large suite) are left uncounted rather than read. */
const MAX_RESULT_BYTES = 1 << 20;
/** Enough for "ok  \t<import path>\t0.123s\tcoverage: …\n". */
const TAIL_BYTES = 1024;
class CachedTestCounter {
    update;
    /**
     * Whether an output is a test result, by output ID: each is read once at most. Every
     * output of a size a result can have gets a key when it enters the store, about 150 bytes
     * each: a few MiB for a job of tens of thousands of entries.
     */
    isResult = new Map();
    cached = new Set();
    /** update gets the new count whenever it grows. */
    constructor(update) {
        this.update = update;
    }
    /**
     * An output's bytes on their way into the store (a put, an unpacked entry). Judging them
     * here spares the file read at its first hit: an open, a read and a close through the
     * thread pool for each of a job's ~10,000 hits, on the cores go compiles on.
     */
    noteBytes(outputHex, data) {
        if (!mayBeResult(data.length) || this.isResult.has(outputHex))
            return;
        const length = Math.min(data.length, TAIL_BYTES);
        this.isResult.set(outputHex, isOkTail(data.subarray(data.length - length), data.length));
    }
    /** A get Go was answered with; checked off the answer's path (one small read at most). */
    noteHit(entry) {
        if (!mayBeResult(entry.size))
            return;
        let known = this.isResult.get(entry.outputHex);
        if (known === undefined) {
            known = endsWithOkLine(entry.diskPath, entry.size);
            this.isResult.set(entry.outputHex, known);
        }
        if (known === true)
            this.count(entry.actionHex);
        else if (known !== false)
            void known.then(isResult => isResult && this.count(entry.actionHex));
    }
    count(actionHex) {
        if (this.cached.has(actionHex))
            return;
        this.cached.add(actionHex);
        this.update(this.cached.size);
    }
}
function mayBeResult(size) {
    return size >= OK_LINE.length + 1 && size <= MAX_RESULT_BYTES;
}
/** Whether the file's last line (it must end in a newline) starts with "ok  \t". */
async function endsWithOkLine(file, size) {
    const length = Math.min(size, TAIL_BYTES);
    try {
        const handle = await promises_.open(file, 'r');
        try {
            const tail = Buffer.alloc(length);
            const { bytesRead } = await handle.read(tail, 0, length, size - length);
            return bytesRead === length && isOkTail(tail, size);
        }
        finally {
            await handle.close();
        }
    }
    catch {
        // Gone (trimmed, or corrupt and removed): left uncounted.
        return false;
    }
}
/** tail: the last bytes (at most TAIL_BYTES) of an output of `size` bytes. */
function isOkTail(tail, size) {
    const length = tail.length;
    if (tail[length - 1] !== 0x0a)
        return false;
    const start = tail.lastIndexOf(0x0a, length - 2) + 1;
    // No earlier newline in a partial tail: the line is longer than we read.
    if (start === 0 && length < size)
        return false;
    return tail.subarray(start, start + OK_LINE.length).equals(OK_LINE);
}

;// CONCATENATED MODULE: ./src/cache/cache-handler.ts
// Routes Go's get and put requests to the store tiers and counts what happens.


function createCacheHandler(store, stats, remote) {
    const tests = new CachedTestCounter(count => (stats.testsCached = count));
    store.onOutputBytes = (outputHex, data) => tests.noteBytes(outputHex, data);
    return {
        async get(actionID) {
            stats.gets++;
            let hit;
            try {
                hit = await store.get(actionID);
                if (hit)
                    remote?.noteLocalHit(actionID);
                else if (remote && (await remote.fetch(actionID)))
                    hit = await store.get(actionID);
            }
            catch (err) {
                // A store failure is a miss: Go recomputes and the build goes on.
                stats.errors++;
                (0,log/* log */.Rm)('warn', `get ${actionID.toString('hex')}: ${err.message}`);
            }
            stats.corruptEntries = store.corruptEntries;
            if (!hit) {
                stats.misses++;
                (0,log/* log */.Rm)('debug', `miss ${actionID.toString('hex')}: in neither the local store nor a bundle`);
                return undefined;
            }
            stats.hits++;
            stats.bytesRead += hit.size;
            tests.noteHit({
                actionHex: actionID.toString('hex'),
                outputHex: hit.outputID.toString('hex'),
                size: hit.size,
                diskPath: hit.diskPath
            });
            return hit;
        },
        put(request) {
            stats.puts++;
            stats.bytesWritten += request.BodySize;
            const writer = store.beginPut(request.ActionID, request.OutputID, request.BodySize);
            return {
                write: data => writer.write(data),
                finish: async () => {
                    try {
                        const diskPath = await writer.finish();
                        remote?.recordPut({
                            actionID: request.ActionID,
                            outputID: request.OutputID,
                            size: request.BodySize,
                            timeMs: Date.now(),
                            path: diskPath
                        });
                        return diskPath;
                    }
                    catch (err) {
                        stats.errors++;
                        (0,log/* log */.Rm)('warn', `put ${request.ActionID.toString('hex')}: ${err.message}`);
                        throw err;
                    }
                },
                abort: () => writer.abort()
            };
        }
    };
}


/***/ }),

/***/ 7461:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   newStats: () => (/* binding */ newStats)
/* harmony export */ });
function newStats() {
    return {
        gets: 0,
        hits: 0,
        misses: 0,
        puts: 0,
        bytesRead: 0,
        bytesWritten: 0,
        connections: 0,
        errors: 0,
        corruptEntries: 0,
        testsCached: 0
    };
}


/***/ }),

/***/ 536:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runProg: () => (/* binding */ runProg)
/* harmony export */ });
/* harmony import */ var _cache_cache_handler_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4981);
/* harmony import */ var _cache_stats_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7461);
/* harmony import */ var _protocol_server_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9309);
/* harmony import */ var _store_local_store_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9754);
/* harmony import */ var _store_trim_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7985);
/* harmony import */ var _util_log_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9906);
// Direct mode: Go starts this process as GOCACHEPROG and it serves the local store itself.






async function runProg(dir, maxBytes) {
    const store = await _store_local_store_js__WEBPACK_IMPORTED_MODULE_2__.LocalStore.open(dir);
    const stats = (0,_cache_stats_js__WEBPACK_IMPORTED_MODULE_5__.newStats)();
    stats.connections = 1;
    // Trimming walks the store: do it while Go works, at most hourly (a stamp file says when).
    const trimming = (0,_store_trim_js__WEBPACK_IMPORTED_MODULE_3__/* .trimIfDue */ .u)(store.dir, { maxBytes, inUse: store.inUse }).catch(err => (0,_util_log_js__WEBPACK_IMPORTED_MODULE_4__/* .log */ .Rm)('warn', `trimming the store failed: ${err.message}`));
    const result = await (0,_protocol_server_js__WEBPACK_IMPORTED_MODULE_1__/* .serveConnection */ .eu)(process.stdin, process.stdout, (0,_cache_cache_handler_js__WEBPACK_IMPORTED_MODULE_0__.createCacheHandler)(store, stats), {
        keepOutputOpen: true,
        log: message => (0,_util_log_js__WEBPACK_IMPORTED_MODULE_4__/* .log */ .Rm)('error', message),
        onError: () => stats.errors++
    });
    await trimming;
    if (result.fatal) {
        (0,_util_log_js__WEBPACK_IMPORTED_MODULE_4__/* .log */ .Rm)('error', `stopping: ${result.fatal}`);
        return 1;
    }
    return 0;
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


/***/ })

};
