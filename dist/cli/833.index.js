export const id = 833;
export const ids = [833];
export const modules = {

/***/ 1833:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   remoteOptions: () => (/* binding */ remoteOptions)
/* harmony export */ });
/* unused harmony export indexPrefix */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _remote_remote_cache_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2557);
// Turns serve's remote flags into the daemon's remote tier settings.



async function remoteOptions(flags) {
    if (flags.remoteDir && flags.actionsCache) {
        throw new Error('choose one of --remote-dir and --actions-cache');
    }
    let backend;
    if (flags.remoteDir) {
        const { DirectoryBackend } = await __webpack_require__.e(/* import() */ 572).then(__webpack_require__.bind(__webpack_require__, 1572));
        backend = new DirectoryBackend(node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(flags.remoteDir));
    }
    else if (flags.actionsCache) {
        const { ActionsCacheBackend } = await __webpack_require__.e(/* import() */ 496).then(__webpack_require__.bind(__webpack_require__, 8496));
        backend = await ActionsCacheBackend.create(node_path__WEBPACK_IMPORTED_MODULE_1__.join(flags.dir, 'actions-workspace'));
    }
    else {
        return undefined;
    }
    return {
        backend,
        bundleBytes: flags.bundleBytes || _remote_remote_cache_js__WEBPACK_IMPORTED_MODULE_2__/* .DEFAULT_BUNDLE_BYTES */ .j,
        indexPrefix: indexPrefix(flags.scope ?? 'default'),
        fallbackPrefixes: flags.fallbackScopes.map(indexPrefix),
        readOnly: flags.readOnly
    };
}
/**
 * Index keys: `go-cache-index-<readable scope>-<scope hash>-<time>-<random>`. The hash keeps
 * one scope's prefix from matching another's (`a` and `a-b`) after the text is made key-safe.
 */
function indexPrefix(scope) {
    const safe = scope.replace(/[^A-Za-z0-9._]+/g, '_').slice(0, 200);
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(scope).digest('hex').slice(0, 12);
    return `go-cache-index-${safe}-${hash}-`;
}


/***/ })

};
