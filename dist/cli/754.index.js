export const id = 754;
export const ids = [754];
export const modules = {

/***/ 9754:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  EMPTY_HEX: () => (/* binding */ EMPTY_HEX),
  LocalStore: () => (/* binding */ LocalStore)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/store/entry-lines.ts
var entry_lines = __webpack_require__(3203);
;// CONCATENATED MODULE: ./src/store/hash-file.ts



const CHUNK = 1 << 20;
/**
 * SHA-256 of a file, read in chunks so a large output never sits in memory whole. The
 * buffer is no bigger than the file (`size`, as the caller's stat saw it): a new daemon
 * hashes thousands of small outputs while go builds, and a megabyte each (as a read stream
 * allocates) showed as its peak memory.
 */
async function hashFile(file, size) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    const handle = await (0,promises_.open)(file, 'r');
    try {
        // `size` is what the caller saw; it only sizes the buffer, the file is read to its end.
        const buffer = Buffer.allocUnsafe(Math.min(Math.max(size, 1), CHUNK));
        for (;;) {
            const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
            if (bytesRead === 0)
                break;
            hash.update(buffer.subarray(0, bytesRead));
        }
    }
    finally {
        await handle.close();
    }
    return hash.digest('hex');
}
/** The same, synchronously and whole: for paths that already hold the output in memory. */
function hashFileSync(file) {
    return (0,external_node_crypto_.createHash)('sha256').update((0,external_node_fs_.readFileSync)(file)).digest('hex');
}

;// CONCATENATED MODULE: ./src/store/output-writers.ts
// Writers that bring an output into the local store while its bytes arrive: a put from Go
// (PutWriter, which may spill to a temporary file) and a big output of a bundle being
// downloaded (SyncImport, written synchronously as its pieces come). Both hash what they
// write and publish only bytes that match the OutputID.



/** Small bodies are buffered in memory; larger ones stream to a temporary file. */
const MEMORY_BODY_LIMIT = 1 << 20;
/** One put in progress: hashes while it writes, publishes only a body that matches. */
class PutWriter {
    store;
    actionHex;
    outputHex;
    size;
    timeMs;
    hash = (0,external_node_crypto_.createHash)('sha256');
    chunks = [];
    received = 0;
    file;
    tmpFile;
    done = false;
    constructor(store, actionHex, outputHex, size, 
    /** When the entry was first made (an unpacked bundle keeps its entries' times). */
    timeMs) {
        this.store = store;
        this.actionHex = actionHex;
        this.outputHex = outputHex;
        this.size = size;
        this.timeMs = timeMs;
    }
    async write(data) {
        this.received += data.length;
        if (this.received > this.size)
            throw new Error(`body longer than BodySize ${this.size}`);
        this.hash.update(data);
        if (this.file) {
            await this.file.write(data);
            return;
        }
        this.chunks.push(data);
        if (this.received > MEMORY_BODY_LIMIT) {
            this.tmpFile = this.store.tmpPath();
            this.file = await promises_.open(this.tmpFile, 'wx');
            await this.file.writev(this.chunks);
            this.chunks = [];
        }
    }
    /** Checks size and hash, publishes the output and the action record; returns DiskPath. */
    async finish() {
        this.done = true;
        if (this.file)
            await this.file.close();
        try {
            if (this.received !== this.size) {
                throw new Error(`body is ${this.received} bytes, BodySize says ${this.size}`);
            }
            const digest = this.hash.digest('hex');
            if (digest !== this.outputHex) {
                throw new Error(`body hashes to ${digest}, not to its OutputID ${this.outputHex}`);
            }
            const record = {
                outputHex: this.outputHex,
                size: this.size,
                timeMs: this.timeMs ?? Date.now()
            };
            let diskPath;
            if (this.tmpFile) {
                diskPath = await this.store.publishOutput(this.outputHex, this.size, this.tmpFile);
                await this.store.writeRecord(this.actionHex, record);
            }
            else {
                diskPath = this.store.putSync(this.actionHex, record, Buffer.concat(this.chunks));
            }
            this.store.markInUse(this.outputHex);
            return diskPath;
        }
        catch (err) {
            if (this.tmpFile)
                await promises_.rm(this.tmpFile, { force: true });
            throw err;
        }
    }
    abort() {
        if (this.done)
            return;
        this.done = true;
        const file = this.file;
        const tmp = this.tmpFile;
        void (async () => {
            await file?.close().catch(() => { });
            if (tmp)
                await promises_.rm(tmp, { force: true });
        })();
    }
}
/**
 * One output imported piece by piece: hashed and written as its bytes come, checked against
 * its name at the end, published once for every action that shares it.
 */
class SyncImport {
    store;
    outputHex;
    size;
    tmp;
    hash = (0,external_node_crypto_.createHash)('sha256');
    fd;
    received = 0;
    constructor(store, outputHex, size, tmp) {
        this.store = store;
        this.outputHex = outputHex;
        this.size = size;
        this.tmp = tmp;
    }
    write(data) {
        try {
            this.fd ??= external_node_fs_.openSync(this.tmp, 'wx');
            external_node_fs_.writeSync(this.fd, data);
        }
        catch (err) {
            this.abort();
            throw err;
        }
        this.hash.update(data);
        this.received += data.length;
    }
    /** Records the actions when the bytes are whole and hash to the OutputID; false if not. */
    finish(actions) {
        this.close();
        try {
            const digest = this.hash.digest('hex');
            if (this.received !== this.size || digest !== this.outputHex)
                return false;
            const { outputHex, size, tmp } = this;
            for (const { actionHex, timeMs } of actions) {
                const publish = () => this.store.publishFileSync(outputHex, size, tmp);
                this.store.recordImport(actionHex, { outputHex, size, timeMs }, publish);
            }
            return true;
        }
        finally {
            external_node_fs_.rmSync(this.tmp, { force: true });
        }
    }
    /** Drops what was written (a download cut short mid-output). */
    abort() {
        this.close();
        external_node_fs_.rmSync(this.tmp, { force: true });
    }
    close() {
        if (this.fd === undefined)
            return;
        external_node_fs_.closeSync(this.fd);
        this.fd = undefined;
    }
}

// EXTERNAL MODULE: ./src/store/output-path.ts
var output_path = __webpack_require__(2658);
;// CONCATENATED MODULE: ./src/store/local-store.ts
// The local disk tier: output files named by their SHA-256 and one small record per action.
//
// Layout under the store directory:
//   o/<2 hex>/<64 hex>   output bytes, named by content; published once, never replaced
//   a/<2 hex>/<64 hex>   action record "v1 <output hex> <size> <unix ms>\n"; replaced atomically
//   tmp/                 files being written; published by link (outputs) or rename (records)
//   records.log          records of entries unpacked from bundles, one line each (later wins)
// Several processes (prog children, a daemon) may share one directory: every publish is a
// single atomic filesystem operation, and readers verify what they did not write themselves.
// A process that opened the directory before it had any record files does not look for
// records others write later: those entries are misses for it, which is safe.
// Unpacked entries get a line in records.log instead of a file: on a busy runner, creating a
// file is the slowest step of storing a small entry, and a bundle holds hundreds of them.








/** The SHA-256 of no bytes: the name of every empty output. */
const EMPTY_HEX = (0,external_node_crypto_.createHash)('sha256').digest('hex');
const RECORD_LOG = 'records.log';
class LocalStore {
    dir;
    records = new Map();
    /** Verified entries already handed out, by action. */
    served = new Map();
    /** Outputs whose bytes this process wrote or hashed: safe to hand out without rereading. */
    verified = new Set();
    /** Outputs handed to Go this session: trimming must leave them alone. */
    inUse = new Set();
    madeDirs = new Set();
    tmpCounter = 0;
    tmpPrefix = `${process.pid}-${(0,external_node_crypto_.randomBytes)(4).toString('hex')}`;
    /** Entries that failed verification (bad size or hash) and were dropped. */
    corruptEntries = 0;
    /** Told of every action whose record and output bytes this process has checked or written. */
    onVerified;
    /** Shown an output's bytes when they are in memory on the way in (whoever reads content). */
    onOutputBytes;
    /** Appends unpacked entries' records; undefined until the first, or when it failed. */
    recordLog;
    recordLogFailed = false;
    /** Whether the store had action record files (a/) when this process opened it. */
    recordFilesAtOpen = true;
    constructor(dir) {
        this.dir = dir;
    }
    static async open(dir) {
        const store = new LocalStore(external_node_path_.resolve(dir));
        await promises_.mkdir(external_node_path_.join(store.dir, 'tmp'), { recursive: true });
        store.recordFilesAtOpen = await promises_.access(external_node_path_.join(store.dir, 'a')).then(() => true, () => false);
        await store.loadRecordLog();
        return store;
    }
    get recordLogPath() {
        return external_node_path_.join(this.dir, RECORD_LOG);
    }
    /** Reads records.log; rewrites it when superseded lines make up most of it. */
    async loadRecordLog() {
        let text;
        try {
            text = await promises_.readFile(this.recordLogPath, 'latin1');
        }
        catch {
            return;
        }
        const lines = text.split('\n');
        lines.pop(); // a line still being written by another process, or the empty tail
        (0,entry_lines/* parseEntryLines */.ri)(lines, this.records);
        if (lines.length > 2 * this.records.size + 1000) {
            const tmp = this.tmpPath();
            let compact = '';
            for (const [actionHex, record] of this.records)
                compact += (0,entry_lines/* formatEntryLine */.gl)(actionHex, record);
            await promises_.writeFile(tmp, compact);
            await promises_.rename(tmp, this.recordLogPath);
        }
    }
    /** Writes what is pending in records.log. */
    close() {
        this.recordLog?.close();
        this.recordLog = undefined;
    }
    outputPath(outputHex) {
        return (0,output_path/* outputPathIn */.c)(this.dir, outputHex);
    }
    actionPath(actionHex) {
        return external_node_path_.join(this.dir, 'a', actionHex.slice(0, 2), actionHex);
    }
    /** Looks an action up; a hit's file exists, has the recorded size and hashes to its name. */
    async get(actionID) {
        const actionHex = actionID.toString('hex');
        const served = this.served.get(actionHex);
        if (served)
            return served;
        const record = this.records.get(actionHex) ?? (await this.readRecord(actionHex));
        if (!record)
            return undefined;
        if (!this.verified.has(record.outputHex)) {
            if (!(await this.verifyOutput(record.outputHex, record.size))) {
                this.records.delete(actionHex);
                return undefined;
            }
        }
        this.inUse.add(record.outputHex);
        const entry = {
            outputID: Buffer.from(record.outputHex, 'hex'),
            size: record.size,
            time: new Date(record.timeMs),
            diskPath: this.outputPath(record.outputHex)
        };
        // A daemon answers the same actions for every go command of a job: keep the answer.
        this.served.set(actionHex, entry);
        this.onVerified?.(actionHex, record);
        return entry;
    }
    /** An action's record without checking its output (a bundle writer copies what is there). */
    async record(actionHex) {
        return this.records.get(actionHex) ?? (await this.readRecord(actionHex));
    }
    async readRecord(actionHex) {
        // A store that had no record files when it opened (a fresh runner's) holds only records
        // this process wrote, all in memory. Looking on disk would cost a failed open through
        // the thread pool for every get that comes before its bundle. A second process writing
        // into the same store meanwhile is not seen: its entries are misses here, which is safe.
        if (!this.recordFilesAtOpen)
            return undefined;
        let text;
        try {
            text = await promises_.readFile(this.actionPath(actionHex), 'utf8');
        }
        catch {
            return undefined;
        }
        const m = /^v1 ([0-9a-f]{64}) (\d+) (\d+)\n$/.exec(text);
        if (!m)
            return undefined;
        const record = { outputHex: m[1], size: Number(m[2]), timeMs: Number(m[3]) };
        this.records.set(actionHex, record);
        return record;
    }
    /** Hashes a file this process did not write; removes it when it is not what its name says. */
    async verifyOutput(outputHex, size) {
        const file = this.outputPath(outputHex);
        let stat;
        try {
            stat = await promises_.stat(file);
        }
        catch {
            return false;
        }
        const ok = stat.size === size && (await hashFile(file, stat.size)) === outputHex;
        if (!ok) {
            this.corruptEntries++;
            await promises_.rm(file, { force: true });
            return false;
        }
        this.verified.add(outputHex);
        // Keep recently used files young for trimming (as Go does, at most once an hour).
        if (Date.now() - stat.mtimeMs > TOUCH_INTERVAL_MS) {
            const now = new Date();
            promises_.utimes(file, now, now).catch(() => { });
        }
        return true;
    }
    /** Starts a put; the body is checked against OutputID and size before anything is published. */
    beginPut(actionID, outputID, size, timeMs) {
        return new PutWriter(this, actionID.toString('hex'), outputID.toString('hex'), size, timeMs);
    }
    /** Whether an action record exists (its output is verified only when it is served). */
    async hasAction(actionID) {
        const actionHex = actionID.toString('hex');
        return this.records.has(actionHex) || (await this.readRecord(actionHex)) !== undefined;
    }
    /**
     * Stores a body already in memory, synchronously. Unpacking a bundle stores hundreds of
     * small entries in a row, and a thread-pool round trip per file operation cost more than
     * the writes themselves while go competes for the same cores. Returns false (and stores
     * nothing) when the bytes do not hash to `outputHex`; an action already recorded is kept.
     */
    importSync(actionHex, outputHex, data, timeMs) {
        if ((0,external_node_crypto_.createHash)('sha256').update(data).digest('hex') !== outputHex)
            return false;
        this.recordImport(actionHex, { outputHex, size: data.length, timeMs }, () => this.publishSync(outputHex, data));
        return true;
    }
    /**
     * Starts an import whose bytes arrive in pieces (a big output spread over a download's
     * chunks): written synchronously as they come, so the output never sits in memory whole.
     */
    beginImportSync(outputHex, size) {
        return new SyncImport(this, outputHex, size, this.tmpPath());
    }
    /**
     * Records an imported action whose output is verified; `publish` puts the output in place
     * first, unless the action is recorded already (its output was stored with it).
     */
    recordImport(actionHex, record, publish) {
        if (this.records.has(actionHex))
            return;
        if (this.recordFilesAtOpen && external_node_fs_.existsSync(this.actionPath(actionHex)))
            return;
        publish();
        this.appendRecordSync(actionHex, record);
        this.records.set(actionHex, record);
        this.served.delete(actionHex);
        this.onVerified?.(actionHex, record);
    }
    /** Moves a file whose bytes hashed to `outputHex` under that name, unless this process did. */
    publishFileSync(outputHex, size, tmp) {
        if (this.verified.has(outputHex))
            return;
        this.placeSync(outputHex, size, final => external_node_fs_.renameSync(tmp, final));
    }
    /**
     * Lists actions whose output is empty as verified without writing a record for each: the
     * one empty file serves them all (the record is written when the daemon is first asked).
     */
    vouchForEmpty(actions) {
        if (!this.onVerified || actions.size === 0)
            return;
        this.publishSync(EMPTY_HEX, Buffer.alloc(0));
        for (const [actionHex, timeMs] of actions) {
            this.onVerified(actionHex, { outputHex: EMPTY_HEX, size: 0, timeMs });
        }
    }
    /** Writes bytes already hashed to `outputHex` under that name, unless this process did. */
    publishSync(outputHex, data) {
        if (this.verified.has(outputHex))
            return;
        this.onOutputBytes?.(outputHex, data);
        this.placeSync(outputHex, data.length, final => this.replaceSync(final, data));
    }
    /** Puts verified bytes under their content name with `place(final)`; marks them verified. */
    placeSync(outputHex, size, place) {
        const final = this.outputPath(outputHex);
        this.ensureDirSync(external_node_path_.dirname(final));
        // Content-addressed: replacing whatever is there with verified bytes is always right,
        // and rename is atomic for readers.
        try {
            place(final);
        }
        catch (err) {
            // Windows refuses to rename over a file another process has open (go reading this
            // output): a file already there with these very bytes is as good as ours.
            if (!holdsBytes(final, outputHex, size))
                throw err;
        }
        this.verified.add(outputHex);
    }
    /** A line in records.log; a record file when the log cannot be written. */
    appendRecordSync(actionHex, record) {
        if (!this.recordLog && !this.recordLogFailed) {
            try {
                this.recordLog = new entry_lines/* EntryAppender */.gp(this.recordLogPath, false, () => {
                    this.recordLogFailed = true;
                    this.recordLog = undefined;
                });
            }
            catch {
                this.recordLogFailed = true;
            }
        }
        if (this.recordLog) {
            this.recordLog.add(actionHex, record);
            return;
        }
        const file = this.actionPath(actionHex);
        this.ensureDirSync(external_node_path_.dirname(file));
        this.replaceSync(file, recordFileText(record));
    }
    replaceSync(final, data) {
        const tmp = this.tmpPath();
        external_node_fs_.writeFileSync(tmp, data, { flag: 'wx' });
        try {
            external_node_fs_.renameSync(tmp, final);
        }
        catch (err) {
            external_node_fs_.rmSync(tmp, { force: true });
            throw err;
        }
    }
    ensureDirSync(dir) {
        if (this.madeDirs.has(dir))
            return;
        external_node_fs_.mkdirSync(dir, { recursive: true });
        this.madeDirs.add(dir);
    }
    async ensureDir(dir) {
        if (this.madeDirs.has(dir))
            return;
        await promises_.mkdir(dir, { recursive: true });
        this.madeDirs.add(dir);
    }
    tmpPath() {
        return external_node_path_.join(this.dir, 'tmp', `${this.tmpPrefix}-${++this.tmpCounter}`);
    }
    /**
     * Makes a body written to `tmp` (already hashed) visible under its content name, unless a
     * good copy is already there; `tmp` is gone afterwards.
     */
    async publishOutput(outputHex, size, tmp) {
        const final = this.outputPath(outputHex);
        if (this.verified.has(outputHex)) {
            await promises_.rm(tmp, { force: true });
            return final;
        }
        await this.ensureDir(external_node_path_.dirname(final));
        try {
            await linkNoReplace(tmp, final);
        }
        catch (err) {
            if (err.code !== 'EEXIST') {
                await promises_.rm(tmp, { force: true });
                throw err;
            }
            // Someone published it first. Trust it only after checking, and replace it if bad:
            // a corrupt file can never be what a reader wants under this name.
            if (!(await this.verifyOutput(outputHex, size)))
                await linkNoReplace(tmp, final);
        }
        await promises_.rm(tmp, { force: true });
        this.verified.add(outputHex);
        return final;
    }
    /**
     * Stores a put whose body is in memory and already hashed, synchronously: the same files
     * publishOutput and writeRecord make, without their nine or so thread-pool round trips,
     * which cost more CPU than the writes while go compiles on the same cores. Returns DiskPath.
     */
    putSync(actionHex, record, data) {
        this.publishSync(record.outputHex, data);
        const file = this.actionPath(actionHex);
        this.ensureDirSync(external_node_path_.dirname(file));
        this.replaceSync(file, recordFileText(record));
        this.records.set(actionHex, record);
        this.served.delete(actionHex);
        this.onVerified?.(actionHex, record);
        return this.outputPath(record.outputHex);
    }
    async writeRecord(actionHex, record) {
        const file = this.actionPath(actionHex);
        await this.ensureDir(external_node_path_.dirname(file));
        const tmp = this.tmpPath();
        await promises_.writeFile(tmp, recordFileText(record));
        await promises_.rename(tmp, file);
        this.records.set(actionHex, record);
        this.served.delete(actionHex);
        if (this.verified.has(record.outputHex))
            this.onVerified?.(actionHex, record);
    }
    markInUse(outputHex) {
        this.inUse.add(outputHex);
    }
}
const TOUCH_INTERVAL_MS = 60 * 60 * 1000;
/** An action record file's text (readRecord parses it back). */
function recordFileText(record) {
    return `v1 ${record.outputHex} ${record.size} ${record.timeMs}\n`;
}
/** Publishes `tmp` as `final` only if nothing is there yet (link fails with EEXIST). */
async function linkNoReplace(tmp, final) {
    try {
        await promises_.link(tmp, final);
    }
    catch (err) {
        const code = err.code;
        // Filesystems without hard links: an exclusive copy keeps the same no-replace rule.
        if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV') {
            await promises_.copyFile(tmp, final, promises_.constants.COPYFILE_EXCL);
            return;
        }
        throw err;
    }
}
/** Whether `file` exists and its bytes hash to `outputHex`. */
function holdsBytes(file, outputHex, size) {
    try {
        if (external_node_fs_.statSync(file).size !== size)
            return false;
        return hashFileSync(file) === outputHex;
    }
    catch {
        return false;
    }
}


/***/ })

};
