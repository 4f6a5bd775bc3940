export const id = 833;
export const ids = [833];
export const modules = {

/***/ 1600:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  moduleRemoteOptions: () => (/* binding */ moduleRemoteOptions),
  remoteOptions: () => (/* binding */ remoteOptions)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/checkout/carried-times.ts + 3 modules
var carried_times = __webpack_require__(5456);
;// CONCATENATED MODULE: ./src/action/constants.ts
// Names shared by main, post and action.yml: inputs, outputs and the state main leaves for post.
const Inputs = {
    Key: 'key',
    ReadOnly: 'read-only',
    BundleSize: 'bundle-size',
    MaxLocalSize: 'max-local-size',
    FlushTimeout: 'flush-timeout',
    Summary: 'summary',
    LogLevel: 'log-level',
    StableFileTimes: 'stable-file-times',
    Matrix: 'matrix',
    CacheModules: 'cache-modules',
    CleanupToken: 'cleanup-token'
};
const Outputs = {
    CacheHit: 'cache-hit',
    HitRate: 'hit-rate',
    RestoredKey: 'restored-key'
};
/** One state entry holding a JSON DaemonState: what post needs to find and stop the daemon. */
const STATE_KEY = 'go-cache-daemon';
/** Hands the clean-up token to the daemon (and only to it). */
const CLEANUP_TOKEN_ENV = 'GO_CACHE_CLEANUP_TOKEN';
/** Environment variable the action exports for every later step. */
const GOCACHEPROG = 'GOCACHEPROG';

// EXTERNAL MODULE: ./src/remote/index-key.ts
var index_key = __webpack_require__(2560);
// EXTERNAL MODULE: ./src/remote/remote-cache.ts + 13 modules
var remote_cache = __webpack_require__(9059);
;// CONCATENATED MODULE: ./src/cli/remote-options.ts
// Turns serve's remote flags into the daemon's remote tier settings.





async function remoteOptions(flags) {
    if (flags.remoteDir && flags.actionsCache) {
        throw new Error('choose one of --remote-dir and --actions-cache');
    }
    let backend;
    if (flags.remoteDir) {
        const { DirectoryBackend } = await __webpack_require__.e(/* import() */ 572).then(__webpack_require__.bind(__webpack_require__, 1572));
        backend = new DirectoryBackend(external_node_path_.resolve(flags.remoteDir));
    }
    else if (flags.actionsCache) {
        const { ActionsCacheBackend } = await __webpack_require__.e(/* import() */ 245).then(__webpack_require__.bind(__webpack_require__, 7245));
        backend = await ActionsCacheBackend.create(external_node_path_.join(flags.dir, 'actions-workspace'));
    }
    else {
        return undefined;
    }
    const workspace = flags.workspace && external_node_path_.resolve(flags.workspace);
    const levels = flags.scope.length > 0 ? flags.scope : ['default'];
    return {
        backend,
        bundleBytes: flags.bundleBytes || remote_cache/* DEFAULT_BUNDLE_BYTES */.j,
        indexPrefix: (0,index_key/* indexPrefix */.jE)(levels),
        // A job without an index of its own starts from its nearest relative: a sibling matrix
        // leg (same levels but the last), then any job of the broader levels.
        fallbackPrefixes: [
            ...levels.slice(1).map((_, i) => (0,index_key/* indexPrefix */.jE)(levels.slice(0, levels.length - 1 - i))),
            ...flags.fallbackScopes.map(scope => (0,index_key/* indexPrefix */.jE)([scope]))
        ],
        indexTag: flags.indexTag === undefined ? undefined : (0,index_key/* keySafe */.hw)(flags.indexTag, 40),
        readOnly: flags.readOnly,
        ref: process.env.GITHUB_REF ?? '',
        cleanup: cleanupTarget(),
        // Never applied on Windows (checkout/carried-times.ts): nothing to record there.
        carriedTimes: workspace && process.platform !== 'win32' ? () => (0,carried_times/* touchedPaths */.Pq)(workspace) : undefined
    };
}
/**
 * The REST API deletes what no index needs when GO_CACHE_CLEANUP_TOKEN holds a token with
 * `actions: write`; without one, the job only counts what could go.
 */
function cleanupTarget() {
    const repository = process.env.GITHUB_REPOSITORY;
    if (!repository)
        return undefined;
    const token = process.env[CLEANUP_TOKEN_ENV] || undefined;
    delete process.env[CLEANUP_TOKEN_ENV];
    return { apiUrl: process.env.GITHUB_API_URL || 'https://api.github.com', repository, token };
}
const MODULE_INDEX_PREFIX = 'go-cache-modindex-';
/**
 * Module bundles keep an index of their own, under the same scope levels; modules do not
 * depend on the platform, so any job's module index is the last fallback.
 */
function moduleRemoteOptions(build) {
    const rename = (prefix) => prefix.replace(/^go-cache-index-/, MODULE_INDEX_PREFIX);
    return {
        ...build,
        // The build cache's index carries them; test results are there.
        carriedTimes: undefined,
        indexPrefix: rename(build.indexPrefix),
        fallbackPrefixes: [...(build.fallbackPrefixes ?? []).map(rename), MODULE_INDEX_PREFIX]
    };
}


/***/ }),

/***/ 3203:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   gl: () => (/* binding */ formatEntryLine),
/* harmony export */   gp: () => (/* binding */ EntryAppender),
/* harmony export */   ri: () => (/* binding */ parseEntryLines)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
// One text line per cache entry, appended in batches. Shared by the store's record log and
// the daemon's verified list: "<action hex> <output hex> <size> <unix ms>\n".

const LINE = /^([0-9a-f]{64}) ([0-9a-f]{64}) (\d+) (\d+)$/;
function formatEntryLine(actionHex, entry) {
    return `${actionHex} ${entry.outputHex} ${entry.size} ${entry.timeMs}\n`;
}
/** Adds every whole, well-formed line of `text` to `into` (a later line wins); skips the rest. */
function parseEntryLines(lines, into) {
    for (const line of lines) {
        const m = LINE.exec(line);
        if (m)
            into.set(m[1], { outputHex: m[2], size: Number(m[3]), timeMs: Number(m[4]) });
    }
}
/** Appends lines with one write per tick, however many entries came in it. */
class EntryAppender {
    file;
    onFailure;
    pending = '';
    scheduled = false;
    fd;
    /** `fresh` starts the file over; otherwise lines go after what is there. */
    constructor(file, fresh, onFailure = () => { }) {
        this.file = file;
        this.onFailure = onFailure;
        this.fd = node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync(file, fresh ? 'w' : 'a');
    }
    add(actionHex, entry) {
        if (this.fd === undefined)
            return;
        this.pending += formatEntryLine(actionHex, entry);
        if (this.scheduled)
            return;
        this.scheduled = true;
        setImmediate(() => this.flush());
    }
    flush() {
        this.scheduled = false;
        if (this.fd === undefined || !this.pending)
            return;
        const text = this.pending;
        this.pending = '';
        try {
            node_fs__WEBPACK_IMPORTED_MODULE_0__.writeSync(this.fd, text);
        }
        catch (err) {
            this.close();
            this.onFailure(err);
        }
    }
    close() {
        this.flush();
        if (this.fd === undefined)
            return;
        node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync(this.fd);
        this.fd = undefined;
    }
}


/***/ }),

/***/ 2658:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ outputPathIn)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
// Where a store keeps an output, by its content's name. A module of its own because readers
// outside the store (the bridge, once per go command) must not load the store's node:crypto.

function outputPathIn(storeDir, outputHex) {
    return node_path__WEBPACK_IMPORTED_MODULE_0__.join(storeDir, 'o', outputHex.slice(0, 2), outputHex);
}


/***/ })

};
