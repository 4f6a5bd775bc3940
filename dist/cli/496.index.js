export const id = 496;
export const ids = [496];
export const modules = {

/***/ 8496:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ActionsCacheBackend: () => (/* binding */ ActionsCacheBackend)
/* harmony export */ });
/* harmony import */ var node_async_hooks__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6698);
/* harmony import */ var node_async_hooks__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_async_hooks__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _util_log_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9906);
/* harmony import */ var _backend_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7590);
// The GitHub Actions cache service through the real @actions/cache client.
//
// The client archives *paths* and derives each entry's version from the path strings, so
// paths must be relative (a self-hosted runner elsewhere must compute the same version) and
// identical at save and restore: a bundle lives at `<key>/data`, the index at a fixed
// `go-cache-index/data`, both under a private workspace that is this process's cwd.
// The client reports failures only as log lines; we read them (per call, through async
// context) to tell "not there" from "failed" and to honour the service's Retry-After.





const INDEX_PATH = 'go-cache-index';
const DATA_FILE = 'data';
const DEFAULT_RETRY_AFTER_MS = 15_000;
const callLogs = new node_async_hooks__WEBPACK_IMPORTED_MODULE_0__.AsyncLocalStorage();
class ActionsCacheBackend {
    client;
    workspace;
    name = 'GitHub Actions cache';
    /** Index operations share one path: one at a time. */
    indexLock = Promise.resolve();
    constructor(client, workspace) {
        this.client = client;
        this.workspace = workspace;
    }
    /** Needs ACTIONS_RESULTS_URL and ACTIONS_RUNTIME_TOKEN in this process's environment. */
    static async create(workspace) {
        if (!process.env.ACTIONS_RUNTIME_TOKEN || !process.env.ACTIONS_RESULTS_URL) {
            throw new Error('the Actions cache needs ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL');
        }
        process.env.ACTIONS_CACHE_SERVICE_V2 ??= 'true';
        await node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir(workspace, { recursive: true });
        // The client resolves relative paths against the cwd and archives from GITHUB_WORKSPACE.
        process.chdir(workspace);
        process.env.GITHUB_WORKSPACE = workspace;
        // Its archives go to RUNNER_TEMP, or to a fixed /home/actions/temp when that is unset.
        process.env.RUNNER_TEMP ??= node_path__WEBPACK_IMPORTED_MODULE_2__.join(workspace, '.archives');
        captureClientOutput();
        const client = await __webpack_require__.e(/* import() */ 329).then(__webpack_require__.bind(__webpack_require__, 5329));
        return new ActionsCacheBackend(client, workspace);
    }
    async download(key, file) {
        const dir = (0,_backend_js__WEBPACK_IMPORTED_MODULE_4__/* .checkKey */ .y)(key);
        await this.clear(dir);
        try {
            const { result, failures } = await withCallLog(() => this.client.restoreCache([dir], key));
            if (result === undefined) {
                if (failures.length > 0)
                    throw new Error(failures.join('; '));
                return false;
            }
            await node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rename(node_path__WEBPACK_IMPORTED_MODULE_2__.join(this.workspace, dir, DATA_FILE), file);
            return true;
        }
        finally {
            await this.clear(dir);
        }
    }
    async upload(key, file, kind) {
        (0,_backend_js__WEBPACK_IMPORTED_MODULE_4__/* .checkKey */ .y)(key);
        if (kind === 'index')
            return this.serially(() => this.save(INDEX_PATH, key, file));
        return this.save(key, key, file);
    }
    async restoreNewest(prefixes, file) {
        return this.serially(async () => {
            await this.clear(INDEX_PATH);
            try {
                const [primary, ...rest] = prefixes;
                const { result, failures } = await withCallLog(() => this.client.restoreCache([INDEX_PATH], primary, rest));
                if (result === undefined && failures.length > 0)
                    throw new Error(failures.join('; '));
                if (result !== undefined) {
                    await node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rename(node_path__WEBPACK_IMPORTED_MODULE_2__.join(this.workspace, INDEX_PATH, DATA_FILE), file);
                }
                return result;
            }
            finally {
                await this.clear(INDEX_PATH);
            }
        });
    }
    async save(dir, key, file) {
        await this.clear(dir);
        await node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir(node_path__WEBPACK_IMPORTED_MODULE_2__.join(this.workspace, dir));
        await node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.copyFile(file, node_path__WEBPACK_IMPORTED_MODULE_2__.join(this.workspace, dir, DATA_FILE));
        try {
            const { result, failures, retryAfterMs } = await withCallLog(() => this.client.saveCache([dir], key));
            if (result !== -1)
                return { status: 'saved' };
            if (retryAfterMs !== undefined || failures.some(f => /rate limit/i.test(f))) {
                return { status: 'rate-limited', retryAfterMs: retryAfterMs ?? DEFAULT_RETRY_AFTER_MS };
            }
            // -1 is also "already exists": ask, since a twin job may have saved the same bytes.
            const { result: found } = await withCallLog(() => this.client.restoreCache([dir], key, [], { lookupOnly: true }));
            if (found === key)
                return { status: 'exists' };
            throw new Error(failures.join('; ') || `the service did not save ${key}`);
        }
        finally {
            await this.clear(dir);
        }
    }
    serially(task) {
        const run = this.indexLock.then(task, task);
        this.indexLock = run.catch(() => { });
        return run;
    }
    async clear(dir) {
        await node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm(node_path__WEBPACK_IMPORTED_MODULE_2__.join(this.workspace, dir), { recursive: true, force: true });
    }
}
async function withCallLog(call) {
    const callLog = { failures: [] };
    const result = await callLogs.run(callLog, call);
    return { ...callLog, result };
}
let captured = false;
/**
 * @actions/core writes workflow commands (`::warning::…`) to stdout. In the daemon nobody
 * reads that stdout, so turn them into our log lines and note failures for the call that
 * caused them.
 */
function captureClientOutput() {
    if (captured)
        return;
    captured = true;
    const write = (chunk, ...rest) => {
        for (const line of chunk.toString().split(/\r?\n/)) {
            if (line)
                noteClientLine(line);
        }
        const callback = rest.find(arg => typeof arg === 'function');
        callback?.();
        return true;
    };
    process.stdout.write = write;
}
function noteClientLine(line) {
    const command = /^::([\w-]+)(?: [^:]*)?::(.*)$/.exec(line);
    const kind = command?.[1] ?? 'info';
    // The signatures of signed URLs: secrets, so never in our log (the post step prints it).
    if (kind === 'add-mask')
        return;
    const text = command?.[2] ?? line;
    const callLog = callLogs.getStore();
    const reset = /rate limit will reset in (\d+) seconds/.exec(text);
    if (reset && callLog)
        callLog.retryAfterMs = Number(reset[1]) * 1000;
    if ((kind === 'warning' || kind === 'error') && callLog)
        callLog.failures.push(text);
    (0,_util_log_js__WEBPACK_IMPORTED_MODULE_3__/* .log */ .R)(kind === 'debug' ? 'debug' : 'info', `actions cache: ${text}`);
}


/***/ }),

/***/ 7590:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   y: () => (/* binding */ checkKey)
/* harmony export */ });
// Where bundles and indexes live between jobs. Every method is one request to the service
// (as the job's request budget counts them); failures throw and become misses upstream.
/** Keys stay within what both the Actions cache (≤ 512 chars, no commas) and file names allow. */
function checkKey(key) {
    if (!/^[A-Za-z0-9._-]{1,400}$/.test(key))
        throw new Error(`unusable cache key ${key}`);
    return key;
}


/***/ })

};
