export const id = 583;
export const ids = [583,981,461];
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

/***/ 7583:
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
// EXTERNAL MODULE: ./src/cache/cache-handler.ts + 1 modules
var cache_handler = __webpack_require__(4981);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: ./src/util/log.ts
var log = __webpack_require__(9906);
;// CONCATENATED MODULE: ./src/modules/module-request.ts
// What Go asks a module proxy for, checked before anything touches the disk or the network.
// Paths arrive escaped (`go help goproxy`: an upper-case letter is `!` plus its lower case);
// we keep the escaped text as the file's name and check it the way Go's module tooling checks
// module paths and versions, so nothing like `..`, an absolute path or an empty element passes.
/** Parses the part of a request path after the proxy base; undefined when it is malformed. */
function parseModuleRequest(rest) {
    if (rest.startsWith('sumdb/'))
        return { kind: 'sumdb' };
    const latest = /^(.+)\/@latest$/.exec(rest);
    if (latest)
        return escapedModulePathOK(latest[1]) ? { kind: 'mutable' } : undefined;
    const m = /^(.+)\/@v\/([^/]+)$/.exec(rest);
    if (!m || !escapedModulePathOK(m[1]))
        return undefined;
    const [, module, file] = m;
    if (file === 'list')
        return { kind: 'mutable' };
    const f = /^(.+)\.(info|mod|zip)$/.exec(file);
    if (!f || !escapedTextOK(f[1]))
        return undefined;
    const version = module_request_unescape(f[1]);
    if (version === undefined)
        return undefined;
    // Only canonical semantic versions name immutable files; a query (`master`, `v1`) does not.
    if (!CANONICAL_VERSION.test(version))
        return { kind: 'mutable' };
    return { kind: 'file', path: rest, module, version, ext: f[2] };
}
/** vMAJOR.MINOR.PATCH, an optional pre-release, and `+incompatible` as the only build tag. */
const CANONICAL_VERSION = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+incompatible)?$/;
/** Escaped text: `!` only before a lower-case letter, and no upper case of its own. */
function escapedTextOK(text) {
    return /^([a-z0-9._~+-]|![a-z])+$/.test(text);
}
/** `!` + lower case for each upper-case letter, as in proxy paths and GOMODCACHE. */
function escapeModuleText(text) {
    return text.replace(/[A-Z]/g, c => `!${c.toLowerCase()}`);
}
function module_request_unescape(text) {
    return escapedTextOK(text)
        ? text.replace(/!([a-z])/g, (_, c) => c.toUpperCase())
        : undefined;
}
/** module.CheckPath on the escaped form: non-empty elements of safe characters, no dot ones. */
function escapedModulePathOK(escaped) {
    if (escaped.length > 1024)
        return false;
    const elements = escaped.split('/');
    for (const element of elements) {
        if (element === '' || !/^([a-z0-9._~-]|![a-z])+$/.test(element))
            return false;
        if (element.startsWith('.') || element.endsWith('.'))
            return false;
    }
    const first = elements[0];
    return first.includes('.') && !first.startsWith('-');
}

;// CONCATENATED MODULE: ./src/modules/module-stats.ts
function newModuleStats() {
    return {
        files: 0,
        fromRunner: 0,
        fromService: 0,
        fromUpstream: 0,
        notFound: 0,
        failed: 0,
        passedOn: 0,
        refused: 0,
        bytesServed: 0,
        bytesFetched: 0
    };
}

;// CONCATENATED MODULE: ./src/modules/module-proxy.ts
// The daemon's Go module proxy (GOPROXY protocol) on a loopback port. Go finds it first in
// GOPROXY, joined to the job's own chain with `|`, so any error here only sends Go on to that
// chain. It serves the files of a version (.info, .mod, .zip: immutable) from the module store,
// from module bundles, or from the job's upstream chain once (then kept for the next bundle);
// everything that changes over time (list, @latest, queries) and checksum databases are left
// to the job's chain with a 404. A request without this job's secret gets a bare 404.








const CONTENT_TYPES = {
    info: 'application/json',
    mod: 'text/plain; charset=utf-8',
    zip: 'application/zip'
};
/** A module file's name in the store: its escaped request path, under its own namespace. */
function moduleActionID(requestPath) {
    return (0,external_node_crypto_.createHash)('sha256').update(`go-cache-module\n${requestPath}`).digest();
}
class ModuleProxy {
    options;
    stats = newModuleStats();
    server;
    fetching = new Map();
    secret;
    constructor(options) {
        this.options = options;
        this.secret = Buffer.from(options.secret);
    }
    /** Listens on 127.0.0.1 (Go cannot use a Unix socket for GOPROXY); returns the port. */
    async listen(port = 0) {
        const server = (0,external_node_http_.createServer)((req, res) => {
            this.handle(req, res).catch(err => {
                this.stats.failed++;
                (0,log/* log */.Rm)('warn', `module proxy: ${err.message}`);
                if (!res.headersSent)
                    send(res, 502, 'module proxy error');
                else
                    res.destroy();
            });
        });
        this.server = server;
        await new Promise((resolve, reject) => {
            server.once('error', reject);
            server.listen(port, '127.0.0.1', () => resolve());
        });
        return server.address().port;
    }
    async close() {
        const server = this.server;
        if (!server)
            return;
        await new Promise(resolve => {
            server.close(() => resolve());
            server.closeAllConnections();
        });
    }
    async handle(req, res) {
        const rawPath = (req.url ?? '/').split('?')[0];
        const slash = rawPath.indexOf('/', 1);
        const given = Buffer.from(rawPath.slice(1, slash < 0 ? undefined : slash));
        if (slash < 0 || given.length !== this.secret.length || !(0,external_node_crypto_.timingSafeEqual)(given, this.secret)) {
            this.stats.refused++;
            return send(res, 404, '');
        }
        if (req.method !== 'GET' && req.method !== 'HEAD')
            return send(res, 405, 'GET only');
        let rest;
        try {
            rest = decodeURIComponent(rawPath.slice(slash + 1));
        }
        catch {
            this.stats.refused++;
            return send(res, 400, 'malformed path');
        }
        const request = parseModuleRequest(rest);
        if (!request) {
            this.stats.refused++;
            return send(res, 400, 'not a module proxy path');
        }
        if (request.kind !== 'file') {
            // Lists, @latest, queries and sumdb: the job's own chain answers them, always fresh.
            this.stats.passedOn++;
            return send(res, 404, 'not served by the go-cache module proxy');
        }
        await this.serveFile(request, req, res);
    }
    async serveFile(request, req, res) {
        this.stats.files++;
        const actionID = moduleActionID(request.path);
        const { store, remote } = this.options;
        let entry = await store.get(actionID);
        if (entry) {
            if (remote?.noteLocalHit(actionID))
                this.stats.fromService++;
            else
                this.stats.fromRunner++;
        }
        else if (remote && (await remote.fetch(actionID))) {
            entry = await store.get(actionID);
            if (entry)
                this.stats.fromService++;
        }
        if (entry)
            return this.sendStored(entry, request, req, res);
        const running = this.fetching.get(request.path);
        if (running) {
            // Someone fetches it already: one download, then this one is served from the store.
            const outcome = await running;
            if ('status' in outcome)
                return send(res, outcome.status, 'not available upstream');
            return this.sendStored(outcome.stored, request, req, res);
        }
        const fetch = this.fetchUpstream(request, actionID, res).finally(() => this.fetching.delete(request.path));
        this.fetching.set(request.path, fetch);
        await fetch;
    }
    sendStored(entry, request, req, res) {
        this.stats.bytesServed += entry.size;
        res.writeHead(200, {
            'Content-Type': CONTENT_TYPES[request.ext],
            'Content-Length': String(entry.size)
        });
        if (req.method === 'HEAD') {
            res.end();
            return Promise.resolve();
        }
        return new Promise((resolve, reject) => {
            const file = external_node_fs_.createReadStream(entry.diskPath);
            file.on('error', reject);
            res.on('close', resolve);
            file.pipe(res);
        });
    }
    /**
     * Streams the upstream body to Go and, hashing it on the way, into the store; only a body
     * that arrived whole (its Content-Length, when given) is kept and added to a bundle.
     */
    async fetchUpstream(request, actionID, res) {
        const answer = await this.options.upstream.fetch(request.path);
        if (answer.status !== 'found') {
            if (answer.status === 'failed')
                (0,log/* log */.Rm)('info', `module proxy: ${request.path}: ${answer.reason}`);
            const status = answer.status === 'not-found' ? 404 : 502;
            this.stats[answer.status === 'not-found' ? 'notFound' : 'failed']++;
            send(res, status, answer.status === 'not-found' ? 'not found upstream' : 'upstream failed');
            return { status };
        }
        const { store, remote } = this.options;
        const tmp = store.tmpPath();
        const hash = (0,external_node_crypto_.createHash)('sha256');
        let size = 0;
        res.writeHead(200, {
            'Content-Type': CONTENT_TYPES[request.ext],
            ...(answer.size !== undefined && { 'Content-Length': String(answer.size) })
        });
        // Go reads from loopback faster than any upstream sends: its copy is not throttled.
        const tap = new external_node_stream_.Transform({
            transform(chunk, _encoding, done) {
                hash.update(chunk);
                size += chunk.length;
                if (!res.destroyed)
                    res.write(chunk);
                done(null, chunk);
            }
        });
        try {
            await (0,external_node_stream_promises_.pipeline)(answer.body, tap, external_node_fs_.createWriteStream(tmp, { flags: 'wx' }));
            if (answer.size !== undefined && size !== answer.size) {
                throw new Error(`upstream sent ${size} of ${answer.size} bytes`);
            }
        }
        catch (err) {
            await external_node_fs_.promises.rm(tmp, { force: true });
            // Go sees a broken answer, so it tries its own chain; nothing was stored.
            res.destroy();
            this.stats.failed++;
            (0,log/* log */.Rm)('info', `module proxy: ${request.path} from ${answer.from}: ${err.message}`);
            return { status: 502 };
        }
        res.end();
        // Counted once the file arrived whole: a broken transfer counts as failed only.
        this.stats.fromUpstream++;
        this.stats.bytesFetched += size;
        this.stats.bytesServed += size;
        const outputHex = hash.digest('hex');
        const diskPath = await store.publishOutput(outputHex, size, tmp);
        const timeMs = Date.now();
        await store.writeRecord(actionID.toString('hex'), { outputHex, size, timeMs });
        remote?.recordPut({
            actionID,
            outputID: Buffer.from(outputHex, 'hex'),
            size,
            timeMs,
            path: diskPath
        });
        const stored = await store.get(actionID);
        return stored ? { stored } : { status: 502 };
    }
}
function send(res, status, text) {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(text);
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ./src/modules/module-unpack.ts
// Module trees ahead of Go. Once the module bundles are in, the versions the job's go.sum
// names and the module store holds are handed to the native helper (`go-cache-bridge
// unpack-modules`), which writes them into GOMODCACHE as Go's own download would: the
// extracted tree, .zip, .ziphash, .mod and .info. Go then finds them complete and neither
// asks the proxy nor inflates each zip twice (once to hash it, once to extract it); the
// helper inflates once, and keeps a version only when its files hash to go.sum's line.
// It takes Go's per-version lock, so a go command already at work on a version keeps it.





/** go.sum's lines: `path version h1:…` and `path version/go.mod h1:…`. */
function parseGoSum(text) {
    const lines = [];
    for (const line of text.split('\n')) {
        const [module, version, sum, extra] = line.trim().split(/\s+/);
        if (!sum?.startsWith('h1:') || extra !== undefined)
            continue;
        if (version.endsWith('/go.mod'))
            lines.push({ module, version: version.slice(0, -7) });
        else
            lines.push({ module, version, zipSum: sum });
    }
    return lines;
}
/**
 * The helper's input: what the store holds of go.sum's versions. Each file handed over counts
 * as used by this job (`remote`), as if Go had asked the proxy for it, so the next module
 * index keeps its bundle.
 */
async function unpackInput(store, goSums, remote) {
    const versions = new Map();
    for (const file of goSums) {
        const text = await promises_.readFile(file, 'utf8').catch(() => '');
        for (const line of parseGoSum(text)) {
            const key = `${line.module} ${line.version}`;
            versions.set(key, { ...versions.get(key), ...line });
        }
    }
    // The small files first, then the zips, largest first: a go command that reaches a
    // version before us does all of it itself, twice over, and the large ones cost the most.
    const metadata = [];
    const zips = [];
    for (const { module, version, zipSum } of versions.values()) {
        const base = `${escapeModuleText(module)}/@v/${escapeModuleText(version)}`;
        const stored = async (ext) => {
            const request = parseModuleRequest(`${base}.${ext}`);
            if (request?.kind !== 'file')
                return undefined;
            const actionID = moduleActionID(request.path);
            const entry = await store.get(actionID);
            if (entry)
                remote?.noteLocalHit(actionID);
            return entry;
        };
        const mod = await stored('mod');
        if (mod)
            metadata.push(['mod', module, version, mod.diskPath].join('\t'));
        if (!zipSum)
            continue;
        const info = await stored('info');
        if (info)
            metadata.push(['info', module, version, info.diskPath].join('\t'));
        const zip = await stored('zip');
        if (zip)
            zips.push({ line: ['zip', module, version, zipSum, zip.diskPath].join('\t'), size: zip.size });
    }
    zips.sort((a, b) => b.size - a.size);
    const out = [...metadata, ...zips.map(z => z.line)];
    return out.length ? out.join('\n') + '\n' : '';
}
/** Runs the helper; undefined when there was nothing to do or it could not run. */
async function unpackModules(store, options, remote) {
    const started = Date.now();
    const input = await unpackInput(store, options.goSums, remote);
    if (!input)
        return undefined;
    const child = (0,external_node_child_process_.spawn)(options.helper, ['unpack-modules', '--gomodcache', options.gomodcache], {
        stdio: ['pipe', 'pipe', 'pipe'],
        env: helperEnv()
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (text) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text) => {
        for (const line of text.split('\n'))
            if (line)
                (0,log/* log */.Rm)('warn', line.replace(/^go-cache: /, ''));
    });
    child.stdin.on('error', () => { }); // a helper that died early: its exit says why
    child.stdin.end(input);
    const code = await new Promise(resolve => {
        child.on('error', err => {
            (0,log/* log */.Rm)('warn', `module trees not unpacked: ${err.message}`);
            resolve(null);
        });
        child.on('close', resolve);
    });
    if (code !== 0) {
        if (code !== null)
            (0,log/* log */.Rm)('warn', `module trees: the helper exited with ${code}`);
        return undefined;
    }
    try {
        return { ...JSON.parse(stdout), ms: Date.now() - started };
    }
    catch {
        (0,log/* log */.Rm)('warn', `module trees: unexpected helper output ${JSON.stringify(stdout.slice(0, 200))}`);
        return undefined;
    }
}
/** The daemon's environment less its secrets (the service token, the module URL's secret). */
function helperEnv() {
    return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('ACTIONS_') && !name.startsWith('GO_CACHE_')));
}

// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
// EXTERNAL MODULE: ./src/remote/http-request.ts
var http_request = __webpack_require__(9072);
;// CONCATENATED MODULE: ./src/modules/upstream.ts
// The job's own GOPROXY chain, as the daemon walks it to fetch a module file it does not have:
// the same order and fall-through rules as Go (cmd/go/internal/modfetch proxyList, TryProxies).
// `direct` and `off` end the walk: VCS fetches and refusals stay with Go, which tries its own
// chain after ours whenever we answer an error.




/** Splits a GOPROXY value as Go does; entries after `direct` or `off` are never reached. */
function parseProxyList(goproxy) {
    const entries = [];
    let rest = goproxy;
    while (rest !== '') {
        const at = rest.search(/[,|]/);
        const raw = at >= 0 ? rest.slice(0, at) : rest;
        const fallBackOnError = at >= 0 && rest[at] === '|';
        rest = at >= 0 ? rest.slice(at + 1) : '';
        let url = raw.trim();
        if (url === '')
            continue;
        if (url === 'off' || url === 'direct') {
            entries.push({ url, fallBackOnError: false });
            break;
        }
        if (/[.:/]/.test(url) && !url.includes(':/') && !url.startsWith('/'))
            url = `https://${url}`;
        entries.push({ url: url.replace(/\/+$/, ''), fallBackOnError });
    }
    return entries;
}
const TIMEOUT_MS = 10 * 60_000;
class Upstream {
    entries;
    constructor(goproxy) {
        this.entries = parseProxyList(goproxy);
    }
    /** Whether any entry is a proxy we can fetch from (not only `direct`/`off`). */
    get usable() {
        return this.entries.some(e => e.url !== 'direct' && e.url !== 'off');
    }
    /** Fetches `rest` (a checked, escaped request path) from the first entry that has it. */
    async fetch(rest) {
        let failure;
        for (const entry of this.entries) {
            if (entry.url === 'direct' || entry.url === 'off')
                break;
            let answer;
            try {
                answer = await fetchFrom(entry.url, rest);
            }
            catch (err) {
                answer = { status: 'failed', reason: `${entry.url}: ${err.message}` };
            }
            if (answer.status === 'found')
                return answer;
            if (answer.status === 'failed') {
                failure = answer.reason;
                if (!entry.fallBackOnError)
                    break;
            }
        }
        return failure ? { status: 'failed', reason: failure } : { status: 'not-found' };
    }
}
async function fetchFrom(base, rest) {
    if (base.startsWith('file:'))
        return fetchFile(base, rest);
    const url = new URL(`${base}/${rest}`);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        return { status: 'failed', reason: `${base}: unsupported proxy scheme ${url.protocol}` };
    }
    const response = await (0,http_request/* request */.E)(url, { timeoutMs: TIMEOUT_MS });
    const status = response.statusCode ?? 0;
    if (status === 200) {
        const length = Number(response.headers['content-length']);
        return { status: 'found', body: response, size: length >= 0 ? length : undefined, from: base };
    }
    response.resume();
    if (status === 404 || status === 410)
        return { status: 'not-found' };
    return { status: 'failed', reason: `${base}: HTTP ${status}` };
}
/** A file:// proxy is a directory laid out like one (GOMODCACHE's cache/download is one). */
async function fetchFile(base, rest) {
    const root = (0,external_node_url_.fileURLToPath)(base);
    const file = external_node_path_.join(root, ...rest.split('/'));
    if (!file.startsWith(root + external_node_path_.sep))
        return { status: 'not-found' };
    try {
        const { size } = await external_node_fs_.promises.stat(file);
        return { status: 'found', body: external_node_fs_.createReadStream(file), size, from: base };
    }
    catch (err) {
        const code = err.code;
        if (code === 'ENOENT' || code === 'ENOTDIR')
            return { status: 'not-found' };
        return { status: 'failed', reason: `${base}: ${err.message}` };
    }
}

// EXTERNAL MODULE: ./src/cache/stats.ts
var cache_stats = __webpack_require__(7461);
// EXTERNAL MODULE: ./src/protocol/server.ts
var protocol_server = __webpack_require__(9309);
// EXTERNAL MODULE: ./src/remote/remote-cache.ts + 13 modules
var remote_cache = __webpack_require__(9059);
// EXTERNAL MODULE: ./src/store/local-store.ts + 2 modules
var local_store = __webpack_require__(9754);
// EXTERNAL MODULE: ./src/store/trim.ts
var trim = __webpack_require__(7985);
// EXTERNAL MODULE: ./src/store/verified-log.ts
var verified_log = __webpack_require__(8494);
// EXTERNAL MODULE: ./src/util/sleep.ts
var sleep = __webpack_require__(7783);
// EXTERNAL MODULE: ./src/daemon/socket-path.ts
var socket_path = __webpack_require__(3103);
;// CONCATENATED MODULE: ./src/daemon/daemon.ts
// The long-lived cache daemon: one shared store, one socket, a connection per go command.
















/** The build cache's prefetch waits at most this long for the module bundles. */
const MODULES_FIRST_MAX_MS = 20_000;
async function startDaemon(options) {
    const store = await local_store.LocalStore.open(options.dir);
    const stats = (0,cache_stats.newStats)();
    const remote = options.remote ? new remote_cache/* RemoteCache */.x(store, options.remote) : undefined;
    const address = (0,socket_path/* socketAddress */.Q)(options.socket);
    const connections = new Set();
    let stopping;
    const trim = () => trimStore(store, options.maxBytes, 'store');
    const modules = options.modules ? await startModules(options.modules) : undefined;
    const report = () => ({
        ...stats,
        cpuMs: cpuMs(),
        ...(remote && { remote: { ...remote.stats } }),
        ...(modules && { modules: modules.report() })
    });
    const flush = async () => {
        // The job's counts include the module trees, unless unpacking them is stuck.
        await Promise.all([remote?.flush(), modules?.remote?.flush(), modules?.unpacked(30_000)]);
        return report();
    };
    const handler = {
        ...(0,cache_handler.createCacheHandler)(store, stats, remote),
        extraCommands: {
            stats: async () => report(),
            // Main waits for the index (cache-hit, carried times): one answer once it is in.
            'wait-index': async () => {
                await remote?.indexRestored();
                return report();
            },
            // Main asks once the index is restored (see checkout/carried-times.ts).
            'carried-times': async () => remote?.restoredCarriedTimes ?? [],
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
            log: message => (0,log/* log */.Rm)('warn', message),
            onError: () => stats.errors++
        }).catch(err => (0,log/* log */.Rm)('error', `connection failed: ${err.message}`));
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
            await modules?.stop(options.maxBytes);
            await trim();
            if (process.platform !== 'win32')
                await promises_.rm(address, { force: true });
            resolveStopped();
        })();
        return stopping;
    };
    // Modules first: a job's go commands need them before any compile needs the build cache,
    // and both restores share one link (and two cores): the module bundles, then their
    // unpacking into GOMODCACHE (CPU-bound, as is unpacking bundles). Gets are never held back.
    // Releasing the prefetch once the module bundles are in kept the link busy but moved the
    // time from the build step to `go mod download` (BENCHMARKS.md, caddy, --baseline-rev).
    modules?.remote?.start();
    if (remote && modules?.remote)
        remote.holdPrefetch(modules.ready(), MODULES_FIRST_MAX_MS);
    remote?.start();
    void trim();
    return { address, stopped, stop, modulePort: modules?.port };
}
/** Trims a store if due; a failure is a warning, never the daemon's end. */
function trimStore(store, maxBytes, name) {
    return (0,trim/* trimIfDue */.u)(store.dir, { maxBytes, inUse: store.inUse }).then(report => {
        if (report?.removedFiles) {
            (0,log/* log */.Rm)('info', `trimmed ${report.removedFiles} files (${report.removedBytes} bytes) from the ${name}`);
        }
    }, err => (0,log/* log */.Rm)('warn', `trimming the ${name} failed: ${err.message}`));
}
/** The module proxy beside the build cache: its own store, bundles and index. */
async function startModules(options) {
    const store = await local_store.LocalStore.open(options.dir);
    const remote = options.remote ? new remote_cache/* RemoteCache */.x(store, options.remote) : undefined;
    const proxy = new ModuleProxy({
        store,
        remote,
        upstream: new Upstream(options.upstream),
        secret: options.secret
    });
    const port = await proxy.listen(options.port);
    (0,log/* log */.Rm)('info', `module proxy on 127.0.0.1:${port}, upstream ${options.upstream || '(none)'}`);
    let unpacked;
    const unpack = options.unpack;
    const bundlesIn = remote ? remote.prefetchDone() : Promise.resolve();
    const unpacking = unpack
        ? bundlesIn
            .then(() => unpackModules(store, unpack, remote))
            .then(report => void (unpacked = report), err => (0,log/* log */.Rm)('warn', `module trees not unpacked: ${err.message}`))
        : undefined;
    return {
        port,
        remote,
        /** The module bundles are in and unpacked (if asked for): what the build cache waits for. */
        ready: () => bundlesIn.then(() => unpacking),
        /** Resolves when the unpacking is over (or was never asked for), at most `ms` from now. */
        unpacked: (ms) => {
            let timer;
            const late = new Promise(resolve => (timer = setTimeout(resolve, ms)));
            return Promise.race([unpacking, late]).finally(() => clearTimeout(timer));
        },
        report: () => ({
            port,
            ...proxy.stats,
            ...(remote && { remote: { ...remote.stats } }),
            ...(unpacked && { unpacked })
        }),
        stop: async (maxBytes) => {
            await proxy.close();
            store.close();
            await trimStore(store, maxBytes, 'module store');
        }
    };
}
/** Lets bridges answer what this daemon verified; without the list they just ask us. */
function openVerifiedLog(store, address) {
    try {
        const writer = new verified_log/* VerifiedLogWriter */.cC((0,verified_log/* verifiedLogPath */.q9)(store.dir, address));
        store.onVerified = (actionHex, record) => writer.add(actionHex, record);
        return writer;
    }
    catch (err) {
        (0,log/* log */.Rm)('debug', `no verified list for bridges: ${err.message}`);
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
/** This process's CPU time (all threads: decompression runs on libuv's pool), in ms. */
function cpuMs() {
    const { user, system } = process.cpuUsage();
    return Math.round((user + system) / 1000);
}

;// CONCATENATED MODULE: ./src/cli/serve.ts


async function runServe(options) {
    const daemon = await startDaemon(options);
    for (const signal of ['SIGTERM', 'SIGINT']) {
        process.on(signal, () => void daemon.stop());
    }
    // Whoever started us waits for this line before pointing Go at the socket.
    // A secret we made up ourselves is of use only if printed (the action passes its own).
    if (options.modules && !process.env.GO_CACHE_MODULE_SECRET && daemon.modulePort) {
        process.stderr.write(`GOPROXY http://127.0.0.1:${daemon.modulePort}/${options.modules.secret}\n`);
    }
    process.stderr.write(`ready ${daemon.address}\n`);
    (0,log/* log */.Rm)('info', `serving ${options.dir}`);
    await daemon.stopped;
    return 0;
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
