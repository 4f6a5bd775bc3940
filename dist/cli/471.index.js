export const id = 471;
export const ids = [471];
export const modules = {

/***/ 7471:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  remoteOptions: () => (/* binding */ remoteOptions)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/remote/index-key.ts
// How index keys are spelled: shared by the daemon (saving, restoring) and the action (telling
// where a restored index came from), so it depends on nothing else.

/**
 * Index keys: `go-cache-index-` then `<readable level>-<hash>-` per scope level, then
 * `<time>-<random>[-<tag>]`. Each hash covers the levels up to its own, so one scope's prefix
 * never matches another's after the text is made key-safe (`a` and `a-b`), while a broader
 * scope's prefix is a prefix of all its narrower scopes' keys.
 */
function indexPrefix(levels) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    let prefix = 'go-cache-index-';
    for (const level of levels) {
        hash.update(level + '\n');
        prefix += `${keySafe(level, 80)}-${hash.copy().digest('hex').slice(0, 12)}-`;
    }
    return prefix;
}
/** Cache keys allow no commas; dashes separate the parts of ours. */
function keySafe(text, max) {
    return text.replace(/[^A-Za-z0-9._]+/g, '_').slice(0, max);
}

// EXTERNAL MODULE: ./src/remote/remote-cache.ts + 7 modules
var remote_cache = __webpack_require__(2557);
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
        const { ActionsCacheBackend } = await __webpack_require__.e(/* import() */ 937).then(__webpack_require__.bind(__webpack_require__, 8937));
        backend = await ActionsCacheBackend.create(external_node_path_.join(flags.dir, 'actions-workspace'));
    }
    else {
        return undefined;
    }
    const levels = flags.scope.length > 0 ? flags.scope : ['default'];
    return {
        backend,
        bundleBytes: flags.bundleBytes || remote_cache/* DEFAULT_BUNDLE_BYTES */.j,
        indexPrefix: indexPrefix(levels),
        // A job without an index of its own starts from its nearest relative: a sibling matrix
        // leg (same levels but the last), then any job of the broader levels.
        fallbackPrefixes: [
            ...levels.slice(1).map((_, i) => indexPrefix(levels.slice(0, levels.length - 1 - i))),
            ...flags.fallbackScopes.map(scope => indexPrefix([scope]))
        ],
        indexTag: flags.indexTag === undefined ? undefined : keySafe(flags.indexTag, 40),
        readOnly: flags.readOnly
    };
}


/***/ })

};
