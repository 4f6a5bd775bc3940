export const id = 388;
export const ids = [388];
export const modules = {

/***/ 5965:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   v: () => (/* binding */ createCacheHandler)
/* harmony export */ });
/* harmony import */ var _util_log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9906);
// Routes Go's get and put requests to the store tiers and counts what happens.

function createCacheHandler(store, stats, remote) {
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
                (0,_util_log_js__WEBPACK_IMPORTED_MODULE_0__/* .log */ .R)('warn', `get ${actionID.toString('hex')}: ${err.message}`);
            }
            stats.corruptEntries = store.corruptEntries;
            if (!hit) {
                stats.misses++;
                (0,_util_log_js__WEBPACK_IMPORTED_MODULE_0__/* .log */ .R)('debug', `miss ${actionID.toString('hex')}: in neither the local store nor a bundle`);
                return undefined;
            }
            stats.hits++;
            stats.bytesRead += hit.size;
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
                        (0,_util_log_js__WEBPACK_IMPORTED_MODULE_0__/* .log */ .R)('warn', `put ${request.ActionID.toString('hex')}: ${err.message}`);
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

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ newStats)
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
        corruptEntries: 0
    };
}


/***/ }),

/***/ 5296:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ Base64Decoder)
/* harmony export */ });
// Strict, incremental decoder for standard padded base64 (what Go's encoding/base64 writes).
// Node's own decoder silently skips bad characters; a corrupt body must be refused instead.
const VALID = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') {
    VALID[c.charCodeAt(0)] = 1;
}
const PAD = 0x3d;
class Base64Decoder {
    carry = Buffer.alloc(0);
    padded = false;
    /** Decodes what can be decoded of `text`; keeps an incomplete quad for the next call. */
    write(text) {
        if (text.length === 0)
            return text;
        for (let i = 0; i < text.length; i++) {
            const c = text[i];
            if (c === PAD) {
                this.padded = true;
            }
            else if (VALID[c] === 0 || this.padded) {
                const what = VALID[c] === 0 ? `byte 0x${c.toString(16).padStart(2, '0')}` : 'data';
                throw new Error(`body is not valid base64: ${what} after ${this.padded ? 'padding' : 'data'}`);
            }
        }
        const all = this.carry.length > 0 ? Buffer.concat([this.carry, text]) : text;
        const whole = all.length - (all.length % 4);
        // Copy the carry: `text` belongs to the caller's chunk and may be reused.
        this.carry = Buffer.from(all.subarray(whole));
        return whole > 0 ? Buffer.from(all.toString('latin1', 0, whole), 'base64') : Buffer.alloc(0);
    }
    /** Ends the input; padded base64 always comes in whole quads. */
    end() {
        if (this.carry.length !== 0) {
            throw new Error(`body is not valid base64: ${this.carry.length} trailing characters`);
        }
        return Buffer.alloc(0);
    }
}


/***/ }),

/***/ 1025:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ RequestParser)
/* harmony export */ });
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2773);
/* harmony import */ var _base64_decoder_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5296);
// Incremental parser for the request stream Go writes to a GOCACHEPROG child.
//
// Framing, as cmd/go writes it: a JSON object and '\n', then an empty line; for a put with
// BodySize > 0 one more line follows holding the body as a JSON string of base64. The parser
// is fed arbitrary chunks (pipes and sockets split anywhere) and returns events in order.
// Bodies are decoded as they arrive so a large one never sits in memory whole.


const NEWLINE = 0x0a;
const QUOTE = 0x22;
const MAX_HEADER_BYTES = 1 << 20;
class RequestParser {
    /** Report bodies as base64 text without decoding them (the bridge relays them as they are). */
    rawBodies = false;
    state = 'header';
    headerParts = [];
    headerBytes = 0;
    decoder = new _base64_decoder_js__WEBPACK_IMPORTED_MODULE_0__/* .Base64Decoder */ .G();
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
            this.decoder = new _base64_decoder_js__WEBPACK_IMPORTED_MODULE_0__/* .Base64Decoder */ .G();
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
    if (buf.length !== _types_js__WEBPACK_IMPORTED_MODULE_1__/* .ID_BYTES */ .Q$) {
        problems.push(`${name} is ${buf.length} bytes, want ${_types_js__WEBPACK_IMPORTED_MODULE_1__/* .ID_BYTES */ .Q$}`);
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


/***/ }),

/***/ 1093:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ ResponseWriter)
/* harmony export */ });
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2773);

const encodedHits = new WeakMap();
/**
 * Writes answer lines at once, but those produced in the same tick go out as one write
 * (cork, then uncork on the next tick): latency is what a go command waits on.
 */
class ResponseWriter {
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
        this.sendLine((0,_types_js__WEBPACK_IMPORTED_MODULE_0__/* .encodeResponse */ .kd)(res));
    }
    /** A get hit; the same entry is served to many go commands, so its text is kept. */
    sendHit(id, hit) {
        let tail = encodedHits.get(hit);
        if (tail === undefined) {
            const line = (0,_types_js__WEBPACK_IMPORTED_MODULE_0__/* .encodeResponse */ .kd)({
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


/***/ }),

/***/ 9309:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Tm: () => (/* binding */ ProtocolSession),
/* harmony export */   bD: () => (/* binding */ messageOf),
/* harmony export */   eu: () => (/* binding */ serveConnection)
/* harmony export */ });
/* harmony import */ var _request_parser_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1025);
/* harmony import */ var _response_writer_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1093);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2773);
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
                if (event.request.Command === _types_js__WEBPACK_IMPORTED_MODULE_2__/* .ANSWERED_COMMAND */ .Ud && event.request.ActionID) {
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
        const known = [..._types_js__WEBPACK_IMPORTED_MODULE_2__/* .GO_COMMANDS */ .cg, ...Object.keys(this.handler.extraCommands ?? {})];
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
    const writer = new _response_writer_js__WEBPACK_IMPORTED_MODULE_1__/* .ResponseWriter */ .T(output);
    const session = new ProtocolSession(writer, handler, options);
    const parser = new _request_parser_js__WEBPACK_IMPORTED_MODULE_0__/* .RequestParser */ .X();
    // Go waits for this before sending anything: answer at once, do slow work later.
    writer.send({ ID: 0, KnownCommands: [..._types_js__WEBPACK_IMPORTED_MODULE_2__/* .GO_COMMANDS */ .cg] });
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


/***/ }),

/***/ 2773:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q$: () => (/* binding */ ID_BYTES),
/* harmony export */   Ud: () => (/* binding */ ANSWERED_COMMAND),
/* harmony export */   cg: () => (/* binding */ GO_COMMANDS),
/* harmony export */   kd: () => (/* binding */ encodeResponse)
/* harmony export */ });
// The GOCACHEPROG wire types, as cmd/go/internal/cacheprog defines them.
// Byte fields travel as standard padded base64; we keep them as Buffers in memory.
/**
 * Not Go's: a bridge reports a get it answered itself from the verified list. The daemon
 * handles it as that get (counters, bundle use, prefetch order) and sends no answer.
 */
const ANSWERED_COMMAND = 'answered';
/** The commands Go may send; advertised first thing on every connection. */
const GO_COMMANDS = ['get', 'put', 'close'];
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

/***/ 7448:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  a_: () => (/* binding */ EMPTY_HEX),
  Vs: () => (/* binding */ LocalStore),
  cL: () => (/* binding */ outputPathIn)
});

// UNUSED EXPORTS: PutWriter

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
// Unpacked entries get a line in records.log instead of a file: on a busy runner, creating a
// file is the slowest step of storing a small entry, and a bundle holds hundreds of them.






/** The SHA-256 of no bytes: the name of every empty output. */
const EMPTY_HEX = (0,external_node_crypto_.createHash)('sha256').digest('hex');
const RECORD_LOG = 'records.log';
/** Small bodies are buffered in memory; larger ones stream to a temporary file. */
const MEMORY_BODY_LIMIT = 1 << 20;
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
    /** Appends unpacked entries' records; undefined until the first, or when it failed. */
    recordLog;
    recordLogFailed = false;
    constructor(dir) {
        this.dir = dir;
    }
    static async open(dir) {
        const store = new LocalStore(external_node_path_.resolve(dir));
        await promises_.mkdir(external_node_path_.join(store.dir, 'tmp'), { recursive: true });
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
        return outputPathIn(this.dir, outputHex);
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
    async readRecord(actionHex) {
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
        if (this.records.has(actionHex) || external_node_fs_.existsSync(this.actionPath(actionHex)))
            return true;
        this.publishSync(outputHex, data);
        const record = { outputHex, size: data.length, timeMs };
        this.appendRecordSync(actionHex, record);
        this.records.set(actionHex, record);
        this.served.delete(actionHex);
        this.onVerified?.(actionHex, record);
        return true;
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
        const final = this.outputPath(outputHex);
        this.ensureDirSync(external_node_path_.dirname(final));
        // Content-addressed: replacing whatever is there with verified bytes is always right,
        // and rename is atomic for readers.
        this.replaceSync(final, data);
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
    /** Makes the output visible under its content name, unless a good copy is already there. */
    async publishOutput(outputHex, size, body) {
        const final = this.outputPath(outputHex);
        if (this.verified.has(outputHex)) {
            if ('tmpFile' in body)
                await promises_.rm(body.tmpFile, { force: true });
            return final;
        }
        await this.ensureDir(external_node_path_.dirname(final));
        let tmp;
        if ('tmpFile' in body) {
            tmp = body.tmpFile;
        }
        else {
            tmp = this.tmpPath();
            await promises_.writeFile(tmp, body.data, { flag: 'wx' });
        }
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
/** Where a store keeps an output (readers outside the store, like the bridge, look there). */
function outputPathIn(storeDir, outputHex) {
    return external_node_path_.join(storeDir, 'o', outputHex.slice(0, 2), outputHex);
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
            const body = this.tmpFile ? { tmpFile: this.tmpFile } : { data: Buffer.concat(this.chunks) };
            const diskPath = await this.store.publishOutput(this.outputHex, this.size, body);
            await this.store.writeRecord(this.actionHex, {
                outputHex: this.outputHex,
                size: this.size,
                timeMs: this.timeMs ?? Date.now()
            });
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


/***/ })

};
