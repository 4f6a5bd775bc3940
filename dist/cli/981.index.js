export const id = 981;
export const ids = [981];
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
    /** Whether an output is a test result, by output ID: each file is read once at most. */
    isResult = new Map();
    cached = new Set();
    /** update gets the new count whenever it grows. */
    constructor(update) {
        this.update = update;
    }
    /** A get Go was answered with; checked off the answer's path (one small read). */
    noteHit(entry) {
        if (entry.size < OK_LINE.length + 1 || entry.size > MAX_RESULT_BYTES)
            return;
        let known = this.isResult.get(entry.outputHex);
        if (!known) {
            known = endsWithOkLine(entry.diskPath, entry.size);
            this.isResult.set(entry.outputHex, known);
        }
        void known.then(isResult => {
            if (!isResult || this.cached.has(entry.actionHex))
                return;
            this.cached.add(entry.actionHex);
            this.update(this.cached.size);
        });
    }
}
/** Whether the file's last line (it must end in a newline) starts with "ok  \t". */
async function endsWithOkLine(file, size) {
    const length = Math.min(size, TAIL_BYTES);
    try {
        const handle = await promises_.open(file, 'r');
        try {
            const tail = Buffer.alloc(length);
            const { bytesRead } = await handle.read(tail, 0, length, size - length);
            if (bytesRead !== length || tail[length - 1] !== 0x0a)
                return false;
            const start = tail.lastIndexOf(0x0a, length - 2) + 1;
            // No earlier newline in a partial tail: the line is longer than we read.
            if (start === 0 && length < size)
                return false;
            return tail.subarray(start, start + OK_LINE.length).equals(OK_LINE);
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

;// CONCATENATED MODULE: ./src/cache/cache-handler.ts
// Routes Go's get and put requests to the store tiers and counts what happens.


function createCacheHandler(store, stats, remote) {
    const tests = new CachedTestCounter(count => (stats.testsCached = count));
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
                (0,log/* log */.R)('warn', `get ${actionID.toString('hex')}: ${err.message}`);
            }
            stats.corruptEntries = store.corruptEntries;
            if (!hit) {
                stats.misses++;
                (0,log/* log */.R)('debug', `miss ${actionID.toString('hex')}: in neither the local store nor a bundle`);
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
                        (0,log/* log */.R)('warn', `put ${request.ActionID.toString('hex')}: ${err.message}`);
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
