export const id = 981;
export const ids = [981];
export const modules = {

/***/ 981:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createCacheHandler: () => (/* binding */ createCacheHandler)
});

// EXTERNAL MODULE: ./src/util/log.ts
var log = __webpack_require__(906);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(455);
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


/***/ })

};
