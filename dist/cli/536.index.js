export const id = 536;
export const ids = [536];
export const modules = {

/***/ 536:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runProg: () => (/* binding */ runProg)
/* harmony export */ });
/* harmony import */ var _cache_cache_handler_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5965);
/* harmony import */ var _cache_stats_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7461);
/* harmony import */ var _protocol_server_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9309);
/* harmony import */ var _store_local_store_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7448);
/* harmony import */ var _store_trim_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7985);
/* harmony import */ var _util_log_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9906);
// Direct mode: Go starts this process as GOCACHEPROG and it serves the local store itself.






async function runProg(dir, maxBytes) {
    const store = await _store_local_store_js__WEBPACK_IMPORTED_MODULE_2__/* .LocalStore */ .Vs.open(dir);
    const stats = (0,_cache_stats_js__WEBPACK_IMPORTED_MODULE_5__/* .newStats */ .C)();
    stats.connections = 1;
    // Trimming walks the store: do it while Go works, at most hourly (a stamp file says when).
    const trimming = (0,_store_trim_js__WEBPACK_IMPORTED_MODULE_3__/* .trimIfDue */ .u)(store.dir, { maxBytes, inUse: store.inUse }).catch(err => (0,_util_log_js__WEBPACK_IMPORTED_MODULE_4__/* .log */ .R)('warn', `trimming the store failed: ${err.message}`));
    const result = await (0,_protocol_server_js__WEBPACK_IMPORTED_MODULE_1__/* .serveConnection */ .eu)(process.stdin, process.stdout, (0,_cache_cache_handler_js__WEBPACK_IMPORTED_MODULE_0__/* .createCacheHandler */ .v)(store, stats), {
        keepOutputOpen: true,
        log: message => (0,_util_log_js__WEBPACK_IMPORTED_MODULE_4__/* .log */ .R)('error', message),
        onError: () => stats.errors++
    });
    await trimming;
    if (result.fatal) {
        (0,_util_log_js__WEBPACK_IMPORTED_MODULE_4__/* .log */ .R)('error', `stopping: ${result.fatal}`);
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
