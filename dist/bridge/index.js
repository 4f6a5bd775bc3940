#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 203:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   gl: () => (/* binding */ formatEntryLine),
/* harmony export */   gp: () => (/* binding */ EntryAppender),
/* harmony export */   ri: () => (/* binding */ parseEntryLines)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(24);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
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

/***/ 658:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ outputPathIn)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
// Where a store keeps an output, by its content's name. A module of its own because readers
// outside the store (the bridge, once per go command) must not load the store's node:crypto.

function outputPathIn(storeDir, outputHex) {
    return node_path__WEBPACK_IMPORTED_MODULE_0__.join(storeDir, 'o', outputHex.slice(0, 2), outputHex);
}


/***/ }),

/***/ 906:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   He: () => (/* binding */ setLogLevel),
/* harmony export */   Rm: () => (/* binding */ log)
/* harmony export */ });
/* unused harmony export logs */
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

/***/ 598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 24:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

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
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
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

;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(760);
// EXTERNAL MODULE: ./src/util/log.ts
var log = __nccwpck_require__(906);
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

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(24);
;// CONCATENATED MODULE: external "node:net"
const external_node_net_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");
;// CONCATENATED MODULE: ./src/protocol/base64-decoder.ts
// Strict, incremental decoder for standard padded base64 (what Go's encoding/base64 writes).
// Node's own decoder silently skips bad characters; a corrupt body must be refused instead.
const VALID = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') {
    VALID[c.charCodeAt(0)] = 1;
}
const PAD = 0x3d;
class Base64Decoder {
    carry = Buffer.alloc(0);
    /** A whole quad ended in padding: nothing may follow. */
    padded = false;
    /** Decodes what can be decoded of `text`; keeps an incomplete quad for the next call. */
    write(text) {
        if (text.length === 0)
            return text;
        const all = this.carry.length > 0 ? Buffer.concat([this.carry, text]) : text;
        const whole = all.length - (all.length % 4);
        // Copy the carry: `text` belongs to the caller's chunk and may be reused.
        this.carry = Buffer.from(all.subarray(whole));
        if (whole === 0)
            return Buffer.alloc(0);
        const quads = all.toString('latin1', 0, whole);
        const bytes = Buffer.from(quads, 'base64');
        // Node's decoder skips what is not base64 (and takes base64url's letters): only a text
        // that encodes back to itself is what Go wrote. Native passes, not a loop in JavaScript
        // over every byte (that loop was ~1 s of the daemon's CPU in a release job).
        if (this.padded || bytes.toString('base64') !== quads)
            throw new Error(this.whatIsWrong(quads));
        this.padded = quads.charCodeAt(whole - 1) === PAD;
        return bytes;
    }
    /** Only for the message: the first byte that is wrong, and why. */
    whatIsWrong(chars) {
        let padded = this.padded;
        for (let i = 0; i < chars.length; i++) {
            const c = chars.charCodeAt(i);
            if (c === PAD) {
                padded = true;
            }
            else if (VALID[c] === 0 || padded) {
                const what = VALID[c] === 0 ? `byte 0x${c.toString(16).padStart(2, '0')}` : 'data';
                return `body is not valid base64: ${what} after ${padded ? 'padding' : 'data'}`;
            }
        }
        // Every byte is a letter in its place: the last quad sets bits the data does not have.
        return this.padded
            ? 'body is not valid base64: data after padding'
            : 'body is not valid base64: not canonical (bits set beyond the data)';
    }
    /** Ends the input; padded base64 always comes in whole quads. */
    end() {
        if (this.carry.length !== 0) {
            throw new Error(`body is not valid base64: ${this.carry.length} trailing characters`);
        }
        return Buffer.alloc(0);
    }
}

;// CONCATENATED MODULE: ./src/protocol/types.ts
// The GOCACHEPROG wire types, as cmd/go/internal/cacheprog defines them.
// Byte fields travel as standard padded base64; we keep them as Buffers in memory.
/**
 * Not Go's: a bridge reports a get it answered itself from the verified list. The daemon
 * handles it as that get (counters, bundle use, prefetch order) and sends no answer.
 */
const ANSWERED_COMMAND = 'answered';
/** The commands Go may send; advertised first thing on every connection. */
const types_GO_COMMANDS = ['get', 'put', 'close'];
/** Action and output IDs are SHA-256 sums. */
const ID_BYTES = 32;
function encodeResponse(res) {
    const out = { ID: res.ID };
    if (res.Err !== undefined)
        out.Err = res.Err;
    if (res.KnownCommands !== undefined)
        out.KnownCommands = res.KnownCommands;
    if (res.Miss)
        out.Miss = true;
    if (res.OutputID !== undefined)
        out.OutputID = res.OutputID.toString('base64');
    if (res.Size)
        out.Size = res.Size;
    if (res.Time !== undefined)
        out.Time = res.Time.toISOString();
    if (res.DiskPath !== undefined)
        out.DiskPath = res.DiskPath;
    if (res.Data !== undefined)
        out.Data = res.Data;
    return JSON.stringify(out) + '\n';
}

;// CONCATENATED MODULE: ./src/protocol/request-parser.ts
// Incremental parser for the request stream Go writes to a GOCACHEPROG child.
//
// Framing, as cmd/go writes it: a JSON object and '\n', then an empty line; for a put with
// BodySize > 0 one more line follows holding the body as a JSON string of base64. The parser
// is fed arbitrary chunks (pipes and sockets split anywhere) and returns events in order.
// Bodies are decoded as they arrive so a large one never sits in memory whole.


const NEWLINE = 0x0a;
const QUOTE = 0x22;
const MAX_HEADER_BYTES = 1 << 20;
class request_parser_RequestParser {
    /** Report bodies as base64 text without decoding them (the bridge relays them as they are). */
    rawBodies = false;
    state = 'header';
    headerParts = [];
    headerBytes = 0;
    decoder = new Base64Decoder();
    bodyExpected = 0;
    bodySeen = 0;
    /** Parses one chunk; the returned events refer to this and earlier chunks only. */
    push(chunk) {
        const events = [];
        let pos = 0;
        while (pos < chunk.length && this.state !== 'dead') {
            switch (this.state) {
                case 'header':
                    pos = this.readHeader(chunk, pos, events);
                    break;
                case 'beforeBody':
                    pos = this.skipToBody(chunk, pos, events);
                    break;
                case 'body':
                    pos = this.readBody(chunk, pos, events);
                    break;
                case 'afterBody':
                case 'skipLine':
                    pos = this.skipLine(chunk, pos);
                    break;
            }
        }
        return events;
    }
    /** True between requests: nothing of a request has been read that is not yet reported. */
    atBoundary() {
        return this.state === 'header' && this.headerBytes === 0;
    }
    /** Called when the input ends; reports a request cut off in the middle. */
    end() {
        if (this.state === 'body' || this.state === 'beforeBody') {
            this.state = 'dead';
            return [{ type: 'bodyError', message: 'input ended in the middle of a put body' }];
        }
        if (this.state === 'header' && this.headerBytes > 0) {
            const text = Buffer.concat(this.headerParts).toString('utf8').trim();
            this.headerParts = [];
            this.headerBytes = 0;
            if (text !== '')
                return this.parseHeader(text);
        }
        return [];
    }
    readHeader(chunk, pos, events) {
        const nl = chunk.indexOf(NEWLINE, pos);
        const end = nl < 0 ? chunk.length : nl;
        if (end > pos) {
            this.headerParts.push(chunk.subarray(pos, end));
            this.headerBytes += end - pos;
        }
        if (this.headerBytes > MAX_HEADER_BYTES) {
            this.state = 'dead';
            events.push({ type: 'fatal', message: `request line longer than ${MAX_HEADER_BYTES} bytes` });
            return chunk.length;
        }
        if (nl < 0)
            return chunk.length;
        const line = this.headerParts.length === 1 ? this.headerParts[0] : Buffer.concat(this.headerParts);
        this.headerParts = [];
        this.headerBytes = 0;
        const text = line.toString('utf8').trim();
        if (text !== '')
            events.push(...this.parseHeader(text));
        return nl + 1;
    }
    parseHeader(text) {
        let raw;
        try {
            raw = JSON.parse(text);
        }
        catch {
            this.state = 'dead';
            return [{ type: 'fatal', message: `request is not JSON: ${preview(text)}` }];
        }
        if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
            this.state = 'dead';
            return [{ type: 'fatal', message: `request is not a JSON object: ${preview(text)}` }];
        }
        const obj = raw;
        if (!Number.isSafeInteger(obj.ID)) {
            this.state = 'dead';
            return [{ type: 'fatal', message: `request has no integer ID: ${preview(text)}` }];
        }
        const id = obj.ID;
        const bodySize = obj.BodySize ?? 0;
        if (!Number.isSafeInteger(bodySize) || bodySize < 0) {
            // Without a trustworthy size we cannot know whether a body line follows.
            this.state = 'dead';
            return [{ type: 'fatal', message: `request ${id} has an invalid BodySize: ${preview(text)}` }];
        }
        const request = {
            ID: id,
            Command: typeof obj.Command === 'string' ? obj.Command : '',
            BodySize: bodySize
        };
        const problems = [];
        request.ActionID = decodeId(obj.ActionID, 'ActionID', problems);
        // Go 1.21-1.23 called the output id ObjectID.
        request.OutputID = decodeId(obj.OutputID ?? obj.ObjectID, 'OutputID', problems);
        if (typeof obj.Command !== 'string')
            problems.push('missing Command');
        if (request.Command === 'put' && request.BodySize > 0) {
            this.state = 'beforeBody';
            this.bodyExpected = request.BodySize;
            this.bodySeen = 0;
            this.decoder = new Base64Decoder();
            const invalid = problems.length > 0 ? problems.join('; ') : undefined;
            return [{ type: 'bodyStart', request, invalid }];
        }
        if (problems.length > 0)
            return [{ type: 'invalid', id, message: problems.join('; ') }];
        return [{ type: 'request', request }];
    }
    skipToBody(chunk, pos, events) {
        while (pos < chunk.length) {
            const c = chunk[pos];
            if (c === QUOTE) {
                this.state = 'body';
                return pos + 1;
            }
            if (c !== NEWLINE && c !== 0x0d && c !== 0x20 && c !== 0x09) {
                events.push({ type: 'bodyError', message: 'expected the base64 body string after a put' });
                this.state = 'skipLine';
                return pos;
            }
            pos++;
        }
        return pos;
    }
    readBody(chunk, pos, events) {
        const quote = chunk.indexOf(QUOTE, pos);
        const end = quote < 0 ? chunk.length : quote;
        if (this.rawBodies) {
            if (end > pos)
                events.push({ type: 'bodyRaw', data: chunk.subarray(pos, end) });
            if (quote < 0)
                return end;
            events.push({ type: 'bodyEnd' });
            this.state = 'afterBody';
            return quote + 1;
        }
        let data;
        try {
            data = this.decoder.write(chunk.subarray(pos, end));
            if (quote >= 0)
                data = concatNonEmpty(data, this.decoder.end());
        }
        catch (err) {
            events.push({ type: 'bodyError', message: err.message });
            this.state = quote >= 0 ? 'afterBody' : 'skipLine';
            return quote >= 0 ? quote + 1 : end;
        }
        this.bodySeen += data.length;
        if (this.bodySeen > this.bodyExpected) {
            events.push({ type: 'bodyError', message: `body longer than BodySize ${this.bodyExpected}` });
            this.state = quote >= 0 ? 'afterBody' : 'skipLine';
            return quote >= 0 ? quote + 1 : end;
        }
        if (data.length > 0)
            events.push({ type: 'bodyData', data });
        if (quote < 0)
            return end;
        if (this.bodySeen < this.bodyExpected) {
            events.push({
                type: 'bodyError',
                message: `body shorter than BodySize: got ${this.bodySeen} of ${this.bodyExpected} bytes`
            });
        }
        else {
            events.push({ type: 'bodyEnd' });
        }
        this.state = 'afterBody';
        return quote + 1;
    }
    /** Discards the rest of the current line (after a body, or after a broken one). */
    skipLine(chunk, pos) {
        const nl = chunk.indexOf(NEWLINE, pos);
        if (nl < 0)
            return chunk.length;
        this.state = 'header';
        return nl + 1;
    }
}
function decodeId(value, name, problems) {
    if (value === undefined || value === null)
        return undefined;
    if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) {
        problems.push(`${name} is not base64`);
        return undefined;
    }
    const buf = Buffer.from(value, 'base64');
    if (buf.length !== ID_BYTES) {
        problems.push(`${name} is ${buf.length} bytes, want ${ID_BYTES}`);
        return undefined;
    }
    return buf;
}
function concatNonEmpty(a, b) {
    if (b.length === 0)
        return a;
    if (a.length === 0)
        return b;
    return Buffer.concat([a, b]);
}
function preview(text) {
    return text.length > 120 ? JSON.stringify(text.slice(0, 120)) + '…' : JSON.stringify(text);
}

;// CONCATENATED MODULE: ./src/protocol/response-writer.ts

const encodedHits = new WeakMap();
/**
 * Writes answer lines at once, but those produced in the same tick go out as one write
 * (cork, then uncork on the next tick): latency is what a go command waits on.
 */
class response_writer_ResponseWriter {
    output;
    corked = false;
    broken = false;
    constructor(output) {
        this.output = output;
        output.on('error', () => {
            // The reader is gone (Go exited, a socket reset): answers have nowhere to go.
            this.broken = true;
        });
    }
    send(res) {
        this.sendLine(encodeResponse(res));
    }
    /** A get hit; the same entry is served to many go commands, so its text is kept. */
    sendHit(id, hit) {
        let tail = encodedHits.get(hit);
        if (tail === undefined) {
            const line = encodeResponse({
                ID: 0,
                OutputID: hit.outputID,
                Size: hit.size,
                Time: hit.time,
                DiskPath: hit.diskPath
            });
            tail = line.slice(line.indexOf(','));
            encodedHits.set(hit, tail);
        }
        this.sendLine(`{"ID":${id}${tail}`);
    }
    /** Forwards a line that is already encoded (the bridge relaying the daemon's answers). */
    sendLine(line) {
        if (this.broken)
            return;
        if (!this.corked) {
            this.corked = true;
            this.output.cork();
            process.nextTick(() => this.flush());
        }
        this.output.write(line);
    }
    flush() {
        if (!this.corked)
            return;
        this.corked = false;
        this.output.uncork();
    }
    /** Flushes everything; ends the output unless `keepOpen` (process.stdout closes at exit). */
    end(keepOpen) {
        this.flush();
        return new Promise(resolve => {
            if (this.broken || this.output.writableEnded || this.output.destroyed)
                return resolve();
            this.output.once('error', () => resolve());
            if (keepOpen)
                this.output.write('', () => resolve());
            else
                this.output.end(() => resolve());
        });
    }
}

;// CONCATENATED MODULE: ./src/protocol/server.ts
// Speaks GOCACHEPROG over one input/output pair (a child's stdio, or one daemon connection).
// It knows nothing of storage: requests go to the handler, answers come back in any order.



/** Answers parsed requests through a handler; one per connection. */
class ProtocolSession {
    writer;
    handler;
    options;
    pending = new Set();
    put;
    result = { closed: false };
    constructor(writer, handler, options = {}) {
        this.writer = writer;
        this.handler = handler;
        this.options = options;
    }
    /** Handles one parser event; false means stop reading (close or a fatal stream). */
    async handle(event) {
        switch (event.type) {
            case 'request':
                if (event.request.Command === 'close') {
                    await this.settle();
                    this.writer.send({ ID: event.request.ID });
                    this.result = { closed: true };
                    return false;
                }
                if (event.request.Command === ANSWERED_COMMAND && event.request.ActionID) {
                    // Already answered by the bridge: only the bookkeeping of a get; an error is moot.
                    const noted = this.handler.get(event.request.ActionID);
                    this.track(event.request.ID, noted.then(noop, noop));
                    return true;
                }
                this.track(event.request.ID, this.answer(event.request));
                return true;
            case 'bodyStart':
                this.startPut(event.request, event.invalid);
                return true;
            case 'bodyData':
                await this.writeBody(event.data);
                return true;
            case 'bodyRaw':
                // Only a parser in raw mode emits these, and sessions are never fed by one.
                throw new Error('undecoded body given to a protocol session');
            case 'bodyEnd':
                this.finishPut();
                return true;
            case 'bodyError':
                this.log(`put ${this.put?.id ?? '?'}: ${event.message}`);
                if (this.put) {
                    this.put.sink?.abort();
                    this.fail(this.put.id, event.message);
                    this.put = undefined;
                }
                return true;
            case 'invalid':
                this.log(`request ${event.id}: ${event.message}`);
                this.fail(event.id, event.message);
                return true;
            case 'fatal':
                this.log(`protocol error: ${event.message}`);
                this.options.onError?.();
                this.result = { closed: false, fatal: event.message };
                return false;
        }
    }
    /** Waits for every answer in progress; drops a put whose body never finished. */
    async settle() {
        if (this.put?.sink)
            this.put.sink.abort();
        this.put = undefined;
        await Promise.allSettled([...this.pending]);
    }
    startPut(request, invalid) {
        this.put = { id: request.ID, refused: invalid };
        if (invalid)
            return;
        try {
            this.put.sink = this.handler.put(request);
        }
        catch (err) {
            this.put.refused = messageOf(err);
        }
    }
    async writeBody(data) {
        const put = this.put;
        if (!put?.sink)
            return;
        try {
            await put.sink.write(data);
        }
        catch (err) {
            put.sink.abort();
            put.sink = undefined;
            put.refused = messageOf(err);
        }
    }
    finishPut() {
        const put = this.put;
        this.put = undefined;
        if (!put)
            return;
        if (!put.sink)
            return this.fail(put.id, put.refused ?? 'put refused');
        const id = put.id;
        this.track(id, put.sink.finish().then(diskPath => this.writer.send({ ID: id, DiskPath: diskPath })));
    }
    async answer(req) {
        if (req.Command === 'get') {
            if (!req.ActionID)
                throw new Error('get without ActionID');
            const hit = await this.handler.get(req.ActionID);
            if (!hit)
                return this.writer.send({ ID: req.ID, Miss: true });
            return this.writer.sendHit(req.ID, hit);
        }
        if (req.Command === 'put') {
            // A put of 0 bytes has no body line.
            if (!req.ActionID || !req.OutputID)
                throw new Error('put without ActionID or OutputID');
            const diskPath = await this.handler.put(req).finish();
            return this.writer.send({ ID: req.ID, DiskPath: diskPath });
        }
        const extra = this.handler.extraCommands?.[req.Command];
        if (extra)
            return this.writer.send({ ID: req.ID, Data: await extra(req) });
        const known = [...types_GO_COMMANDS, ...Object.keys(this.handler.extraCommands ?? {})];
        throw new Error(`unknown command ${JSON.stringify(req.Command)} (known: ${known.join(', ')})`);
    }
    track(id, work) {
        const tracked = work.catch(err => this.fail(id, messageOf(err)));
        this.pending.add(tracked);
        void tracked.finally(() => this.pending.delete(tracked));
    }
    fail(id, message) {
        this.options.onError?.();
        this.writer.send({ ID: id, Err: message });
    }
    log(message) {
        this.options.log?.(message);
    }
}
/** Serves one peer until it sends close, hangs up, or sends something unreadable. */
async function serveConnection(input, output, handler, options = {}) {
    const writer = new ResponseWriter(output);
    const session = new ProtocolSession(writer, handler, options);
    const parser = new RequestParser();
    // Go waits for this before sending anything: answer at once, do slow work later.
    writer.send({ ID: 0, KnownCommands: [...GO_COMMANDS] });
    try {
        // Leaving the loop must not destroy the input: on a socket that would drop the close answer.
        const chunks = input.iterator({ destroyOnReturn: false });
        read: for await (const chunk of chunks) {
            for (const event of parser.push(chunk)) {
                if (!(await session.handle(event)))
                    break read;
            }
        }
        if (!session.result.closed && !session.result.fatal) {
            for (const event of parser.end())
                await session.handle(event);
        }
    }
    catch (err) {
        // The peer vanished (EPIPE, reset): nothing left to answer.
        options.log?.(`connection error: ${messageOf(err)}`);
    }
    await session.settle();
    await writer.end(options.keepOutputOpen ?? false);
    return session.result;
}
function noop() { }
function messageOf(err) {
    return err instanceof Error ? err.message : String(err);
}

;// CONCATENATED MODULE: ./src/bridge/fd-output.ts
// The bridge's stdout as plain write(2) calls on fd 1, in the shape ResponseWriter uses.
//
// A get the bridge answers from the verified list costs one write to Go. Through a
// net.Socket (process.stdout) that write also runs Node's stream machinery (cork, writev,
// write requests, callbacks): about half of the bridge's CPU per answered get in a profile
// of `go vet`, on the two cores go is using. Go hands us a blocking pipe and reads it all the
// time, so writing it synchronously costs only the system call. Closing fd 1 ourselves also
// lets Go go on as soon as everything is answered (process.stdout closes only at exit).

class FdOutput {
    fd;
    writableEnded = false;
    destroyed = false;
    corks = 0;
    pending = '';
    onError;
    constructor(fd) {
        this.fd = fd;
    }
    on(event, listener) {
        if (event === 'error')
            this.onError = listener;
        return this;
    }
    once(event, listener) {
        return this.on(event, listener);
    }
    cork() {
        this.corks++;
    }
    uncork() {
        if (this.corks > 0 && --this.corks === 0)
            this.flush();
    }
    write(text, callback) {
        if (this.corks > 0)
            this.pending += text;
        else
            this.writeNow(text);
        callback?.();
        return true;
    }
    end(callback) {
        this.corks = 0;
        this.flush();
        if (!this.writableEnded) {
            this.writableEnded = true;
            try {
                external_node_fs_.closeSync(this.fd);
                // Keep the number taken: nothing opened later may become "stdout" by accident.
                if (this.fd <= 2)
                    external_node_fs_.openSync('/dev/null', 'w');
            }
            catch {
                // Already closed: Go is gone.
            }
        }
        callback?.();
    }
    flush() {
        const text = this.pending;
        this.pending = '';
        if (text)
            this.writeNow(text);
    }
    writeNow(text) {
        if (this.destroyed || this.writableEnded)
            return;
        let data = Buffer.from(text);
        try {
            while (data.length > 0) {
                let written;
                try {
                    written = external_node_fs_.writeSync(this.fd, data);
                }
                catch (err) {
                    // Someone made the pipe non-blocking and it is full: wait for Go to read.
                    if (err.code !== 'EAGAIN')
                        throw err;
                    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
                    continue;
                }
                data = data.subarray(written);
            }
        }
        catch (err) {
            // Go is gone (EPIPE): answers have nowhere to go.
            this.destroyed = true;
            this.onError?.(err);
        }
    }
}
/** Stdout as an FdOutput where fd 1 is a pipe or socket (not on Windows), else process.stdout. */
function protocolOutput() {
    if (process.platform === 'win32')
        return process.stdout;
    try {
        const stat = external_node_fs_.fstatSync(1);
        if (!stat.isFIFO() && !stat.isSocket())
            return process.stdout;
    }
    catch {
        return process.stdout;
    }
    return new FdOutput(1);
}

;// CONCATENATED MODULE: ./src/util/sha256.ts
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

;// CONCATENATED MODULE: ./src/daemon/socket-path.ts


/**
 * The address the daemon listens on. Windows has no Unix sockets for Node: a path there
 * becomes a named pipe derived from it, so `serve` and `connect` agree on the same name.
 * No node:crypto here: the bridge computes it on every start.
 */
function socketAddress(socket, platform = process.platform) {
    if (platform !== 'win32' || socket.startsWith('\\\\.\\pipe\\'))
        return socket;
    return `\\\\.\\pipe\\go-cache-${sha256Hex(external_node_path_.resolve(socket)).slice(0, 16)}`;
}

// EXTERNAL MODULE: ./src/store/output-path.ts
var output_path = __nccwpck_require__(658);
// EXTERNAL MODULE: ./src/store/entry-lines.ts
var entry_lines = __nccwpck_require__(203);
;// CONCATENATED MODULE: ./src/store/verified-log.ts
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
    return external_node_path_.join(external_node_path_.resolve(storeDir), `verified-${sha256Hex(socketAddress).slice(0, 16)}.log`);
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
        this.appender = new EntryAppender(file, true);
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
        fs.rmSync(this.file, { force: true });
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
        (0,entry_lines/* parseEntryLines */.ri)([entry], parsed);
        const result = parsed.get(actionHex);
        this.entries.set(actionHex, result);
        return result;
    }
    /** Reads what the daemon appended since last time; false when nothing new came. */
    refresh() {
        if (this.gone)
            return false;
        try {
            this.fd ??= external_node_fs_.openSync(this.file, 'r');
            const size = external_node_fs_.fstatSync(this.fd).size;
            if (size < this.offset) {
                // A new daemon started the list over: forget the old one.
                this.entries.clear();
                this.offset = 0;
                this.partial = '';
            }
            if (size === this.offset)
                return false;
            const buffer = Buffer.allocUnsafe(size - this.offset);
            const read = external_node_fs_.readSync(this.fd, buffer, 0, buffer.length, this.offset);
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

;// CONCATENATED MODULE: ./src/bridge/bridge.ts
// The GOCACHEPROG target when a daemon runs: relays Go's stdio to the daemon's socket.
//
// Bytes pass through unchanged, but the bridge follows the framing on both sides so it
// always knows which requests are unanswered. Go aborts the build if its cache program
// exits with requests pending, so if the daemon goes away the bridge answers those itself
// (gets as misses; puts it stores itself from the body text it kept) and serves the rest of
// the go command from the local store directly, with one warning on stderr.
//
// Every request of a go command crosses this process twice, so the relay path is kept
// synchronous: no promise or timer sits between reading a chunk and writing it on.
//
// Go starts one bridge per go command, so what it loads is start-up every command waits
// for: this module loads node:fs, node:net and node:path and the protocol code only. The
// fallback's store (node:crypto, node:fs/promises) is imported when the daemon is lost.













async function runBridge(options) {
    const output = protocolOutput();
    const writer = new response_writer_ResponseWriter(output);
    // Go waits for this before sending anything: greet before connecting.
    writer.send({ ID: 0, KnownCommands: [...types_GO_COMMANDS] });
    const relay = new Relay(writer, options, () => writer.end(output === process.stdout));
    await relay.connect();
    await relay.pump(process.stdin);
    await writer.end(output === process.stdout);
    return relay.fatal ? 1 : 0;
}
class Relay {
    writer;
    options;
    endOutput;
    fatal = false;
    daemonUp = false;
    socket;
    parser = new request_parser_RequestParser();
    unanswered = new Map();
    /** The put whose body is being read now. */
    current;
    /** Decodes the current body once the daemon is gone and this process stores it. */
    decoder;
    /** We are hanging up ourselves (Go closed, or sent garbage): not a lost daemon. */
    hangingUp = false;
    partialLine = '';
    greetingSeen = false;
    fallback;
    /** Work done in this process runs in order, one chunk's events after the other's. */
    queue = Promise.resolve();
    input;
    verified;
    storeDir;
    gets = 0;
    answeredHere = 0;
    /** `answered` lines not yet sent to the daemon. */
    notes = '';
    /** Called once the daemon has answered everything, while hanging up. */
    drained;
    constructor(writer, options, 
    /** Flushes and closes what Go reads: Go goes on once that closes. */
    endOutput) {
        this.writer = writer;
        this.options = options;
        this.endOutput = endOutput;
        // Bodies pass through as text; decoding is only needed if we end up storing one.
        this.parser.rawBodies = true;
        this.storeDir = external_node_path_.resolve(options.fallbackDir);
        this.verified = new VerifiedLogReader(verifiedLogPath(this.storeDir, socketAddress(options.socket)));
    }
    async connect() {
        const address = socketAddress(this.options.socket);
        try {
            this.socket = await openSocket(address, this.options.connectTimeoutMs ?? 5000);
        }
        catch (err) {
            this.daemonLost(`cannot reach the go-cache daemon at ${address} (${messageOf(err)})`);
            return;
        }
        this.daemonUp = true;
        this.socket.setEncoding('utf8');
        this.socket.on('data', (text) => this.relayAnswers(text));
        this.socket.on('error', () => { });
        this.socket.on('close', () => {
            if (this.daemonUp && !this.hangingUp) {
                this.daemonLost('the go-cache daemon went away mid-command');
            }
        });
    }
    /** Reads Go's requests until Go closes its end (or sends something unreadable). */
    pump(input) {
        this.input = input;
        return new Promise(resolve => {
            const stop = () => {
                this.hangingUp = true;
                input.off('data', onData);
                input.pause();
                void this.queue.then(() => this.hangUp()).then(resolve);
            };
            const onData = (chunk) => {
                const startsRequest = this.parser.atBoundary();
                const events = this.parser.push(chunk);
                if (this.daemonUp) {
                    for (const event of events)
                        this.track(event);
                    const answered = this.answeredHereOnly(events);
                    if (startsRequest && this.parser.atBoundary() && answered) {
                        this.noteAnswered(answered);
                    }
                    else {
                        this.sendNotes(this.socket);
                        if (!this.socket.write(chunk)) {
                            input.pause();
                            this.socket.once('drain', () => input.resume());
                        }
                    }
                    if (this.fatal)
                        stop();
                    return;
                }
                // The daemon is gone: serve from the store, in order, reading on only when done.
                input.pause();
                this.enqueue(async () => {
                    for (const event of events) {
                        if (!(await this.serveDirectly(event)))
                            return stop();
                    }
                    input.resume();
                });
            };
            input.on('data', onData);
            input.once('end', () => {
                const rest = this.parser.end();
                this.enqueue(async () => {
                    for (const event of rest)
                        await this.serveDirectly(event);
                });
                stop();
            });
        });
    }
    enqueue(work) {
        this.queue = this.queue.then(work).catch(err => (0,log/* log */.Rm)('warn', `bridge: ${messageOf(err)}`));
    }
    /** Notes what the daemon now owes us. */
    track(event) {
        switch (event.type) {
            case 'request':
                this.unanswered.set(event.request.ID, {
                    request: event.request,
                    answered: this.answerFromList(event.request)
                });
                break;
            case 'bodyStart':
                this.current = { request: event.request, body: [] };
                this.unanswered.set(event.request.ID, this.current);
                break;
            case 'bodyRaw':
                this.current?.body?.push(event.data);
                break;
            case 'bodyEnd':
            case 'bodyError':
                if (this.current)
                    this.current.bodyDone = true;
                this.current = undefined;
                break;
            case 'invalid':
                this.unanswered.set(event.id, { request: { ID: event.id, Command: '', BodySize: 0 } });
                break;
            case 'fatal':
                // The daemon sees the same bytes, answers what it can and hangs up.
                this.fatal = true;
                break;
        }
    }
    /**
     * Answers a get the daemon has already verified without waiting for it. The request still
     * goes to the daemon (counted, kept in use, its bundle's order noted); its answer is dropped.
     */
    answerFromList(request) {
        if (request.Command !== 'get' || !request.ActionID)
            return false;
        this.gets++;
        const entry = this.verified.lookup(request.ActionID.toString('hex'));
        if (!entry)
            return false;
        const hex = entry.outputHex;
        const diskPath = (0,output_path/* outputPathIn */.c)(this.storeDir, hex);
        try {
            // A file gone or cut since the daemon checked it: let the daemon decide.
            if (external_node_fs_.statSync(diskPath).size !== entry.size)
                return false;
        }
        catch {
            return false;
        }
        this.writer.sendHit(request.ID, {
            outputID: Buffer.from(hex, 'hex'),
            size: entry.size,
            time: new Date(entry.timeMs),
            diskPath
        });
        this.answeredHere++;
        return true;
    }
    /**
     * The requests, when they are whole gets the bridge answered and nothing else: the daemon
     * need not answer them, so they reach it later, batched as `answered` lines before the next
     * bytes we forward. A get costs a write and a read on each side otherwise, on the two cores
     * go is using.
     */
    answeredHereOnly(events) {
        const requests = [];
        for (const event of events) {
            if (event.type !== 'request' || !this.unanswered.get(event.request.ID)?.answered)
                return;
            requests.push(event.request);
        }
        return requests.length > 0 ? requests : undefined;
    }
    noteAnswered(requests) {
        for (const request of requests) {
            this.unanswered.delete(request.ID);
            const actionID = request.ActionID.toString('base64');
            this.notes += `{"ID":${request.ID},"Command":"${ANSWERED_COMMAND}","ActionID":"${actionID}"}\n`;
        }
    }
    /**
     * Writes the queued `answered` lines, if any: ending the socket with an empty write
     * (`end('')`) lost the daemon's last answers.
     */
    sendNotes(socket) {
        if (!this.notes)
            return;
        socket.write(this.notes);
        this.notes = '';
    }
    /** Handles a request in this process, after the daemon went away. */
    async serveDirectly(event) {
        const session = await this.fallbackSession();
        let more = true;
        for (const decoded of this.decode(event))
            more = await session.handle(decoded);
        if (session.result.fatal)
            this.fatal = true;
        return more;
    }
    /** Turns the parser's raw body text into what a protocol session takes. */
    decode(event) {
        try {
            switch (event.type) {
                case 'bodyStart':
                    this.decoder = new Base64Decoder();
                    return [event];
                case 'bodyRaw':
                    if (!this.decoder)
                        return []; // this body already failed
                    return [{ type: 'bodyData', data: this.decoder.write(event.data) }];
                case 'bodyEnd':
                    if (!this.decoder)
                        return [];
                    this.decoder.end();
                    this.decoder = undefined;
                    return [event];
                default:
                    return [event];
            }
        }
        catch (err) {
            this.decoder = undefined;
            return [{ type: 'bodyError', message: messageOf(err) }];
        }
    }
    async hangUp() {
        this.hangingUp = true;
        (0,log/* log */.Rm)('debug', `bridge: answered ${this.answeredHere} of ${this.gets} gets from the verified list`);
        const socket = this.socket;
        const daemonUp = this.daemonUp && socket !== undefined;
        if (daemonUp) {
            this.sendNotes(socket);
            socket.end();
            // Answers still owed are relayed as they come.
            if (this.unanswered.size > 0 && !socket.closed) {
                await new Promise(resolve => {
                    this.drained = resolve;
                    socket.once('close', resolve);
                });
            }
        }
        await this.fallback?.settle();
        // Everything is answered: let Go go on now rather than after the daemon's hang-up and
        // Node's teardown. Unless Go sent something unreadable: the daemon answers what came
        // before it as far as it can, then hangs up.
        if (!this.fatal)
            await this.endOutput();
        if (daemonUp && !socket.closed)
            await new Promise(resolve => socket.once('close', resolve));
    }
    relayAnswers(text) {
        const data = this.partialLine + text;
        const last = data.lastIndexOf('\n');
        if (last < 0) {
            this.partialLine = data;
            return;
        }
        this.partialLine = data.slice(last + 1);
        let out = '';
        let start = 0;
        while (start <= last) {
            const end = data.indexOf('\n', start);
            const line = data.slice(start, end + 1);
            start = end + 1;
            const id = answerId(line);
            if (id === 0 && !this.greetingSeen) {
                this.greetingSeen = true; // the bridge already greeted Go itself
                continue;
            }
            const inFlight = id === undefined ? undefined : this.unanswered.get(id);
            if (!inFlight) {
                // Passing it on would make Go abort the build.
                (0,log/* log */.Rm)('warn', `dropping an answer the daemon should not have sent: ${line.slice(0, 100)}`);
                continue;
            }
            if (inFlight.request.Command === 'close')
                this.hangingUp = true;
            this.unanswered.delete(id);
            if (!inFlight.answered)
                out += line;
        }
        if (out)
            this.writer.sendLine(out);
        if (this.drained && this.unanswered.size === 0)
            this.drained();
    }
    /**
     * Answers what the daemon owed: gets miss, and puts are stored here from the body text
     * we kept (Go fails some commands when a put fails, e.g. its package index).
     */
    daemonLost(reason) {
        this.daemonUp = false;
        this.socket?.destroy();
        (0,log/* log */.Rm)('warn', `${reason}; serving this go command from ${this.options.fallbackDir} directly`);
        const puts = [];
        for (const [id, inFlight] of this.unanswered) {
            const command = inFlight.request.Command;
            if (inFlight.answered)
                continue;
            if (command === 'get')
                this.writer.send({ ID: id, Miss: true });
            else if (command === 'close')
                this.writer.send({ ID: id });
            else if (command === 'put')
                puts.push(inFlight);
            else
                this.writer.send({ ID: id, Err: 'go-cache daemon went away' });
        }
        this.unanswered.clear();
        this.enqueue(async () => {
            for (const put of puts) {
                const replay = [{ type: 'request', request: put.request }];
                if (put.body) {
                    replay[0] = { type: 'bodyStart', request: put.request };
                    for (const data of put.body)
                        replay.push({ type: 'bodyRaw', data });
                    // A body still arriving goes on through serveDirectly as the input comes in.
                    if (put.bodyDone)
                        replay.push({ type: 'bodyEnd' });
                }
                for (const event of replay)
                    await this.serveDirectly(event);
            }
        });
        // Reading may be paused waiting for the socket to drain, which will never happen now.
        this.input?.resume();
    }
    async fallbackSession() {
        if (this.fallback)
            return this.fallback;
        try {
            const [{ LocalStore }, { createCacheHandler }, { newStats }] = await Promise.all([
                __nccwpck_require__.e(/* import() */ 754).then(__nccwpck_require__.bind(__nccwpck_require__, 754)),
                __nccwpck_require__.e(/* import() */ 981).then(__nccwpck_require__.bind(__nccwpck_require__, 981)),
                __nccwpck_require__.e(/* import() */ 461).then(__nccwpck_require__.bind(__nccwpck_require__, 461))
            ]);
            const store = await LocalStore.open(this.options.fallbackDir);
            this.fallback = new ProtocolSession(this.writer, createCacheHandler(store, newStats()), {
                log: message => (0,log/* log */.Rm)('warn', message)
            });
        }
        catch (err) {
            (0,log/* log */.Rm)('warn', `cannot open ${this.options.fallbackDir}: ${messageOf(err)}`);
            this.fallback = new ProtocolSession(this.writer, noStore);
        }
        return this.fallback;
    }
}
/** The last resort: every get misses, every put is refused; Go then just recomputes. */
const noStore = {
    get: async () => undefined,
    put: () => {
        throw new Error('no cache store available');
    }
};
/** The daemon writes ID first in every answer: read it without parsing the whole line. */
function answerId(line) {
    if (!line.startsWith('{"ID":'))
        return undefined;
    const id = parseInt(line.slice(6, 30), 10);
    return Number.isSafeInteger(id) ? id : undefined;
}
function openSocket(address, timeoutMs) {
    return new Promise((resolve, reject) => {
        const socket = external_node_net_namespaceObject.connect(address);
        const timer = setTimeout(() => {
            socket.destroy();
            reject(new Error(`no answer within ${timeoutMs} ms`));
        }, timeoutMs);
        socket.once('connect', () => {
            clearTimeout(timer);
            resolve(socket);
        });
        socket.once('error', err => {
            clearTimeout(timer);
            reject(err);
        });
    });
}

;// CONCATENATED MODULE: ./src/bridge/index.ts
// dist/bridge/index.js: what GOCACHEPROG runs when the daemon serves the job. The same
// `connect` as `go-cache connect` (dist/cli/index.js), in a bundle of its own: Go starts
// it once per go command, and the CLI's argument parsing and commands are start-up time
// the bridge does not need. Stdout belongs to the protocol.
//
// usage: index.js connect --socket PATH [--dir DIR] [--log-level L]





const USAGE = 'usage: index.js connect --socket PATH [--dir DIR] [--log-level debug|info|warn|error]';
function parse(argv) {
    if (argv[0] !== 'connect')
        throw new Error(USAGE);
    let socket;
    let dir;
    for (let i = 1; i < argv.length; i++) {
        const [flag, inline] = argv[i].split(/=(.*)/s, 2);
        const value = inline ?? argv[++i];
        if (value === undefined)
            throw new Error(`${flag} needs a value\n${USAGE}`);
        if (flag === '--socket')
            socket = value;
        else if (flag === '--dir')
            dir = value;
        else if (flag === '--log-level' && ['debug', 'info', 'warn', 'error'].includes(value)) {
            (0,log/* setLogLevel */.He)(value);
        }
        else
            throw new Error(`unexpected ${argv[i]}\n${USAGE}`);
    }
    if (!socket)
        throw new Error(`connect needs --socket PATH\n${USAGE}`);
    return {
        socket: external_node_path_.resolve(socket),
        dir: external_node_path_.resolve(dir ?? external_node_path_.join(external_node_os_namespaceObject.homedir(), '.cache', 'go-cache'))
    };
}
function main() {
    let options;
    try {
        options = parse(process.argv.slice(2));
    }
    catch (err) {
        process.stderr.write(`go-cache: ${err.message}\n`);
        return exitWhenIdle(2);
    }
    runBridge({ socket: options.socket, fallbackDir: options.dir }).then(exitWhenIdle, err => {
        process.stderr.write(`go-cache: ${err.message}\n`);
        exitWhenIdle(1);
    });
}
main();

