#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 9906:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   He: () => (/* binding */ setLogLevel),
/* harmony export */   K9: () => (/* binding */ logs),
/* harmony export */   Rm: () => (/* binding */ log)
/* harmony export */ });
// Everything human-readable goes to stderr: stdout belongs to the GOCACHEPROG protocol.
const ORDER = { debug: 0, info: 1, warn: 2, error: 3 };
let threshold = process.env.GO_CACHE_LOG_LEVEL in ORDER
    ? process.env.GO_CACHE_LOG_LEVEL
    : 'warn';
function setLogLevel(level) {
    threshold = level;
}
/** Whether messages at this level are written: a message costly to build is built only then. */
function logs(level) {
    return ORDER[level] >= ORDER[threshold];
}
function log(level, message) {
    if (!logs(level))
        return;
    process.stderr.write(`go-cache: ${level === 'info' ? '' : level + ': '}${message}\n`);
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 8995:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:module");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:process");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 6466:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream/promises");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 3557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 2018:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tty");

/***/ }),

/***/ 7016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
// EXTERNAL MODULE: external "node:module"
var external_node_module_ = __nccwpck_require__(8995);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __nccwpck_require__(7975);
// EXTERNAL MODULE: ./src/util/log.ts
var log = __nccwpck_require__(9906);
;// CONCATENATED MODULE: ./src/util/size.ts
const UNITS = {
    '': 1,
    b: 1,
    k: 1e3,
    kb: 1e3,
    kib: 1 << 10,
    m: 1e6,
    mb: 1e6,
    mib: 1 << 20,
    g: 1e9,
    gb: 1e9,
    gib: 1 << 30,
    t: 1e12,
    tb: 1e12,
    tib: 2 ** 40
};
/** Parses "10GiB", "500MB", "1048576"; undefined when the text is not a size. */
function parseSize(text) {
    const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
    if (!m)
        return undefined;
    const unit = UNITS[m[2].toLowerCase()];
    if (unit === undefined)
        return undefined;
    return Math.round(Number(m[1]) * unit);
}
function formatBytes(n) {
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let i = 0;
    while (n >= 1024 && i < units.length - 1) {
        n /= 1024;
        i++;
    }
    return `${i === 0 ? n : n.toFixed(1)} ${units[i]}`;
}

;// CONCATENATED MODULE: ./src/util/exit.ts
// Ends the process without calling process.exit() right away. process.exit() can deadlock
// when a V8 background compile thread is waiting for a garbage collection at that moment
// (nodejs/node#54918): the main thread joins that thread, which never wakes. Seen here as a
// connect bridge that never exited after answering Go's close, and Go waiting for its
// stdout to close forever. A natural exit disposes the isolate first, which releases such
// threads; whatever still holds the event loop open gets `graceMs`, then process.exit().
function exitWhenIdle(code, graceMs = 2000) {
    process.exitCode = code;
    setTimeout(() => process.exit(code), graceMs).unref();
}

;// CONCATENATED MODULE: ./src/cli/index.ts
// go-cache: the GOCACHEPROG plugin and its daemon. Stdout belongs to the protocol.








const USAGE = `usage:
  go-cache prog    [--dir DIR] [--max-size SIZE]        serve Go directly (GOCACHEPROG)
  go-cache serve   --socket PATH [--dir DIR] [--max-size SIZE] [remote options]
                                                    run the daemon
  go-cache connect --socket PATH [--dir DIR]          GOCACHEPROG bridge to the daemon
  go-cache stats   --socket PATH                      print the daemon's counters (JSON)
  go-cache flush   --socket PATH                      upload pending bundles and the index
  go-cache stop    --socket PATH                      flush, then stop the daemon
options:
  --dir DIR         local store (default ~/.cache/go-cache)
  --max-size SIZE   trim the store to this size, e.g. 10GiB (default 10GiB)
  --log-level L     debug, info, warn or error (default warn; serve: info)
remote options (serve):
  --remote-dir DIR        keep bundles and indexes in a directory (a shared disk)
  --actions-cache         keep them in the GitHub Actions cache (reads ACTIONS_* variables)
  --scope TEXT            index scope: jobs with the same scope share an index (default: default);
                          repeat it for levels, broadest first (platform, job, matrix leg): a
                          job without an index of its own starts from the nearest level's
  --fallback-scope TEXT   scope to restore from when this one has no index yet (repeatable)
  --index-tag TEXT        appended to saved index keys (e.g. the branch), shown by stats
  --bundle-size SIZE      seal a bundle at this size (default 32MiB)
  --read-only             restore and download, never upload
                          with GITHUB_REPOSITORY set, retired bundles and old indexes of this
                          scope are deleted through the REST API (GITHUB_API_URL) when
                          GO_CACHE_CLEANUP_TOKEN holds a token with actions: write
  --workspace DIR         the index carries the times of DIR's tracked paths that tests
                          changed to the next job (stable-file-times)
module proxy (serve):
  --modules-dir DIR       also serve Go modules (GOPROXY protocol) on 127.0.0.1 from DIR, with
                          module bundles beside the build cache's when a remote is set
  --module-upstream LIST  the GOPROXY chain to fetch missing module files from (go env GOPROXY)
  --module-port N         listen on this port (default: any free one; see stats)
                          the URL's secret comes from GO_CACHE_MODULE_SECRET, else is printed
  --unpack-modules-with BIN  once the module bundles are in, have BIN (the native bridge) write
                          the versions --go-sum names into --gomodcache as go download would
  --gomodcache DIR        the job's GOMODCACHE (go env GOMODCACHE)
  --go-sum FILE           a go.sum to read (repeatable; missing files are skipped)`;
// Go starts `connect` once per go command: reuse V8's compiled code across those starts.
(0,external_node_module_.enableCompileCache)?.();
const DEFAULT_MAX_SIZE = 10 * 2 ** 30;
class UsageError extends Error {
}
async function main(argv) {
    const [command, ...rest] = argv;
    if (!command || command === 'help' || command === '--help' || command === '-h') {
        process.stderr.write(USAGE + '\n');
        return command ? 0 : 2;
    }
    const { values } = (0,external_node_util_.parseArgs)({
        args: rest,
        options: {
            dir: { type: 'string' },
            socket: { type: 'string' },
            'max-size': { type: 'string' },
            'log-level': { type: 'string' },
            'remote-dir': { type: 'string' },
            'actions-cache': { type: 'boolean' },
            scope: { type: 'string', multiple: true },
            'index-tag': { type: 'string' },
            'fallback-scope': { type: 'string', multiple: true },
            'bundle-size': { type: 'string' },
            'read-only': { type: 'boolean' },
            workspace: { type: 'string' },
            'modules-dir': { type: 'string' },
            'module-upstream': { type: 'string' },
            'module-port': { type: 'string' },
            'unpack-modules-with': { type: 'string' },
            gomodcache: { type: 'string' },
            'go-sum': { type: 'string', multiple: true }
        },
        strict: true
    });
    const level = values['log-level'] ?? (command === 'serve' ? 'info' : undefined);
    if (level) {
        if (!['debug', 'info', 'warn', 'error'].includes(level)) {
            throw new UsageError(`--log-level must be debug, info, warn or error, not ${level}`);
        }
        (0,log/* setLogLevel */.He)(level);
    }
    const dir = external_node_path_.resolve(values.dir ?? external_node_path_.join(external_node_os_.homedir(), '.cache', 'go-cache'));
    const maxBytes = sizeOption('--max-size', values['max-size'], DEFAULT_MAX_SIZE);
    const socket = () => {
        if (!values.socket)
            throw new UsageError(`${command} needs --socket PATH`);
        return external_node_path_.resolve(values.socket);
    };
    switch (command) {
        case 'prog': {
            const { runProg } = await Promise.all(/* import() */[__nccwpck_require__.e(754), __nccwpck_require__.e(316), __nccwpck_require__.e(536)]).then(__nccwpck_require__.bind(__nccwpck_require__, 536));
            return runProg(dir, maxBytes);
        }
        case 'serve': {
            const { runServe } = await Promise.all(/* import() */[__nccwpck_require__.e(754), __nccwpck_require__.e(316), __nccwpck_require__.e(59), __nccwpck_require__.e(583)]).then(__nccwpck_require__.bind(__nccwpck_require__, 7583));
            const { moduleRemoteOptions, remoteOptions } = await Promise.all(/* import() */[__nccwpck_require__.e(754), __nccwpck_require__.e(59), __nccwpck_require__.e(833)]).then(__nccwpck_require__.bind(__nccwpck_require__, 1600));
            const remote = await remoteOptions({
                dir,
                remoteDir: values['remote-dir'],
                actionsCache: values['actions-cache'] ?? false,
                scope: values.scope ?? [],
                fallbackScopes: values['fallback-scope'] ?? [],
                indexTag: values['index-tag'],
                bundleBytes: sizeOption('--bundle-size', values['bundle-size']),
                readOnly: values['read-only'] ?? false,
                workspace: values.workspace
            });
            const modulesDir = values['modules-dir'];
            const modules = modulesDir
                ? {
                    dir: external_node_path_.resolve(modulesDir),
                    upstream: values['module-upstream'] ?? '',
                    secret: process.env.GO_CACHE_MODULE_SECRET || (0,external_node_crypto_.randomBytes)(16).toString('hex'),
                    port: portOption(values['module-port']),
                    remote: remote && moduleRemoteOptions(remote),
                    unpack: unpackOptions(values)
                }
                : undefined;
            return runServe({ dir, socket: socket(), maxBytes, remote, modules });
        }
        case 'connect': {
            const { runBridge } = await Promise.all(/* import() */[__nccwpck_require__.e(316), __nccwpck_require__.e(99)]).then(__nccwpck_require__.bind(__nccwpck_require__, 6099));
            return runBridge({ socket: socket(), fallbackDir: dir });
        }
        case 'stats':
        case 'flush':
        case 'stop': {
            const { callDaemon } = await __nccwpck_require__.e(/* import() */ 5).then(__nccwpck_require__.bind(__nccwpck_require__, 5));
            const data = await callDaemon(socket(), command);
            process.stdout.write(JSON.stringify(data, null, 2) + '\n');
            return 0;
        }
        default:
            throw new UsageError(`unknown command ${JSON.stringify(command)}`);
    }
}
function unpackOptions(values) {
    const helper = values['unpack-modules-with'];
    if (!helper)
        return undefined;
    if (!values.gomodcache)
        throw new UsageError('--unpack-modules-with needs --gomodcache DIR');
    return {
        helper,
        gomodcache: external_node_path_.resolve(values.gomodcache),
        goSums: (values['go-sum'] ?? []).map(f => external_node_path_.resolve(f))
    };
}
function portOption(text) {
    if (text === undefined)
        return undefined;
    const port = Number(text);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new UsageError(`--module-port must be a port number, not ${text}`);
    }
    return port;
}
function sizeOption(flag, text, fallback = 0) {
    if (text === undefined)
        return fallback;
    const size = parseSize(text);
    if (size === undefined || size <= 0) {
        throw new UsageError(`${flag} must be a size such as 10GiB or 500MB, not ${text}`);
    }
    return size;
}
main(process.argv.slice(2)).then(
// A daemon that hangs on its way out is killed by whoever stopped it (the post step).
code => (process.argv[2] === 'serve' ? process.exit(code) : exitWhenIdle(code)), err => {
    const usage = err instanceof UsageError || err.code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`go-cache: ${err.message}\n${usage ? USAGE + '\n' : ''}`);
    exitWhenIdle(usage ? 2 : 1);
});

