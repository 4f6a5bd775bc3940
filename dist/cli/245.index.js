export const id = 245;
export const ids = [245];
export const modules = {

/***/ 7245:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ActionsCacheBackend: () => (/* binding */ ActionsCacheBackend)
});

// EXTERNAL MODULE: external "node:async_hooks"
var external_node_async_hooks_ = __webpack_require__(6698);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/util/log.ts
var log = __webpack_require__(9906);
// EXTERNAL MODULE: ./src/remote/backend.ts
var backend = __webpack_require__(7590);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/remote/http-request.ts
var http_request = __webpack_require__(9072);
;// CONCATENATED MODULE: ./src/remote/cache-service.ts
// The cache service's twirp API as the direct download and upload paths call it: one JSON
// POST per call with the runtime token. No retries here: a refused or failed call is the
// caller's to count and retry (the uploader backs off on 429s for every upload at once).


const SERVICE_PATH = '/twirp/github.actions.results.api.v1.CacheService/';
const API_TIMEOUT_MS = 30_000;
/** @actions/cache's name for the zstd archives it makes, part of every entry's version. */
const ZSTD_METHOD = 'zstd-without-long';
const VERSION_SALT = '1.0';
/** The version @actions/cache gives an entry it saved from `paths` with zstd on this OS. */
function zstdEntryVersion(paths) {
    const parts = [...paths, ZSTD_METHOD];
    if (process.platform === 'win32')
        parts.push('windows-only');
    parts.push(VERSION_SALT);
    return (0,external_node_crypto_.createHash)('sha256').update(parts.join('|')).digest('hex');
}
/** The service (or a blob behind a signed URL) answered with an error status. */
class ServiceError extends Error {
    status;
    retryAfterMs;
    constructor(message, status = 0, 
    /** From a Retry-After header, when there was one. */
    retryAfterMs) {
        super(message);
        this.status = status;
        this.retryAfterMs = retryAfterMs;
    }
}
class CacheService {
    baseUrl;
    token;
    constructor(baseUrl, token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }
    /** Undefined where cache service v2 is not what this job talks to. */
    static create(env = process.env) {
        if (env.ACTIONS_CACHE_SERVICE_V2 === 'false')
            return undefined;
        const baseUrl = env.ACTIONS_RESULTS_URL;
        const token = env.ACTIONS_RUNTIME_TOKEN;
        if (!baseUrl || !token)
            return undefined;
        return new CacheService(baseUrl, token);
    }
    /** Calls `method` and returns its JSON answer; an error status throws a ServiceError. */
    async call(method, body) {
        const response = await (0,http_request/* request */.E)(new URL(SERVICE_PATH + method, this.baseUrl), {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.token}` },
            body: JSON.stringify(body),
            timeoutMs: API_TIMEOUT_MS
        });
        const text = await (0,http_request/* readText */.y)(response);
        const status = response.statusCode ?? 0;
        if (status >= 200 && status <= 299)
            return JSON.parse(text);
        const retryAfter = Number(response.headers['retry-after']);
        const retryAfterMs = Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : undefined;
        const wait = retryAfterMs === undefined ? '' : ` (retry after ${retryAfter} s)`;
        throw new ServiceError(`${method} answered HTTP ${status}${wait}: ${text.slice(0, 200)}`, status, retryAfterMs);
    }
}

// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
;// CONCATENATED MODULE: ./src/remote/tar-file-writer.ts
// Reads a tar stream (ustar or POSIX pax, as `tar --posix` writes) and hands the body of
// one member to a file or a sink; every other member is skipped. Only what @actions/cache archives
// need: regular files and directories. Anything else is an error, and the caller falls back.

const BLOCK = 512;
class TarFileWriter extends external_node_stream_.Writable {
    member;
    output;
    /** The member was in the archive and all of its bytes were written. */
    found = false;
    pending = Buffer.alloc(0);
    /** Bytes of the current member's body still to come, then padding to skip. */
    bodyLeft = 0;
    padLeft = 0;
    target = false;
    paxBody;
    paxNext = {};
    ended = false;
    constructor(member, 
    /** May keep the chunks it is given. */
    output) {
        super();
        this.member = member;
        this.output = output;
    }
    _write(chunk, _, done) {
        this.consume(chunk).then(() => done(), done);
    }
    _final(done) {
        if (this.bodyLeft > 0 || (!this.ended && this.pending.length > 0)) {
            done(new Error('tar archive ends inside a member'));
        }
        else
            done();
    }
    async consume(chunk) {
        let at = 0;
        while (at < chunk.length) {
            if (this.bodyLeft > 0) {
                const take = Math.min(this.bodyLeft, chunk.length - at);
                await this.body(chunk.subarray(at, at + take));
                at += take;
                this.bodyLeft -= take;
                if (this.bodyLeft === 0)
                    this.endBody();
            }
            else if (this.padLeft > 0) {
                const skip = Math.min(this.padLeft, chunk.length - at);
                at += skip;
                this.padLeft -= skip;
            }
            else if (this.ended) {
                return;
            }
            else {
                const take = Math.min(BLOCK - this.pending.length, chunk.length - at);
                this.pending = Buffer.concat([this.pending, chunk.subarray(at, at + take)]);
                at += take;
                if (this.pending.length === BLOCK) {
                    const header = this.pending;
                    this.pending = Buffer.alloc(0);
                    this.header(header);
                }
            }
        }
    }
    header(block) {
        if (block.every(byte => byte === 0)) {
            this.ended = true;
            return;
        }
        const type = String.fromCharCode(block[156] || 48);
        const pax = this.paxNext;
        this.paxNext = {};
        const size = pax.size !== undefined ? Number(pax.size) : octal(block.subarray(124, 136));
        const name = pax.path ?? joinName(tar_file_writer_text(block.subarray(345, 500)), tar_file_writer_text(block.subarray(0, 100)));
        if (!Number.isSafeInteger(size) || size < 0)
            throw new Error(`tar member ${name}: bad size`);
        this.target = false;
        if (type === 'x' || type === 'g') {
            this.paxBody = type === 'x' ? [] : undefined;
        }
        else if (type === '0' || type === '7') {
            this.target = name.replace(/^\.\//, '') === this.member;
        }
        else if (type !== '5') {
            throw new Error(`tar member ${name} of type ${type} is not supported`);
        }
        this.startBody(size);
    }
    startBody(size) {
        this.bodyLeft = size;
        this.padLeft = (BLOCK - (size % BLOCK)) % BLOCK;
        if (size === 0)
            this.endBody();
    }
    async body(part) {
        if (this.target) {
            await this.output.write(part);
        }
        else if (this.paxBody)
            this.paxBody.push(Buffer.from(part));
    }
    endBody() {
        if (this.target)
            this.found = true;
        this.target = false;
        if (this.paxBody) {
            this.paxNext = parsePax(Buffer.concat(this.paxBody));
            this.paxBody = undefined;
        }
    }
}
/** Pax records: "<length> <key>=<value>\n", the length counting the whole record. */
function parsePax(data) {
    const out = {};
    let at = 0;
    while (at < data.length) {
        const space = data.indexOf(0x20, at);
        const length = space < 0 ? 0 : Number(data.subarray(at, space).toString('latin1'));
        if (!length)
            break;
        const record = data.subarray(space + 1, at + length - 1).toString('utf8');
        const eq = record.indexOf('=');
        if (eq > 0)
            out[record.slice(0, eq)] = record.slice(eq + 1);
        at += length;
    }
    return out;
}
function octal(field) {
    // Base-256 sizes (first byte 0x80) only appear beyond 8 GiB: not a bundle.
    if (field[0] & 0x80)
        return NaN;
    const digits = tar_file_writer_text(field).trim();
    return digits === '' ? 0 : parseInt(digits, 8);
}
function tar_file_writer_text(field) {
    const end = field.indexOf(0);
    return field.subarray(0, end < 0 ? field.length : end).toString('utf8');
}
function joinName(prefix, name) {
    return prefix ? `${prefix}/${name}` : name;
}

;// CONCATENATED MODULE: ./src/remote/direct-download.ts
// Bundle downloads without the client's subprocesses. @actions/cache restores an entry by
// running `zstd --version`, saving the archive to disk and running tar with unzstd over it:
// 0.3–1 s per bundle, spent on the same two cores go compiles on, while go waits for the
// bundle. Here the signed URL's body streams through Node's zstd decoder and a small tar
// reader straight into the bundle file. Whatever this path does not expect (a Node without
// zstd, an entry saved with gzip, an unusual archive) answers 'fallback', and the client
// does the download its usual way. Uploads have their own path (direct-upload.ts).






const BLOB_TIMEOUT_MS = 10 * 60_000;
/**
 * The decoder's output buffer. At zlib's 16 KiB a GiB of bundles is ~65k chunks, each a
 * stream callback, a file write and a hash update on the daemon's thread: measured on a
 * 288 MB bundle, 256 KiB halves the CPU of the download (2.6 → 1.3 s); 1 MiB gains no more.
 */
const DECODE_CHUNK_BYTES = 256 << 10;
class DirectDownloader {
    service;
    constructor(service) {
        this.service = service;
    }
    /** Undefined when this Node cannot decode zstd or the service is not cache service v2. */
    static create(env = process.env) {
        if (typeof external_node_zlib_.createZstdDecompress !== 'function')
            return undefined;
        const service = CacheService.create(env);
        return service && new DirectDownloader(service);
    }
    /**
     * Fetches the `member` of the entry the client saved from `paths` under the newest key
     * starting with the first of `keys`, else with a later one (as restore keys do), into a file
     * or, as its bytes arrive, into a sink.
     */
    async download(keys, paths, member, into) {
        const found = await findEntry(this.service, keys, zstdEntryVersion(paths));
        if (!found)
            return { kind: 'absent' };
        const { url, key } = found;
        const response = await (0,http_request/* request */.E)(new URL(url), { timeoutMs: BLOB_TIMEOUT_MS });
        if (response.statusCode !== 200) {
            response.resume();
            throw new ServiceError(`bundle download answered HTTP ${response.statusCode}`);
        }
        const output = typeof into === 'string' ? await promises_.open(into, 'w') : undefined;
        const sink = output
            ? { write: async (chunk) => void (await output.write(chunk)) }
            : into;
        const tar = new TarFileWriter(member, sink);
        try {
            await (0,external_node_stream_promises_.pipeline)(response, external_node_zlib_.createZstdDecompress({ chunkSize: DECODE_CHUNK_BYTES }), tar);
        }
        finally {
            await output?.close();
        }
        return tar.found ? { kind: 'found', key } : { kind: 'fallback' };
    }
}
/**
 * The newest entry of `version` whose key starts with the first of `keys` that has one, and a
 * signed URL to read it.
 */
async function findEntry(service, keys, version) {
    const [key, ...restoreKeys] = keys;
    const body = await service.call('GetCacheEntryDownloadURL', { key, restore_keys: restoreKeys, version });
    const matched = body.matched_key;
    if (!body.ok || !matched || !body.signed_download_url)
        return undefined;
    // Only what was asked for: the service matches every key as a prefix, as the client does.
    if (!keys.some(prefix => matched.startsWith(prefix)))
        return undefined;
    return { url: body.signed_download_url, key: matched };
}

// EXTERNAL MODULE: ./src/util/sleep.ts
var sleep = __webpack_require__(7783);
;// CONCATENATED MODULE: ./src/remote/tar-archive.ts
// Writes the tar archive @actions/cache would make of one file under its directories: the
// directories' headers, the file's header and body, then the end-of-archive blocks. ustar,
// with a pax header before any name longer than ustar's 100 bytes (as `tar --posix` does),
// so GNU and BSD tar, and tar-file-writer.ts, read it back.

const tar_archive_BLOCK = 512;
const READ_BYTES = 1 << 20;
/** What 11 octal digits hold: ustar's size field. Bundles stay far below. */
const MAX_SIZE = 8 ** 11 - 1;
/** The archive of `file` as `member` (a relative path with `/`), chunk by chunk. */
async function* tarArchive(member, file) {
    const input = await promises_.open(file, 'r');
    try {
        const { size, mtimeMs } = await input.stat();
        if (size > MAX_SIZE)
            throw new Error(`${file} is too big for a ustar archive`);
        const mtime = Math.floor(mtimeMs / 1000);
        const parts = member.split('/');
        for (let depth = 1; depth < parts.length; depth++) {
            yield memberHeader(`${parts.slice(0, depth).join('/')}/`, '5', 0, mtime);
        }
        yield memberHeader(member, '0', size, mtime);
        for (let left = size; left > 0;) {
            const chunk = Buffer.allocUnsafe(Math.min(READ_BYTES, left));
            const { bytesRead } = await input.read(chunk, 0, chunk.length, null);
            if (bytesRead === 0)
                throw new Error(`${file} shrank while it was being archived`);
            yield chunk.subarray(0, bytesRead);
            left -= bytesRead;
        }
        yield Buffer.alloc(padding(size) + 2 * tar_archive_BLOCK);
    }
    finally {
        await input.close();
    }
}
function memberHeader(name, type, size, mtime) {
    if (Buffer.byteLength(name) <= 100)
        return header(name, type, size, mtime);
    const body = paxRecord('path', name);
    return Buffer.concat([
        header('PaxHeader', 'x', body.length, mtime),
        body,
        Buffer.alloc(padding(body.length)),
        header(name.slice(0, 100), type, size, mtime)
    ]);
}
function header(name, type, size, mtime) {
    const block = Buffer.alloc(tar_archive_BLOCK);
    block.write(name, 0, 100, 'utf8');
    block.write(type === '5' ? '0000755\0' : '0000644\0', 100, 'latin1');
    block.write('0000000\0', 108, 'latin1'); // uid
    block.write('0000000\0', 116, 'latin1'); // gid
    block.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
    block.write(`${mtime.toString(8).padStart(11, '0')}\0`, 136, 'latin1');
    block.write(type, 156, 'latin1');
    block.write('ustar\x0000', 257, 'latin1');
    // The checksum is the byte sum with its own field counted as spaces.
    block.fill(0x20, 148, 156);
    let sum = 0;
    for (const byte of block)
        sum += byte;
    block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
    return block;
}
/** "<length> <key>=<value>\n", where the length counts its own digits. */
function paxRecord(key, value) {
    const rest = ` ${key}=${value}\n`;
    const restBytes = Buffer.byteLength(rest);
    let length = restBytes + 1;
    while (String(length).length + restBytes !== length)
        length = String(length).length + restBytes;
    return Buffer.from(`${length}${rest}`);
}
function padding(size) {
    return (tar_archive_BLOCK - (size % tar_archive_BLOCK)) % tar_archive_BLOCK;
}

;// CONCATENATED MODULE: ./src/remote/direct-upload.ts
// Bundle and index uploads without the client. @actions/cache saves an entry by copying it
// into its workspace, running tar and zstd into an archive file and sending that through the
// Azure SDK. Here the file streams through a tar writer and Node's zstd encoder (on the
// thread pool) into memory, and goes up in one Put Blob, or in blocks when it is large: the
// same compression, without the copy, the processes and the archive file (about a quarter
// less CPU per upload, BENCHMARKS.md). The entry is the one the client would have made (same
// key, version, archive layout), so the client and the direct download both restore it.








/** As the client: one Put Blob up to this size, blocks of (about) this size above it. */
const BLOCK_BYTES = 64 << 20;
const ENCODE_CHUNK_BYTES = 1 << 20;
/** zstd's own default, which the client's `zstd -T0` uses. */
const ZSTD_LEVEL = 3;
const direct_upload_BLOB_TIMEOUT_MS = 10 * 60_000;
const AZURE_VERSION = '2024-11-04';
const PUT_ATTEMPTS = 3;
const DEFAULT_RETRY_AFTER_MS = 15_000;
const FINALIZE_ATTEMPTS = 4;
const MAX_FINALIZE_WAIT_MS = 60_000;
/** 4xx refusals that say nothing about the request's form: lapsed access, a race, a busy store. */
const TRANSIENT_REFUSALS = [403, 409, 429];
/**
 * The blob store refused a write as malformed (a 4xx other than the transient ones): this
 * path's requests are what it objects to, so the caller should send later uploads another way.
 */
class BlobWriteRefused extends ServiceError {
}
class DirectUploader {
    service;
    constructor(service) {
        this.service = service;
    }
    /** Undefined when this Node cannot encode zstd or the service is not cache service v2. */
    static create(env = process.env) {
        if (typeof external_node_zlib_.createZstdCompress !== 'function')
            return undefined;
        const service = CacheService.create(env);
        return service && new DirectUploader(service);
    }
    /**
     * Saves `file` as entry `key`, the archive the client would make of `paths` holding it as
     * `member`.
     */
    async upload(key, paths, member, file, extra) {
        const version = zstdEntryVersion(paths);
        let created;
        try {
            created = await this.service.call('CreateCacheEntry', { key, version });
        }
        catch (err) {
            if (!(err instanceof ServiceError) || ![409, 429].includes(err.status))
                throw err;
            if (err.status === 429) {
                return { status: 'rate-limited', retryAfterMs: err.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS };
            }
            created = { ok: false, message: err.message };
        }
        if (!created.ok || !created.signed_upload_url) {
            // Entries are immutable: a twin job may have saved (or be saving) the same bytes.
            extra?.();
            const found = await findEntry(this.service, [key], version);
            if (found?.key === key)
                return { status: 'exists' };
            throw new Error(`the service would not create ${key}: ${created.message ?? 'not ok'}`);
        }
        const size = await sendArchive(new URL(created.signed_upload_url), member, file);
        await this.finalize(key, version, size);
        return { status: 'saved' };
    }
    /**
     * A reservation cannot be taken twice (CreateCacheEntry answers 409 while it is held), so a
     * finalize that fails for a while (a 5xx, a 429, a lost link) is tried again here, as the
     * client's twirp client does, rather than by the uploader from the start.
     */
    async finalize(key, version, size) {
        for (let attempt = 1;; attempt++) {
            let finalized;
            try {
                finalized = await this.service.call('FinalizeCacheEntryUpload', {
                    key,
                    version,
                    size_bytes: String(size)
                });
            }
            catch (err) {
                const service = err instanceof ServiceError ? err : undefined;
                const transient = !service || service.status >= 500 || service.status === 429;
                if (!transient || attempt >= FINALIZE_ATTEMPTS)
                    throw err;
                await (0,sleep/* sleep */.y)(Math.min(service?.retryAfterMs ?? 500 * attempt, MAX_FINALIZE_WAIT_MS));
                continue;
            }
            if (finalized.ok)
                return;
            throw new Error(`the service did not finalize ${key}: ${finalized.message ?? 'not ok'}`);
        }
    }
}
/** Archives, compresses and uploads `file`; returns the size of what went up. */
async function sendArchive(url, member, file) {
    const encoder = external_node_zlib_.createZstdCompress({
        chunkSize: ENCODE_CHUNK_BYTES,
        params: {
            [external_node_zlib_.constants.ZSTD_c_compressionLevel]: ZSTD_LEVEL,
            // As the zstd command does: a restore checks the frame's content checksum.
            [external_node_zlib_.constants.ZSTD_c_checksumFlag]: 1
        }
    });
    const blockIds = [];
    let pending = [];
    let pendingBytes = 0;
    let size = 0;
    const putBlock = async () => {
        const id = Buffer.from(String(blockIds.length).padStart(8, '0')).toString('base64');
        await put(withQuery(url, `comp=block&blockid=${encodeURIComponent(id)}`), {}, pending);
        blockIds.push(id);
        pending = [];
        pendingBytes = 0;
    };
    await (0,external_node_stream_promises_.pipeline)(external_node_stream_.Readable.from(tarArchive(member, file)), encoder, async (chunks) => {
        for await (const chunk of chunks) {
            pending.push(chunk);
            pendingBytes += chunk.length;
            size += chunk.length;
            if (pendingBytes >= BLOCK_BYTES)
                await putBlock();
        }
    });
    if (blockIds.length === 0) {
        await put(url, { 'x-ms-blob-type': 'BlockBlob' }, pending);
        return size;
    }
    if (pendingBytes > 0)
        await putBlock();
    const list = blockIds.map(id => `<Latest>${id}</Latest>`).join('');
    await put(withQuery(url, 'comp=blocklist'), { 'Content-Type': 'application/xml' }, [
        Buffer.from(`<?xml version="1.0" encoding="utf-8"?><BlockList>${list}</BlockList>`)
    ]);
    return size;
}
/**
 * The signed URL with more query parameters, appended: rewriting its query through
 * searchParams could change how the signature's parameters are encoded.
 */
function withQuery(url, query) {
    return new URL(`${url.href}${url.search ? '&' : '?'}${query}`);
}
/** A PUT to the blob store, tried again (as the Azure SDK would) on a 5xx or a lost link. */
async function put(url, headers, body) {
    for (let attempt = 1;; attempt++) {
        let failure;
        try {
            const response = await (0,http_request/* request */.E)(url, {
                method: 'PUT',
                headers: { 'x-ms-version': AZURE_VERSION, ...headers },
                body,
                timeoutMs: direct_upload_BLOB_TIMEOUT_MS
            });
            const text = await (0,http_request/* readText */.y)(response);
            const status = response.statusCode ?? 0;
            if (status >= 200 && status <= 299)
                return;
            const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1] ?? text.slice(0, 100);
            const message = `blob upload answered HTTP ${status} (${code})`;
            const tryAgain = status >= 500 || status === 408 || status < 400;
            if (tryAgain)
                failure = new ServiceError(message, status);
            else if (TRANSIENT_REFUSALS.includes(status))
                throw new ServiceError(message, status);
            else
                throw new BlobWriteRefused(message, status);
        }
        catch (err) {
            if (err instanceof ServiceError)
                throw err;
            failure = err;
        }
        if (attempt >= PUT_ATTEMPTS)
            throw failure;
        await (0,sleep/* sleep */.y)(500 * attempt);
    }
}

;// CONCATENATED MODULE: ./src/remote/actions-backend.ts
// The GitHub Actions cache service through the real @actions/cache client.
//
// The client archives *paths* and derives each entry's version from the path strings, so
// paths must be relative (a self-hosted runner elsewhere must compute the same version) and
// identical at save and restore: a bundle lives at `<key>/data`, the index at a fixed
// `go-cache-index/data`, both under a private workspace that is this process's cwd.
// Bundle downloads and uploads go around the client when they can (direct-download.ts,
// direct-upload.ts): the same entries, without its tar and zstd processes. The client
// reports failures only as log lines; we read them (per call, through async context) to
// tell "not there" from "failed" and to honour the service's Retry-After.








const INDEX_PATH = 'go-cache-index';
const DATA_FILE = 'data';
const actions_backend_DEFAULT_RETRY_AFTER_MS = 15_000;
const callLogs = new external_node_async_hooks_.AsyncLocalStorage();
class ActionsCacheBackend {
    workspace;
    direct;
    directUpload;
    name = 'GitHub Actions cache';
    /** Index operations share one path: one at a time. */
    indexLock = Promise.resolve();
    loadedClient;
    constructor(workspace, direct, directUpload) {
        this.workspace = workspace;
        this.direct = direct;
        this.directUpload = directUpload;
    }
    /** Whether uploads still go the direct way (see save()). */
    get uploadsDirectly() {
        return this.directUpload !== undefined;
    }
    /**
     * The client is loaded on first use: it costs ~50 MiB and up to a second of a daemon that
     * runs beside go, and a job that only restores may never need it.
     */
    client() {
        this.loadedClient ??= __webpack_require__.e(/* import() */ 329).then(__webpack_require__.bind(__webpack_require__, 5329));
        return this.loadedClient;
    }
    /** Needs ACTIONS_RESULTS_URL and ACTIONS_RUNTIME_TOKEN in this process's environment. */
    static async create(workspace) {
        if (!process.env.ACTIONS_RUNTIME_TOKEN || !process.env.ACTIONS_RESULTS_URL) {
            throw new Error('the Actions cache needs ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL');
        }
        process.env.ACTIONS_CACHE_SERVICE_V2 ??= 'true';
        await promises_.mkdir(workspace, { recursive: true });
        // The client resolves relative paths against the cwd and archives from GITHUB_WORKSPACE.
        process.chdir(workspace);
        process.env.GITHUB_WORKSPACE = workspace;
        // Its archives go to RUNNER_TEMP, or to a fixed /home/actions/temp when that is unset.
        process.env.RUNNER_TEMP ??= external_node_path_.join(workspace, '.archives');
        captureClientOutput();
        return new ActionsCacheBackend(workspace, DirectDownloader.create(), DirectUploader.create());
    }
    async download(key, into, extra) {
        const dir = (0,backend/* checkKey */.y)(key);
        if (this.direct) {
            const member = `${dir}/${DATA_FILE}`;
            const direct = await this.direct.download([key], [dir], member, into);
            if (direct.kind === 'found')
                return true;
            if (direct.kind === 'absent' && clientSavesZstd())
                return false;
            (0,log/* log */.Rm)('debug', `bundle ${key}: not downloadable directly, asking @actions/cache`);
            extra?.();
        }
        const client = await this.client();
        await this.clear(dir);
        try {
            const { result, failures } = await withCallLog(() => client.restoreCache([dir], key));
            if (result === undefined) {
                if (failures.length > 0)
                    throw new Error(failures.join('; '));
                return false;
            }
            await (0,backend/* pourFile */.r)(external_node_path_.join(this.workspace, dir, DATA_FILE), into);
            return true;
        }
        finally {
            await this.clear(dir);
        }
    }
    async upload(key, file, kind, extra) {
        (0,backend/* checkKey */.y)(key);
        if (kind === 'index')
            return this.serially(() => this.save(INDEX_PATH, key, file, extra));
        return this.save(key, key, file, extra);
    }
    async restoreNewest(prefixes, file, extra) {
        return this.serially(async () => {
            if (this.direct) {
                const member = `${INDEX_PATH}/${DATA_FILE}`;
                const direct = await this.direct.download(prefixes, [INDEX_PATH], member, file);
                if (direct.kind === 'found')
                    return direct.key;
                if (direct.kind === 'absent' && clientSavesZstd())
                    return undefined;
                extra?.();
            }
            const client = await this.client();
            await this.clear(INDEX_PATH);
            try {
                const [primary, ...rest] = prefixes;
                const { result, failures } = await withCallLog(() => client.restoreCache([INDEX_PATH], primary, rest));
                if (result === undefined && failures.length > 0)
                    throw new Error(failures.join('; '));
                if (result !== undefined) {
                    await promises_.rename(external_node_path_.join(this.workspace, INDEX_PATH, DATA_FILE), file);
                }
                return result;
            }
            finally {
                await this.clear(INDEX_PATH);
            }
        });
    }
    async save(dir, key, file, extra) {
        if (this.directUpload) {
            try {
                return await this.directUpload.upload(key, [dir], `${dir}/${DATA_FILE}`, file, extra);
            }
            catch (err) {
                // A store that refuses our writes' form would refuse every one: this upload fails (its
                // key stays reserved a while), later ones go through the client, as they once all did.
                if (err instanceof BlobWriteRefused && this.directUpload) {
                    this.directUpload = undefined;
                    (0,log/* log */.Rm)('warn', `uploads go through @actions/cache from now on: ${err.message}`);
                }
                throw err;
            }
        }
        await this.clear(dir);
        await promises_.mkdir(external_node_path_.join(this.workspace, dir));
        await promises_.copyFile(file, external_node_path_.join(this.workspace, dir, DATA_FILE));
        const client = await this.client();
        try {
            const { result, failures, retryAfterMs } = await withCallLog(() => client.saveCache([dir], key));
            if (result !== -1)
                return { status: 'saved' };
            if (retryAfterMs !== undefined || failures.some(f => /rate limit/i.test(f))) {
                return { status: 'rate-limited', retryAfterMs: retryAfterMs ?? actions_backend_DEFAULT_RETRY_AFTER_MS };
            }
            // -1 is also "already exists": ask, since a twin job may have saved the same bytes.
            extra?.();
            const { result: found } = await withCallLog(() => client.restoreCache([dir], key, [], { lookupOnly: true }));
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
        await promises_.rm(external_node_path_.join(this.workspace, dir), { recursive: true, force: true });
    }
}
let zstdFound;
/**
 * Whether the client saves with zstd here: it does when `zstd` runs (getCompressionMethod),
 * else gzip, whose entries have another version that only the client looks up. Then a miss
 * of the direct lookup is final: asking the client too would be a second lookup for nothing.
 */
function clientSavesZstd() {
    if (zstdFound === undefined) {
        const names = process.platform === 'win32' ? ['zstd.exe', 'zstd.cmd', 'zstd.bat'] : ['zstd'];
        const dirs = (process.env.PATH ?? '').split(external_node_path_.delimiter).filter(Boolean);
        zstdFound = dirs.some(dir => names.some(name => isExecutable(external_node_path_.join(dir, name))));
    }
    return zstdFound;
}
function isExecutable(file) {
    try {
        (0,external_node_fs_.accessSync)(file, external_node_fs_.constants.X_OK);
        return (0,external_node_fs_.statSync)(file).isFile();
    }
    catch {
        return false;
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
    (0,log/* log */.Rm)(kind === 'debug' ? 'debug' : 'info', `actions cache: ${text}`);
}


/***/ }),

/***/ 7590:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   r: () => (/* binding */ pourFile),
/* harmony export */   y: () => (/* binding */ checkKey)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
// Where bundles and indexes live between jobs. Every method is one request to the service
// (as the job's request budget counts them); failures throw and become misses upstream.

const POUR_CHUNK_BYTES = 256 << 10;
/** Keys stay within what both the Actions cache (≤ 512 chars, no commas) and file names allow. */
function checkKey(key) {
    if (!/^[A-Za-z0-9._-]{1,400}$/.test(key))
        throw new Error(`unusable cache key ${key}`);
    return key;
}
/** Hands a file's bytes to `into`, in chunks the size of a bundle download's. */
async function pourFile(file, into) {
    const input = await node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.open(file, 'r');
    try {
        for (;;) {
            // A fresh buffer each time: the sink may keep what it is given.
            const chunk = Buffer.allocUnsafe(POUR_CHUNK_BYTES);
            const { bytesRead } = await input.read(chunk, 0, chunk.length);
            if (bytesRead === 0)
                return;
            await into.write(chunk.subarray(0, bytesRead));
        }
    }
    finally {
        await input.close();
    }
}


/***/ })

};
