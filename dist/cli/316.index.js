export const id = 316;
export const ids = [316];
export const modules = {

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
