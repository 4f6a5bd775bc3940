export const id = 59;
export const ids = [59];
export const modules = {

/***/ 5456:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Pq: () => (/* binding */ touchedPaths),
  ZI: () => (/* binding */ validCarriedTimes)
});

// UNUSED EXPORTS: MAX_CARRIED, applyCarriedTimes, isoTime

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/checkout/derived-time.ts
// Times derived from content: the same git object id gives the same time on every runner,
// and a different id a different time, so Go's test cache (which keys a file a test opened
// by size, mode and modification time) sees a content change even when the size stays.

/** 1980-01-01T00:00:00Z: the oldest time zip and FAT can hold; every derived time is later. */
const EPOCH_SECONDS = Date.UTC(1980, 0, 1) / 1000;
/**
 * Seconds since the Unix epoch (with a fraction) for an object id in hex (SHA-1 or SHA-256).
 * 30 bits of the id give the second (1980 to 2014: always in the past, so Go never finds
 * the file "too new" to cache) and 20 more the microsecond. Two contents of the same size
 * then share a time with odds of 2^-50 where whole seconds alone would give 2^-30; a shared
 * time would be a wrong "(cached)". The microsecond is centred (+0.5 µs) because libuv turns
 * the double into a timespec by truncating: the centre lands on the intended microsecond
 * (or 100 ns tick on Windows) whatever the double's rounding.
 */
function derived_time_timeFromId(hex) {
    const seconds = EPOCH_SECONDS + (parseInt(hex.slice(0, 8), 16) >>> 2);
    const micros = parseInt(hex.slice(8, 13), 16) % 1_000_000;
    return seconds + (micros + 0.5) / 1e6;
}
/**
 * An id for a directory from its tracked entries (sub-directories by their own ids), in the
 * spirit of a git tree id: it changes whenever a tracked name, mode or content below it does.
 * It need not equal git's tree id (nothing compares them), only be stable.
 */
function directoryId(entries) {
    const lines = entries.map(entry => `${entry.mode} ${entry.id} ${entry.name}`);
    // Code-unit order: the same on every runner, whatever the locale.
    lines.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return (0,external_node_crypto_.createHash)('sha1').update(lines.join('\0')).digest('hex');
}

;// CONCATENATED MODULE: ./src/checkout/git-index.ts
// What git knows about a work tree, read with two commands whatever its size: the index
// (every tracked path with its mode and blob id) and the paths that differ from it.

/** Runs git in cwd; `input`, when given, is its stdin. */
function git_index_runGit(args, cwd, input) {
    return new Promise((resolve, reject) => {
        const child = (0,external_node_child_process_.spawn)('git', args, {
            cwd,
            // English messages, to recognise "not a git repository"; and never an opportunistic
            // index refresh: these commands only read.
            env: { ...process.env, LC_ALL: 'C', LANGUAGE: 'C', GIT_OPTIONAL_LOCKS: '0' },
            stdio: 'pipe',
            windowsHide: true
        });
        // Closed at once when there is no input: git must not wait for a terminal.
        child.stdin.on('error', () => { }).end(input);
        const out = [];
        let stderr = '';
        child.stdout.on('data', (chunk) => out.push(chunk));
        child.stderr.setEncoding('utf8').on('data', (text) => (stderr += text));
        child.on('error', err => reject(err.code === 'ENOENT' ? new Error('git is not on PATH') : err));
        child.on('close', code => resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr }));
    });
}
/**
 * Parses `git ls-files -s -v -z`: "<tag> <mode> <id> <stage>\t<path>\0" per entry, paths
 * below the directory git ran in.
 */
function git_index_parseIndex(stdout) {
    const entries = [];
    for (const record of stdout.toString('utf8').split('\0')) {
        if (record === '')
            continue;
        const tab = record.indexOf('\t');
        const [tag, mode, id, stage] = record.slice(0, tab).split(' ');
        entries.push({ path: record.slice(tab + 1), mode, id, plain: tag === 'H' && stage === '0' });
    }
    return entries;
}
/** The answer git gives in a directory outside any work tree. */
function git_index_notARepository(result) {
    return result.code !== 0 && /not a git repository/i.test(result.stderr);
}
/** `git ls-files -s -v -z` below cwd; `-v` tags assume-unchanged entries in lower case. */
const git_index_LIST_INDEX = ['ls-files', '-s', '-v', '-z'];
/**
 * Paths whose work-tree file differs from the index (content, mode, type, deleted), relative
 * to cwd. diff-files trusts a file whose stat data matches what the index recorded and reads
 * it only when that cannot decide: the "racily clean" files, written in the same second as
 * the index, which after a fresh checkout may be most of them (~0.25 s for 20,000 files
 * here). A file whose stat data changed but content did not is listed too, so it keeps its
 * time: safe, and rare on a fresh checkout. `git diff` would re-hash those and then rewrite
 * the index; this plumbing command never writes and no diff.* setting changes its output.
 * Submodules are left alone anyway; ignoring them saves a `git status` in each.
 */
const git_index_LIST_MODIFIED = (/* unused pure expression or super */ null && ([
    'diff-files',
    '--name-only',
    '--relative',
    '--ignore-submodules=all',
    '-z'
]));
function git_index_parsePaths(stdout) {
    return stdout
        .toString('utf8')
        .split('\0')
        .filter(name => name !== '');
}

;// CONCATENATED MODULE: ./src/checkout/content-times.ts
// Gives every git-tracked, unmodified regular file of the workspace, and every directory
// holding tracked files, a modification time derived from its content. A checkout writes
// every file with the time of the checkout; Go's test cache keys a test by the size, mode
// and time of each file (and directory listing) it read, so without this every such test
// re-runs on every fresh clone. Files git cannot vouch for keep their times.




const REGULAR_MODES = new Set(['100644', '100755']);
const NAMED_MODIFIED = 10;
async function setContentTimes(workspace) {
    const start = performance.now();
    const report = {
        repositories: 0,
        files: 0,
        dirs: 0,
        modified: 0,
        modifiedPaths: [],
        skipped: 0,
        failed: 0,
        ms: 0,
        derivedIds: new Map(),
        notes: [],
        problems: []
    };
    try {
        // spawn reports a missing cwd as ENOENT, which would read as "no git".
        if (!fs.statSync(workspace).isDirectory())
            throw new Error(`${workspace} is not a directory`);
        const handled = await workTree(workspace, report);
        if (!handled) {
            // actions/checkout with `path:` puts repositories in folders of the workspace.
            for (const child of childRepositories(workspace))
                await workTree(child, report);
        }
        if (report.repositories === 0) {
            report.notes.push(`${workspace} is not in a git work tree (nor are its folders): file times left as they are`);
        }
    }
    catch (err) {
        report.problems.push(`${err.message}: file times not set`);
    }
    report.ms = performance.now() - start;
    return report;
}
/** Handles one work tree (or the part of one below dir); false when dir is in none. */
async function workTree(dir, report) {
    // The two commands only read, so they run side by side.
    const [listed, differing] = await Promise.all([
        runGit(LIST_INDEX, dir),
        runGit(LIST_MODIFIED, dir)
    ]);
    if (notARepository(listed))
        return false;
    for (const [result, command] of [
        [listed, LIST_INDEX],
        [differing, LIST_MODIFIED]
    ]) {
        if (result.code !== 0) {
            const message = result.stderr.trim().split('\n').pop() ?? `exit code ${result.code}`;
            throw new Error(`git ${command.join(' ')} failed in ${dir}: ${message}`);
        }
    }
    const entries = parseIndex(listed.stdout);
    if (entries.length === 0)
        return false;
    report.repositories++;
    applyTimes(dir, entries, new Set(parsePaths(differing.stdout)), report);
    return true;
}
function applyTimes(root, entries, modified, report) {
    for (const entry of entries) {
        if (!isPlainFile(entry)) {
            report.skipped++;
        }
        else if (modified.has(entry.path)) {
            report.modified++;
            if (report.modifiedPaths.length < NAMED_MODIFIED)
                report.modifiedPaths.push(entry.path);
        }
        else if (setTime(root, entry.path, entry.id, report)) {
            report.files++;
            report.derivedIds.set(path.join(root, entry.path), entry.id);
        }
    }
    // A directory's time is safe whatever it holds: Go hashes its listing (each name and
    // entry's stat) along with it, so untracked or modified entries still count.
    for (const [dir, id] of directoryIds(entries)) {
        if (setTime(root, dir, id, report)) {
            report.dirs++;
            report.derivedIds.set(path.join(root, dir), id);
        }
    }
}
/** A regular file git compares with the work tree: the only kind that gets a derived time. */
function isPlainFile(entry) {
    return entry.plain && REGULAR_MODES.has(entry.mode);
}
/**
 * Every directory holding tracked entries (relative, '' being the root) → its id from what it
 * holds, deepest first.
 */
function directoryIds(entries) {
    // Every directory's tracked entries; files first, sub-directories below.
    const dirs = new Map([['', []]]);
    const entriesOf = (dir) => {
        let list = dirs.get(dir);
        if (!list) {
            list = [];
            dirs.set(dir, list);
            entriesOf(parentOf(dir));
        }
        return list;
    };
    for (const entry of entries) {
        entriesOf(parentOf(entry.path)).push({
            name: baseName(entry.path),
            mode: entry.mode,
            id: entry.id
        });
    }
    // Deepest first, so that each directory's id is in its parent's entries before that one's.
    const ids = new Map();
    const deepestFirst = [...dirs.keys()].sort((a, b) => depth(b) - depth(a));
    for (const dir of deepestFirst) {
        const id = directoryId(dirs.get(dir));
        if (dir !== '')
            dirs.get(parentOf(dir))?.push({ name: baseName(dir), mode: '40000', id });
        ids.set(dir, id);
    }
    return ids;
}
/** Sets atime and mtime without following a symbolic link; false when it did not. */
function setTime(root, relative, id, report) {
    const time = timeFromId(id);
    try {
        fs.lutimesSync(path.join(root, relative), time, time);
        return true;
    }
    catch (err) {
        const code = err.code;
        // Not checked out (a sparse checkout): nothing to set.
        if (code === 'ENOENT' || code === 'ENOTDIR') {
            report.skipped++;
        }
        else {
            if (report.failed === 0)
                report.problems.push(`could not set the time of ${relative}: ${code}`);
            report.failed++;
        }
        return false;
    }
}
function childRepositories(workspace) {
    try {
        return external_node_fs_.readdirSync(workspace, { withFileTypes: true })
            .filter(entry => entry.isDirectory() && external_node_fs_.existsSync(external_node_path_.join(workspace, entry.name, '.git')))
            .map(entry => external_node_path_.join(workspace, entry.name))
            .sort();
    }
    catch {
        return [];
    }
}
const parentOf = (relative) => {
    const slash = relative.lastIndexOf('/');
    return slash < 0 ? '' : relative.slice(0, slash);
};
const baseName = (relative) => relative.slice(relative.lastIndexOf('/') + 1);
const depth = (relative) => (relative === '' ? 0 : relative.split('/').length);

;// CONCATENATED MODULE: ./src/checkout/carried-times.ts
// Paths a job's tests changed the time of keep that time in the next job. A test that
// creates and removes a scratch file in its own testdata/ leaves the directory as checked out
// but with the time of the run; one that sets a file's time (caddy's fileserver tests do)
// leaves the file as checked out with that time. Go keys the result by the stat it sees
// *after* the test, and a fresh checkout gives those paths their derived times, which never
// match: such a test would run on every job. So the flush records each tracked path whose
// time is no longer the derived one (path, content id, exact time), the index carries the
// records, and the next main step gives that time back to the path with the same content.
// A file whose content is not the committed one is never recorded: its time belongs to other
// content. A directory is safe whatever it holds, since Go hashes each entry's stat with it.






/** An index carries at most this many: the paths tests change the times of are few. */
const MAX_CARRIED = 1000;
/**
 * Derived times lie between 1980 and 2014, a run's decades later; a test that sets a time of
 * its own picks one far from them too. An hour apart tells them apart on any file system,
 * even one that keeps whole seconds (or FAT's two) of the derived time.
 */
const APART_NS = 3600000000000n;
/**
 * Tracked directories, and tracked files whose content is as committed, whose time is not the
 * one derived from their content; directories first when there are too many.
 */
async function touchedPaths(workspace) {
    const dirs = [];
    const files = [];
    for (const { root, entries } of await workTrees(workspace)) {
        // Relative: a container job or another runner may check out the same tree elsewhere.
        const relative = (p) => external_node_path_.relative(workspace, external_node_path_.join(root, p)).split(external_node_path_.sep).join('/') || '.';
        for (const [dir, id] of directoryIds(entries)) {
            const ns = changedTime(external_node_path_.join(root, dir), id, true);
            if (ns)
                dirs.push([relative(dir), id, ns]);
        }
        // git quotes or refuses names with quotes and line breaks on --stdin-paths: leave them.
        const candidates = entries
            .filter(e => isPlainFile(e) && !/^"|[\r\n]/.test(e.path))
            .map(e => ({ entry: e, ns: changedTime(external_node_path_.join(root, e.path), e.id, false) }))
            .filter(c => c.ns);
        if (candidates.length === 0)
            continue;
        // Only content as committed may pass its time on (git diff-files would list every file
        // whose stat changed, i.e. all of them): hash the few candidates as `git add` would.
        const hashed = await git_index_runGit(['hash-object', '--stdin-paths'], root, candidates.map(c => c.entry.path).join('\n') + '\n');
        if (hashed.code !== 0)
            continue;
        const ids = hashed.stdout.toString('utf8').trim().split('\n');
        candidates.forEach(({ entry, ns }, i) => {
            // The same time after hashing as before: nothing wrote the file in between.
            const same = changedTime(external_node_path_.join(root, entry.path), entry.id, false) === ns;
            if (ids[i] === entry.id && same)
                files.push([relative(entry.path), entry.id, ns]);
        });
    }
    const byPath = (a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
    return [...dirs.sort(byPath), ...files.sort(byPath)].slice(0, MAX_CARRIED);
}
/** The path's time in ns when it is far from the one derived from `id`; false otherwise. */
function changedTime(file, id, isDir) {
    const stat = external_node_fs_.lstatSync(file, { bigint: true, throwIfNoEntry: false });
    if (!stat || (isDir ? !stat.isDirectory() : !stat.isFile()))
        return false;
    const apart = stat.mtimeNs - BigInt(Math.round(derived_time_timeFromId(id) * 1e6)) * 1000n;
    return apart > APART_NS || apart < -APART_NS ? stat.mtimeNs.toString() : false;
}
/** The tracked entries of the workspace's work tree, else of the repositories one level down. */
async function workTrees(workspace) {
    // As setContentTimes chooses: checkouts with `path:` sit in folders of the workspace.
    const own = await git_index_runGit(git_index_LIST_INDEX, workspace);
    const ownEntries = own.code === 0 ? git_index_parseIndex(own.stdout) : [];
    if (ownEntries.length > 0)
        return [{ root: workspace, entries: ownEntries }];
    if (!git_index_notARepository(own) && own.code !== 0)
        return [];
    const trees = [];
    for (const root of childRepositories(workspace)) {
        const listed = await git_index_runGit(git_index_LIST_INDEX, root);
        if (listed.code === 0)
            trees.push({ root, entries: git_index_parseIndex(listed.stdout) });
    }
    return trees;
}
/**
 * Gives each path of `derived` (absolute path → the content id main gave it a time from) the
 * time a record for the same path below `workspace` and the same id carries. Node sets times
 * through a double (~240 ns steps) while Go compares nanoseconds, so `touch` sets them; each
 * is read back, and one that did not take gets its derived time again.
 */
function applyCarriedTimes(records, workspace, derived, { platform = process.platform, env = process.env } = {}) {
    const wanted = records
        .map(([relative, id, ns]) => [path.join(workspace, relative), id, ns])
        .filter(([file, id]) => derived.get(file) === id);
    if (wanted.length === 0)
        return { applied: 0 };
    // Windows keeps 100 ns ticks and has no touch; there such tests keep re-running.
    if (platform === 'win32')
        return { applied: 0, problem: 'not done on Windows' };
    const args = [];
    for (const [file, , ns] of wanted)
        args.push(isoTime(BigInt(ns)), file);
    const touched = spawnSync('sh', 
    // Every path is tried: each one's time is read back below.
    [
        '-c',
        's=0; while [ $# -gt 1 ]; do touch -d "$1" -- "$2" || s=1; shift 2; done; exit $s',
        'sh',
        ...args
    ], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], env, timeout: 30_000 });
    let applied = 0;
    let problem = touched.error
        ? `touch could not run: ${touched.error.message}`
        : touched.status !== 0
            ? `touch failed: ${touched.stderr.trim().split('\n')[0]}`
            : undefined;
    for (const [file, id, ns] of wanted) {
        const stat = fs.lstatSync(file, { bigint: true, throwIfNoEntry: false });
        if (stat?.mtimeNs === BigInt(ns)) {
            applied++;
            continue;
        }
        problem ??= `touch did not set the exact time of ${file}`;
        try {
            fs.lutimesSync(file, timeFromId(id), timeFromId(id));
        }
        catch {
            // Gone: nothing to put back.
        }
    }
    return { applied, problem };
}
/** "2026-12-07T17:48:02.449746026Z": the form GNU and BSD touch -d both read, to the ns. */
function isoTime(ns) {
    const seconds = ns / 1000000000n;
    const fraction = (ns % 1000000000n).toString().padStart(9, '0');
    return new Date(Number(seconds) * 1000).toISOString().replace(/\.\d{3}Z$/, `.${fraction}Z`);
}
/** Keeps the well-formed records of an index (it is data from the cache: never trusted). */
function validCarriedTimes(value) {
    if (!Array.isArray(value))
        return [];
    return value
        .filter((r) => Array.isArray(r) &&
        r.length === 3 &&
        typeof r[0] === 'string' &&
        r[0] !== '' &&
        !external_node_path_.posix.isAbsolute(r[0]) &&
        !external_node_path_.win32.isAbsolute(r[0]) &&
        !r[0].split('/').includes('..') &&
        typeof r[1] === 'string' &&
        /^[0-9a-f]{40,64}$/.test(r[1]) &&
        typeof r[2] === 'string' &&
        /^\d{1,20}$/.test(r[2]))
        .slice(0, MAX_CARRIED);
}


/***/ }),

/***/ 9072:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ request),
/* harmony export */   y: () => (/* binding */ readText)
/* harmony export */ });
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_1__);
// Plain node:http(s) requests for the direct download and upload paths. Node's fetch loads
// undici on first use: measured in a bare Node 24, 65-72 ms to a first answer (17 ms with
// http) and 61 MiB resident after it (51 MiB with http/https), while go builds beside the
// daemon.


const MAX_REDIRECTS = 5;
/** Sends a request and resolves with the response head; a GET follows redirects. */
async function request(url, options) {
    const signal = AbortSignal.timeout(options.timeoutMs);
    let target = url;
    for (let hop = 0;; hop++) {
        const response = await send(target, options, signal);
        const location = response.headers.location;
        const redirect = response.statusCode !== undefined && [301, 302, 303, 307, 308].includes(response.statusCode);
        if (!redirect || !location || (options.method ?? 'GET') !== 'GET' || hop >= MAX_REDIRECTS) {
            return response;
        }
        response.resume();
        target = new URL(location, target);
    }
}
/** The whole body as text (API answers are small). */
async function readText(response) {
    const chunks = [];
    for await (const chunk of response)
        chunks.push(chunk);
    return Buffer.concat(chunks).toString('utf8');
}
function send(url, options, signal) {
    const client = url.protocol === 'https:' ? node_https__WEBPACK_IMPORTED_MODULE_1__ : node_http__WEBPACK_IMPORTED_MODULE_0__;
    return new Promise((resolve, reject) => {
        const body = typeof options.body === 'string' ? [Buffer.from(options.body)] : options.body;
        const headers = { ...options.headers };
        if (body)
            headers['Content-Length'] = String(body.reduce((sum, part) => sum + part.length, 0));
        const req = client.request(url, { method: options.method ?? 'GET', headers, signal }, resolve);
        req.on('error', reject);
        for (const part of body ?? [])
            req.write(part);
        req.end();
    });
}


/***/ }),

/***/ 2560:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   fj: () => (/* binding */ ownerId),
/* harmony export */   hw: () => (/* binding */ keySafe),
/* harmony export */   jE: () => (/* binding */ indexPrefix)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
// How index keys are spelled: shared by the daemon (saving, restoring) and the action (telling
// where a restored index came from), so it depends on nothing else.

/**
 * Index keys: `go-cache-index-` then `<readable level>-<hash>-` per scope level, then
 * `<time>-<random>[-<tag>]`. Each hash covers the levels up to its own, so one scope's prefix
 * never matches another's after the text is made key-safe (`a` and `a-b`), while a broader
 * scope's prefix is a prefix of all its narrower scopes' keys.
 */
function indexPrefix(levels) {
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    let prefix = 'go-cache-index-';
    for (const level of levels) {
        hash.update(level + '\n');
        prefix += `${keySafe(level, 80)}-${hash.copy().digest('hex').slice(0, 12)}-`;
    }
    return prefix;
}
/**
 * Who owns the bundles a scope uploads: the ref (the cache service keeps each ref's entries
 * apart) and the index prefix. Only the owner deletes them (see cleanup.ts).
 */
function ownerId(ref, indexPrefix) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(`${ref}\n${indexPrefix}`).digest('hex').slice(0, 16);
}
/** Cache keys allow no commas; dashes separate the parts of ours. */
function keySafe(text, max) {
    return text.replace(/[^A-Za-z0-9._]+/g, '_').slice(0, max);
}


/***/ }),

/***/ 9059:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  j: () => (/* binding */ DEFAULT_BUNDLE_BYTES),
  x: () => (/* binding */ RemoteCache)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/bundle/format.ts
// The bundle file layout (docs/bundle-format.md). Version 2, what this build writes: a start
// magic, the entry table under its own SHA-256, the entries' bytes back to back, and a trailer
// holding a SHA-256 of everything before it. The table comes first so that a bundle can be
// unpacked while it downloads. Version 1 (still read) keeps the table behind the data.
const START_MAGIC_V1 = Buffer.from('GOCBNDL1', 'latin1');
const START_MAGIC_V2 = Buffer.from('GOCBNDL2', 'latin1');
const MAGIC_BYTES = 8;
const END_MAGIC = Buffer.from('GOCBEND1', 'latin1');
const FORMAT_V1 = 1;
const FORMAT_V2 = 2;
/** The version this build writes. */
const FORMAT_VERSION = FORMAT_V2;
/** Version 2: where the table starts, after the magic and the entry count (4). */
const V2_TABLE_OFFSET = MAGIC_BYTES + 4;
/** Version 2: the SHA-256 of the magic, count and table that follows the table. */
const HEAD_CHECKSUM_BYTES = 32;
const ID_BYTES = 32;
/** ActionID, OutputID, offset, size, time: 32 + 32 + 8 + 8 + 8. */
const TABLE_RECORD_BYTES = 88;
/** Table offset (8), entry count (4), version (4), SHA-256 (32), end magic (8). */
const TRAILER_BYTES = 56;
/** The checksum covers every byte before its own field. */
const CHECKSUM_OFFSET_FROM_END = 40;
function encodeTableRecord(entry) {
    const record = Buffer.alloc(TABLE_RECORD_BYTES);
    entry.actionID.copy(record, 0);
    entry.outputID.copy(record, 32);
    record.writeBigUInt64BE(BigInt(entry.offset), 64);
    record.writeBigUInt64BE(BigInt(entry.size), 72);
    record.writeBigUInt64BE(BigInt(entry.timeMs), 80);
    return record;
}
function decodeTableRecord(record) {
    return {
        actionID: Buffer.from(record.subarray(0, 32)),
        outputID: Buffer.from(record.subarray(32, 64)),
        offset: Number(record.readBigUInt64BE(64)),
        size: Number(record.readBigUInt64BE(72)),
        timeMs: Number(record.readBigUInt64BE(80))
    };
}
/** Version 2: where the data starts in a bundle of `count` entries. */
function v2DataOffset(count) {
    return V2_TABLE_OFFSET + count * TABLE_RECORD_BYTES + HEAD_CHECKSUM_BYTES;
}
/** The trailer without its checksum field filled in. */
function encodeTrailer(tableOffset, count, version) {
    const trailer = Buffer.alloc(TRAILER_BYTES);
    trailer.writeBigUInt64BE(BigInt(tableOffset), 0);
    trailer.writeUInt32BE(count, 8);
    trailer.writeUInt32BE(version, 12);
    END_MAGIC.copy(trailer, TRAILER_BYTES - END_MAGIC.length);
    return trailer;
}
function decodeTrailer(trailer) {
    if (!trailer.subarray(TRAILER_BYTES - END_MAGIC.length).equals(END_MAGIC)) {
        throw new BundleError('no bundle trailer (truncated or not a bundle)');
    }
    return {
        tableOffset: Number(trailer.readBigUInt64BE(0)),
        count: trailer.readUInt32BE(8),
        version: trailer.readUInt32BE(12),
        checksum: Buffer.from(trailer.subarray(16, 48))
    };
}
/** A bundle that must not be used: wrong magic, bad checksum, inconsistent table. */
class BundleError extends Error {
}

;// CONCATENATED MODULE: ./src/bundle/bundle-reader.ts
// Opens a bundle only after checking all of it: a bundle that fails any check is rejected
// whole, so its entries become misses and nothing from it is served.




const READ_CHUNK = 1 << 20;
/**
 * Validates magic, trailer, table bounds and the whole-file checksum; returns the table.
 * `streamed`: the digest of the bytes as they were written to `file`, which stands in for
 * reading them back when it saw exactly the file's size.
 */
async function readBundleTable(file, streamed) {
    const input = await promises_.open(file, 'r');
    try {
        const { size } = await input.stat();
        if (size < MAGIC_BYTES + TRAILER_BYTES)
            throw new BundleError(`too short (${size} bytes)`);
        const head = await readAt(input, 0, MAGIC_BYTES);
        const version = head.equals(START_MAGIC_V2)
            ? FORMAT_V2
            : head.equals(START_MAGIC_V1)
                ? FORMAT_V1
                : 0;
        if (!version)
            throw new BundleError('not a bundle (bad magic)');
        const trailer = decodeTrailer(await readAt(input, size - TRAILER_BYTES, TRAILER_BYTES));
        if (trailer.version !== version) {
            throw new BundleError(`format version ${trailer.version} in a version ${version} bundle`);
        }
        const tableBytes = trailer.count * TABLE_RECORD_BYTES;
        // Where the entries' bytes may lie: between the table and the trailer (version 2), or
        // between the magic and the table (version 1).
        let data;
        let fits;
        if (version === FORMAT_V2) {
            data = { start: v2DataOffset(trailer.count), end: size - TRAILER_BYTES };
            fits = trailer.tableOffset === V2_TABLE_OFFSET && data.start <= data.end;
        }
        else {
            data = { start: MAGIC_BYTES, end: trailer.tableOffset };
            fits = data.end >= data.start && data.end + tableBytes === size - TRAILER_BYTES;
        }
        if (!fits)
            throw new BundleError('entry table does not fit the file (truncated?)');
        const checksum = streamed?.bytes === size ? streamed.digest() : await fileChecksum(input, size);
        if (!checksum.equals(trailer.checksum))
            throw new BundleError('checksum mismatch');
        const table = await readAt(input, trailer.tableOffset, tableBytes);
        if (version === FORMAT_V2) {
            const count = (await readAt(input, MAGIC_BYTES, 4)).readUInt32BE(0);
            if (count !== trailer.count)
                throw new BundleError('head and trailer disagree on the count');
        }
        const entries = [];
        for (let at = 0; at < table.length; at += TABLE_RECORD_BYTES) {
            const entry = decodeTableRecord(table.subarray(at, at + TABLE_RECORD_BYTES));
            const inData = entry.offset >= data.start && entry.offset + entry.size <= data.end;
            if (entry.size > 0 && !inData)
                throw new BundleError('an entry points outside the data');
            entries.push(entry);
        }
        return entries;
    }
    finally {
        await input.close();
    }
}
async function fileChecksum(input, size) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    const covered = size - CHECKSUM_OFFSET_FROM_END;
    // One chunk buffer for the whole file: the daemon checks bundles while go builds, and
    // a fresh megabyte per read would show up as the daemon's peak memory.
    const chunk = Buffer.allocUnsafe(READ_CHUNK);
    for (let at = 0; at < covered; at += READ_CHUNK) {
        hash.update(await readAt(input, at, Math.min(READ_CHUNK, covered - at), chunk));
    }
    return hash.digest();
}
/** Entries up to this size are read and stored in one synchronous step each. */
const SYNC_ENTRY_LIMIT = 8 << 20;
/** Synchronous work runs in slices this long, so gets waiting on the daemon still get in. */
const SLICE_MS = 1;
/** Copies a validated bundle's entries into the local store; each is hashed on the way in. */
async function unpackBundle(file, entries, store, options = {}) {
    const input = await promises_.open(file, 'r');
    const unpacked = [];
    let corrupt = 0;
    const wanted = options.wanted ?? [];
    const position = new Map(entries.map((entry, i) => [entry.actionID.toString('hex'), i]));
    const done = new Uint8Array(entries.length);
    // Small entries are stored synchronously, so one buffer serves them all in turn.
    const scratch = { buffer: Buffer.allocUnsafe(0) };
    let next = 0;
    let sliceStart = Date.now();
    try {
        for (let count = 0; count < entries.length; count++) {
            if (Date.now() - sliceStart >= SLICE_MS) {
                await new Promise(resolve => setImmediate(resolve));
                sliceStart = Date.now();
            }
            let at = -1;
            while (at < 0 && wanted.length > 0) {
                const candidate = position.get(wanted.shift());
                if (candidate !== undefined && !done[candidate])
                    at = candidate;
            }
            if (at < 0) {
                while (done[next])
                    next++;
                at = next;
            }
            done[at] = 1;
            const entry = entries[at];
            const stored = entry.size <= SYNC_ENTRY_LIMIT
                ? importSmall(input.fd, entry, store, scratch)
                : await importLarge(input, entry, store);
            if (!stored) {
                corrupt++;
                continue;
            }
            unpacked.push(entry);
            options.onStored?.(entry);
        }
    }
    finally {
        await input.close();
    }
    return { unpacked, corrupt };
}
function importSmall(fd, entry, store, scratch) {
    if (scratch.buffer.length < entry.size) {
        scratch.buffer = Buffer.allocUnsafe(Math.max(entry.size, 256 << 10));
    }
    const data = scratch.buffer.subarray(0, entry.size);
    let done = 0;
    while (done < entry.size) {
        const read = (0,external_node_fs_.readSync)(fd, data, done, entry.size - done, entry.offset + done);
        if (read === 0)
            throw new BundleError('unexpected end of file');
        done += read;
    }
    const actionHex = entry.actionID.toString('hex');
    return store.importSync(actionHex, entry.outputID.toString('hex'), data, entry.timeMs);
}
/** Streams a big entry through a put, so it never sits in memory whole. */
async function importLarge(input, entry, store) {
    if (await store.hasAction(entry.actionID))
        return true;
    const writer = store.beginPut(entry.actionID, entry.outputID, entry.size, entry.timeMs);
    try {
        for (let at = 0; at < entry.size; at += READ_CHUNK) {
            const length = Math.min(READ_CHUNK, entry.size - at);
            await writer.write(await readAt(input, entry.offset + at, length));
        }
        await writer.finish();
        return true;
    }
    catch {
        writer.abort();
        return false;
    }
}
async function readAt(input, position, length, into) {
    const buffer = into ? into.subarray(0, length) : Buffer.alloc(length);
    let done = 0;
    while (done < length) {
        const { bytesRead } = await input.read(buffer, done, length - done, position + done);
        if (bytesRead === 0)
            throw new BundleError('unexpected end of file');
        done += bytesRead;
    }
    return buffer;
}

;// CONCATENATED MODULE: ./src/bundle/bundle-writer.ts
// Writes a sealed bundle from files already in the local store, in one streaming pass.




const COPY_CHUNK = 1 << 20;
/** `version` 1 is for tests that check old bundles are still read. */
async function writeBundle(file, sources, version = FORMAT_VERSION) {
    const out = await promises_.open(file, 'wx');
    const hash = (0,external_node_crypto_.createHash)('sha256');
    let position = 0;
    // Small outputs are gathered into one write per MiB: a thread-pool round trip per entry
    // cost more CPU than the copying, on the cores go compiles on.
    const staged = Buffer.allocUnsafe(COPY_CHUNK);
    let stagedBytes = 0;
    const flush = async () => {
        if (stagedBytes === 0)
            return;
        await out.write(staged, 0, stagedBytes, position);
        position += stagedBytes;
        stagedBytes = 0;
    };
    const write = async (data) => {
        hash.update(data);
        if (stagedBytes + data.length > staged.length)
            await flush();
        if (data.length >= staged.length) {
            await out.write(data, 0, data.length, position);
            position += data.length;
            return;
        }
        data.copy(staged, stagedBytes);
        stagedBytes += data.length;
    };
    try {
        const { entries, skipped, tableOffset } = version === FORMAT_V1 ? await writeV1Body(sources, write) : await writeV2Body(sources, write);
        await flush();
        const trailer = encodeTrailer(tableOffset, entries.length, version);
        hash.update(trailer.subarray(0, TRAILER_BYTES - CHECKSUM_OFFSET_FROM_END));
        // The file's own SHA-256 (its name) continues from where the checksum stops.
        const whole = hash.copy();
        const checksum = hash.digest();
        checksum.copy(trailer, TRAILER_BYTES - CHECKSUM_OFFSET_FROM_END);
        const sha256 = whole
            .update(trailer.subarray(TRAILER_BYTES - CHECKSUM_OFFSET_FROM_END))
            .digest('hex');
        await out.write(trailer, 0, trailer.length, position);
        position += trailer.length;
        await out.close();
        return { file, bytes: position, sha256, entries, skipped };
    }
    catch (err) {
        await out.close().catch(() => { });
        await promises_.rm(file, { force: true });
        throw err;
    }
}
/** A file's size; -1 when it cannot be read (gone, or unreadable): left out, never fatal. */
function sizeOf(file) {
    try {
        return external_node_fs_.statSync(file).size;
    }
    catch {
        return -1;
    }
}
/**
 * The table, settled before any data is copied: each output's offset from `dataStart` on,
 * an output shared by several actions once, sources whose file is gone or changed size left
 * out. `copies` are the outputs to copy, in offset order.
 */
async function layOut(sources, dataStart) {
    const skipped = [];
    const present = [];
    for (const source of sources) {
        if (sizeOf(source.path) === source.size)
            present.push(source);
        else
            skipped.push(source);
    }
    const offsets = new Map();
    const copies = [];
    let next = dataStart(present.length);
    const entries = present.map(source => {
        const outputHex = source.outputID.toString('hex');
        let offset = source.size === 0 ? 0 : offsets.get(outputHex);
        if (offset === undefined) {
            offset = next;
            next += source.size;
            offsets.set(outputHex, offset);
            copies.push(source);
        }
        return { ...source, offset };
    });
    return { entries, skipped, copies, dataEnd: next };
}
/** The table already names every copied file: one that changed since cannot be left out. */
async function copyAll(copies, write) {
    const chunk = Buffer.allocUnsafe(COPY_CHUNK);
    for (const source of copies) {
        // The upload fails instead, and its entries stay in the local store.
        if (!(await copyInto(source, chunk, write))) {
            throw new Error(`${source.path} changed while it was bundled`);
        }
    }
}
/** Magic, table and its checksum, then the data. */
async function writeV2Body(sources, write) {
    const { entries, skipped, copies } = await layOut(sources, v2DataOffset);
    const count = Buffer.alloc(4);
    count.writeUInt32BE(entries.length);
    const head = Buffer.concat([START_MAGIC_V2, count, ...entries.map(encodeTableRecord)]);
    await write(head);
    await write((0,external_node_crypto_.createHash)('sha256').update(head).digest());
    await copyAll(copies, write);
    return { entries, skipped, tableOffset: V2_TABLE_OFFSET };
}
/** Magic, data, then the table (the layout earlier releases wrote). */
async function writeV1Body(sources, write) {
    const { entries, skipped, copies, dataEnd } = await layOut(sources, () => MAGIC_BYTES);
    await write(START_MAGIC_V1);
    await copyAll(copies, write);
    for (const entry of entries)
        await write(encodeTableRecord(entry));
    return { entries, skipped, tableOffset: dataEnd };
}
/** Appends one output's bytes; false if its file is gone or not the recorded size. */
async function copyInto(source, chunk, write) {
    if (source.size <= chunk.length) {
        const bytes = readSmall(source, chunk);
        if (!bytes)
            return false;
        await write(bytes);
        return true;
    }
    let input;
    try {
        input = await promises_.open(source.path, 'r');
    }
    catch {
        return false;
    }
    try {
        const { size } = await input.stat();
        if (size !== source.size)
            return false;
        let copied = 0;
        while (copied < size) {
            const { bytesRead } = await input.read(chunk, 0, Math.min(chunk.length, size - copied));
            if (bytesRead === 0)
                throw new Error(`${source.path} shrank while it was bundled`);
            await write(chunk.subarray(0, bytesRead));
            copied += bytesRead;
        }
        return true;
    }
    finally {
        await input.close();
    }
}
/** A small output's bytes in `chunk`, read synchronously (see writeBundle); undefined if not. */
function readSmall(source, chunk) {
    let fd;
    try {
        fd = external_node_fs_.openSync(source.path, 'r');
    }
    catch {
        return undefined;
    }
    try {
        if (external_node_fs_.fstatSync(fd).size !== source.size)
            return undefined;
        let read = 0;
        while (read < source.size) {
            const n = external_node_fs_.readSync(fd, chunk, read, source.size - read, null);
            if (n === 0)
                throw new Error(`${source.path} shrank while it was bundled`);
            read += n;
        }
        return chunk.subarray(0, source.size);
    }
    finally {
        external_node_fs_.closeSync(fd);
    }
}

// EXTERNAL MODULE: ./src/store/local-store.ts + 2 modules
var local_store = __webpack_require__(9754);
;// CONCATENATED MODULE: ./src/util/clock.ts
// The daemon's idea of "now" for what it writes into the cache service (index times, retired
// bundles). GO_CACHE_CLOCK_OFFSET_MS moves it, so that a simulation of weeks of CI against the
// emulator's simulated clock can run in minutes; nothing else sets it.
function now() {
    // Whole ms: index keys and pins are written as integers.
    return Date.now() + Math.round(Number(process.env.GO_CACHE_CLOCK_OFFSET_MS) || 0);
}

// EXTERNAL MODULE: ./src/util/log.ts
var log = __webpack_require__(9906);
// EXTERNAL MODULE: ./src/util/sleep.ts
var sleep = __webpack_require__(7783);
// EXTERNAL MODULE: ./src/checkout/carried-times.ts + 3 modules
var carried_times = __webpack_require__(5456);
;// CONCATENATED MODULE: ./src/remote/cache-index.ts
// The index: which bundle holds each action, in the order the last run first needed them.
// It is saved as its own cache entry at flush; the next job restores it with one request.
// Each action carries how many runs ago this scope last asked for it, so the index forgets
// what Go no longer needs: its size follows the live entries, not the history.

const INDEX_FORMAT = 'go-cache-index';
const INDEX_VERSION = 2;
const ANY_OWNER = '*';
/** The lower time per owner of two pin sets. */
function mergePins(a, b) {
    const merged = { ...a };
    for (const [owner, ms] of Object.entries(b))
        merged[owner] = Math.min(merged[owner] ?? ms, ms);
    return merged;
}
/** An action no run of this scope asked for this many times in a row leaves the index. */
const MAX_IDLE_RUNS = 5;
/** Retired bundles older than this are gone anyway (the service evicts after 7 days unread). */
const RETIRED_KEEP_MS = 8 * 24 * 3_600_000;
const HEX64 = /^[0-9a-f]{64}$/;
const isCount = (n) => Number.isSafeInteger(n) && n >= 0;
/** Parses and checks an index (version 1 is upgraded); throws with a reason. */
function parseIndex(text) {
    const data = JSON.parse(text);
    if (data.format !== INDEX_FORMAT)
        throw new Error('not a go-cache index');
    if (data.version === 1)
        return upgradeV1(data);
    if (data.version !== INDEX_VERSION)
        throw new Error(`index version ${data.version} is unknown`);
    const index = data;
    if (!Array.isArray(index.bundles) || !Array.isArray(index.empty)) {
        throw new Error('index lacks bundles or empty');
    }
    if (typeof index.owner !== 'string' || !Array.isArray(index.retired)) {
        throw new Error('index lacks its owner or retired list');
    }
    const pins = index.pins;
    if (typeof pins !== 'object' || pins === null || !Object.values(pins).every(isCount)) {
        throw new Error('index has bad pins');
    }
    for (const bundle of index.bundles)
        checkBundle(bundle);
    for (const item of index.empty) {
        const ok = Array.isArray(item) && HEX64.test(String(item[0])) && isCount(item[1]) && isCount(item[2]);
        if (!ok)
            throw new Error('index has a malformed empty entry');
    }
    for (const r of index.retired) {
        if (typeof r.key !== 'string' || !isCount(r.bytes) || !isCount(r.ms)) {
            throw new Error('index has a malformed retired bundle');
        }
    }
    // Only a convenience: malformed records are dropped, the index stands.
    if (index.carriedTimes !== undefined)
        index.carriedTimes = (0,carried_times/* validCarriedTimes */.ZI)(index.carriedTimes);
    return index;
}
function checkBundle(bundle) {
    const n = Array.isArray(bundle.actions) ? bundle.actions.length : -1;
    const ok = typeof bundle.key === 'string' &&
        isCount(bundle.bytes) &&
        n >= 0 &&
        bundle.actions.every(a => typeof a === 'string' && HEX64.test(a)) &&
        Array.isArray(bundle.sizes) &&
        bundle.sizes.length === n &&
        bundle.sizes.every(isCount) &&
        Array.isArray(bundle.idle) &&
        bundle.idle.length === n &&
        bundle.idle.every(isCount) &&
        (bundle.owner === undefined || typeof bundle.owner === 'string');
    if (!ok)
        throw new Error('index has a malformed bundle');
}
/** A version-1 index (no sizes, idle counts or owners): every action counts as just used. */
function upgradeV1(data) {
    const bundles = data.bundles;
    const empty = data.empty;
    if (!Array.isArray(bundles) || !Array.isArray(empty)) {
        throw new Error('index lacks bundles or empty');
    }
    const index = {
        format: INDEX_FORMAT,
        version: INDEX_VERSION,
        createdMs: Number(data.createdMs) || 0,
        owner: '',
        // Written before pins existed: it may name anyone's bundles.
        pins: { [ANY_OWNER]: 0 },
        bundles: bundles.map(b => ({
            key: b.key,
            bytes: b.bytes,
            actions: b.actions,
            sizes: (b.actions ?? []).map(() => Math.floor(b.bytes / Math.max(1, b.actions.length))),
            idle: (b.actions ?? []).map(() => 0)
        })),
        empty: empty.map(([a, t]) => [a, t, 0]),
        retired: []
    };
    for (const bundle of index.bundles)
        checkBundle(bundle);
    return index;
}
function serializeIndex(index) {
    return JSON.stringify(index);
}
/** True when the run that saved the index asked for something in the bundle. */
function isHot(bundle) {
    return bundle.idle.some(n => n === 0);
}
/**
 * The index the next run restores: restored bundles aged by one run (actions asked for go
 * back to 0, the rest count up and leave past MAX_IDLE_RUNS; an action this run's bundles hold
 * leaves the old bundle, as after a repack), minus broken ones and ones left with no action,
 * plus this run's bundles, ordered by when this run first needed each. Bundles of this owner
 * that leave are added to the retired list.
 */
function nextIndex(inputs) {
    const { used, owner, nowMs } = inputs;
    const claimed = new Set();
    for (const use of inputs.added)
        for (const action of use.bundle.actions)
            claimed.add(action);
    const retired = inputs.retired.filter(r => r.ms > nowMs - RETIRED_KEEP_MS);
    const retire = (bundle) => {
        if (bundle.owner === owner && !retired.some(r => r.key === bundle.key)) {
            retired.push({ key: bundle.key, bytes: bundle.bytes, ms: nowMs });
        }
    };
    const kept = [];
    for (const use of inputs.restored) {
        // A broken bundle is gone already; nothing to delete.
        if (use.broken)
            continue;
        const aged = ageBundle(use.bundle, used, claimed);
        if (!aged) {
            retire(use.bundle);
            continue;
        }
        kept.push({ ...use, bundle: aged });
    }
    const all = [...kept, ...inputs.added];
    const used1st = all.filter(u => u.firstUse !== undefined);
    used1st.sort((a, b) => a.firstUse - b.firstUse);
    const bundles = [...used1st, ...all.filter(u => u.firstUse === undefined)].map(u => u.bundle);
    // Only pins of owners whose bundles are still named (a bundle named at all came through an
    // index of its owner); anything unknown keeps them all.
    const owners = new Set(bundles.map(b => b.owner ?? ANY_OWNER));
    const pins = {};
    for (const [origin, ms] of Object.entries(inputs.pins)) {
        if (origin === owner)
            continue;
        if (origin === ANY_OWNER || owners.has(origin) || owners.has(ANY_OWNER))
            pins[origin] = ms;
    }
    const empty = [];
    for (const [action, { timeMs, idle }] of inputs.empty) {
        const next = used.has(action) ? 0 : idle + 1;
        if (next <= MAX_IDLE_RUNS)
            empty.push([action, timeMs, next]);
    }
    return {
        format: INDEX_FORMAT,
        version: INDEX_VERSION,
        createdMs: nowMs,
        owner,
        pins,
        bundles,
        empty,
        retired,
        ...(inputs.carriedTimes?.length ? { carriedTimes: inputs.carriedTimes } : {})
    };
}
/** One more run of the bundle's actions; undefined when none is left. */
function ageBundle(bundle, used, claimed) {
    const actions = [];
    const sizes = [];
    const idle = [];
    bundle.actions.forEach((action, i) => {
        if (claimed.has(action))
            return;
        const next = used.has(action) ? 0 : bundle.idle[i] + 1;
        if (next > MAX_IDLE_RUNS)
            return;
        actions.push(action);
        sizes.push(bundle.sizes[i]);
        idle.push(next);
    });
    if (actions.length === 0)
        return undefined;
    return { ...bundle, actions, sizes, idle };
}

// EXTERNAL MODULE: ./src/remote/http-request.ts
var http_request = __webpack_require__(9072);
;// CONCATENATED MODULE: ./src/remote/cleanup.ts
// Deletes, through the REST API, the bundles this scope retired and its superseded indexes,
// once no index anywhere can still name them. The cache service itself only evicts what
// nobody read for 7 days or what falls past the repository's cap; without this a busy
// repository keeps a week of dead bundles and pushes live ones out.
//
// Which index may name which bundle is read from index keys alone (a job cannot download
// other branches' indexes): an index that names bundles of other scopes carries, per such
// owner, the creation time of the oldest index of that owner it derives from. A bundle retired
// by its owner at time T can be named only by indexes that pin that owner below T.



const PAGE = 100;
const MAX_PAGES = 20;
const TIMEOUT_MS = 15_000;
/** Retired bundles wait this long: a job that restored an older index may still fetch them. */
const RETIRE_GRACE_MS = 6 * 3_600_000;
/** Pins in a key: at most this many owners; past it, one pin at the lowest time for all. */
const MAX_KEY_PINS = 8;
/** Owner ids are shortened in keys: a clash only makes a pin stricter than it needs be. */
const KEY_OWNER_CHARS = 8;
class CacheApi {
    target;
    /** REST requests made, for the job's figures. */
    requests = 0;
    constructor(target) {
        this.target = target;
    }
    /** Every cache entry whose key starts with keyPrefix, all refs, oldest pages last. */
    async list(keyPrefix) {
        const all = [];
        for (let page = 1; page <= MAX_PAGES; page++) {
            const query = new URLSearchParams({
                key: keyPrefix,
                per_page: String(PAGE),
                page: String(page),
                sort: 'created_at',
                direction: 'desc'
            });
            const body = (await this.call('GET', `?${query}`));
            const caches = body.actions_caches ?? [];
            for (const c of caches) {
                all.push({
                    id: c.id,
                    ref: c.ref,
                    key: c.key,
                    createdMs: Date.parse(c.created_at),
                    bytes: c.size_in_bytes
                });
            }
            if (caches.length < PAGE)
                break;
        }
        return all;
    }
    /** Deletes the entry `key` of `ref`; false when there was none. */
    async delete(key, ref) {
        const query = new URLSearchParams({ key, ref });
        return (await this.call('DELETE', `?${query}`)) !== undefined;
    }
    async call(method, query) {
        const { apiUrl, repository, token } = this.target;
        const url = new URL(`${apiUrl.replace(/\/+$/, '')}/repos/${repository}/actions/caches${query}`);
        this.requests++;
        const response = await (0,http_request/* request */.E)(url, {
            method,
            timeoutMs: TIMEOUT_MS,
            headers: {
                Accept: 'application/vnd.github+json',
                Authorization: `Bearer ${token}`,
                'User-Agent': 'go-cache-action',
                'X-GitHub-Api-Version': '2022-11-28'
            }
        });
        const text = await (0,http_request/* readText */.y)(response);
        const status = response.statusCode ?? 0;
        if (method === 'DELETE' && status === 404)
            return undefined;
        if (status < 200 || status >= 300) {
            let message = text.slice(0, 200);
            try {
                message = JSON.parse(text).message ?? message;
            }
            catch {
                // not JSON: keep the text
            }
            const hint = status === 403 ? ' (the token needs `actions: write`)' : '';
            throw new Error(`${method} caches: ${status} ${message}${hint}`);
        }
        return text ? JSON.parse(text) : {};
    }
}
/**
 * The key part that carries an index's pins: `-pn` for none, `-p<owner8>.<ms>_…` per owner,
 * or `-pall.<ms>` when there are too many (or an old index pinned everyone).
 */
function pinsPart(pins) {
    const entries = Object.entries(pins);
    if (entries.length === 0)
        return '-pn';
    if (entries.length > MAX_KEY_PINS || ANY_OWNER in pins) {
        return `-pall.${Math.min(...entries.map(([, ms]) => ms))}`;
    }
    return '-p' + entries.map(([owner, ms]) => `${owner.slice(0, KEY_OWNER_CHARS)}.${ms}`).join('_');
}
/**
 * The time below which an index key pins `owner`'s bundles; Infinity when it does not. Keys
 * written before pins existed pin everyone from the start of time.
 */
function pinOfKeyFor(key, owner) {
    // After `<time>-<random>`, before the tag (which has no dashes).
    const m = /-\d+-[0-9a-f]{8}-p([0-9a-z._]+)(?:-[^-]*)?$/.exec(key);
    if (!m)
        return 0;
    if (m[1] === 'n')
        return Infinity;
    const short = owner.slice(0, KEY_OWNER_CHARS);
    let lowest = Infinity;
    for (const pin of m[1].split('_')) {
        const [who, ms] = pin.split('.');
        if (who === 'all' || who === short)
            lowest = Math.min(lowest, Number(ms));
    }
    return Number.isNaN(lowest) ? 0 : lowest;
}
/** True when `key` is an index of exactly this scope (not a narrower one sharing the prefix). */
function isOwnIndexKey(key, ownPrefix) {
    return key.startsWith(ownPrefix) && /^\d+-[0-9a-f]{8}(-|$)/.test(key.slice(ownPrefix.length));
}
/**
 * The lowest pin on `owner` among indexes of other scopes (any ref, or another scope on this
 * ref): bundles this scope retired after it may still be named. Infinity when nothing pins.
 */
function lowestPinOn(indexes, owner, ownPrefix, ownRef) {
    let lowest = Infinity;
    for (const index of indexes) {
        if (index.ref === ownRef && isOwnIndexKey(index.key, ownPrefix))
            continue;
        lowest = Math.min(lowest, pinOfKeyFor(index.key, owner));
    }
    return lowest;
}
function newCleanupStats() {
    return {
        enabled: false,
        restRequests: 0,
        deletedBundles: 0,
        deletedBytes: 0,
        deletedIndexes: 0,
        waitingBundles: 0,
        deletableBundles: 0,
        deletableBytes: 0
    };
}
/** One scope's clean-up at flush. Failures end the clean-up with a note, never the job. */
class ScopeCleanup {
    options;
    stats;
    api;
    /** Indexes listed at the first deletion, reused for the older-index pass. */
    listed;
    constructor(options, stats) {
        this.options = options;
        this.stats = stats;
        const target = options.target;
        if (target?.token && options.ref) {
            this.api = new CacheApi({ ...target, token: target.token });
            stats.enabled = true;
        }
    }
    /** Deletes what it may of `retired`; returns the bundles still to delete later. */
    async deleteRetired(retired, nowMs) {
        const due = retired.filter(r => r.ms <= nowMs - RETIRE_GRACE_MS);
        this.stats.waitingBundles = retired.length - due.length;
        if (!this.api) {
            this.stats.deletableBundles = due.length;
            this.stats.deletableBytes = due.reduce((n, r) => n + r.bytes, 0);
            return retired;
        }
        const left = new Set(retired);
        try {
            const family = /^go-cache-[a-z]*index-/.exec(this.options.indexPrefix)?.[0] ?? 'go-cache-';
            this.listed = await this.api.list(family);
            const { owner, indexPrefix, ref } = this.options;
            const pin = lowestPinOn(this.listed, owner, indexPrefix, ref);
            let budget = MAX_DELETES_PER_JOB;
            for (const r of due) {
                if (r.ms > pin) {
                    this.stats.waitingBundles++;
                    continue;
                }
                if (budget-- <= 0)
                    break;
                // Gone already (evicted, or deleted by a job that restored the same index): done too.
                if (await this.api.delete(r.key, this.options.ref)) {
                    this.stats.deletedBundles++;
                    this.stats.deletedBytes += r.bytes;
                }
                left.delete(r);
            }
        }
        catch (err) {
            this.fail(err);
        }
        finally {
            this.stats.restRequests = this.api.requests;
        }
        return [...left];
    }
    /** After this scope saved a new index: its indexes made before `savedMs` are dead weight. */
    async deleteOlderIndexes(savedMs) {
        if (!this.api || !this.listed)
            return;
        try {
            for (const index of this.listed) {
                if (index.ref !== this.options.ref)
                    continue;
                if (!isOwnIndexKey(index.key, this.options.indexPrefix))
                    continue;
                // The key's time is the saver's clock, the same clock as savedMs.
                if (Number(/^(\d+)-/.exec(index.key.slice(this.options.indexPrefix.length))?.[1]) >= savedMs) {
                    continue;
                }
                if (await this.api.delete(index.key, index.ref))
                    this.stats.deletedIndexes++;
            }
        }
        catch (err) {
            this.fail(err);
        }
        finally {
            this.stats.restRequests = this.api.requests;
            this.listed = undefined;
        }
    }
    fail(err) {
        const message = err instanceof Error ? err.message : String(err);
        this.stats.error ??= message;
        (0,log/* log */.Rm)('warn', `cache clean-up stopped: ${message}`);
    }
}
/** REST deletions per job at most: a token's budget is 1,000 requests an hour. */
const MAX_DELETES_PER_JOB = 100;

// EXTERNAL MODULE: ./src/remote/index-key.ts
var index_key = __webpack_require__(2560);
;// CONCATENATED MODULE: ./src/remote/compaction.ts
// Which restored bundles a job repacks at flush. A job downloads whole bundles, so a bundle
// that mixes entries Go still asks for with entries it stopped asking for costs bytes on every
// run. Repacking moves the entries this run used into new hot bundles (prefetched next time).
// The rest stay where they are, in a bundle that is now cold (downloaded only if a get asks),
// unless they are less than half of it: then they move into new cold bundles too and the old
// bundle leaves the index, which so keeps no bundle that is mostly dead weight. Re-uploading
// entries nobody asked for costs the job time in post, so a split does it only then. The
// work is bounded per job and happens at flush, after the build.


/** A hot bundle whose used bytes are below this share of its size gets split. */
const HOT_SHARE = 0.75;
/** Live entries nobody asked for move out of a bundle only when they are below this share. */
const LIVE_SHARE = 0.5;
/** Hot bundles smaller than this share of a full bundle are merged, when there are several. */
const SMALL_SHARE = 0.25;
const MIN_SMALL_TO_MERGE = 3;
/** At most this many full bundles' worth of entries move per job (rate limit, time). */
const REPACK_BUDGET_BUNDLES = 2;
/**
 * candidates: restored bundles whose every entry is in the local store now (downloaded and
 * unpacked this job). used: actions Go asked for. claimed: actions this job's new bundles hold.
 */
function planRepack(candidates, used, claimed, bundleBytes) {
    const measured = candidates.map(use => measure(use, used, claimed));
    const waste = (m) => m.payload - (m.hotBytes > 0 ? m.hotBytes : m.liveBytes);
    const sparse = measured
        .filter(m => m.hotBytes > 0 ? m.hotBytes < HOT_SHARE * m.payload : m.liveBytes < LIVE_SHARE * m.payload)
        .sort((a, b) => waste(b) - waste(a));
    const small = measured
        .filter(m => m.hotBytes > 0 && m.use.bundle.bytes < SMALL_SHARE * bundleBytes)
        .filter(m => !sparse.includes(m))
        .sort((a, b) => a.use.bundle.bytes - b.use.bundle.bytes);
    const chosen = [...sparse, ...(small.length >= MIN_SMALL_TO_MERGE ? small : [])];
    const plan = { sources: [], hot: [], cold: new Map() };
    let moved = 0;
    for (const m of chosen) {
        // The cold entries stay behind unless the bundle would then be mostly dead weight.
        const coldMoves = m.liveBytes - m.hotBytes < LIVE_SHARE * m.payload;
        const moving = coldMoves ? m.liveBytes : m.hotBytes;
        if (plan.sources.length > 0 && moved + moving > REPACK_BUDGET_BUNDLES * bundleBytes)
            continue;
        plan.sources.push(m.use);
        moved += moving;
        const { actions, idle } = m.use.bundle;
        actions.forEach((action, i) => {
            if (claimed.has(action))
                return;
            if (used.has(action))
                plan.hot.push(action);
            else if (coldMoves && idle[i] + 1 <= MAX_IDLE_RUNS)
                plan.cold.set(action, idle[i] + 1);
        });
    }
    return plan;
}
function measure(use, used, claimed) {
    let hotBytes = 0;
    let liveBytes = 0;
    const { actions, sizes, idle } = use.bundle;
    actions.forEach((action, i) => {
        if (claimed.has(action))
            return;
        if (used.has(action)) {
            hotBytes += sizes[i];
            liveBytes += sizes[i];
        }
        else if (idle[i] + 1 <= MAX_IDLE_RUNS) {
            liveBytes += sizes[i];
        }
    });
    // Version 1's framing is 36 bytes smaller: close enough for an estimate.
    const framing = v2DataOffset(actions.length) + TRAILER_BYTES;
    return { use, hotBytes, liveBytes, payload: Math.max(1, use.bundle.bytes - framing) };
}
/**
 * A debug line per bundle the repack could take (downloaded this job, this scope's own), in a
 * job that saves: why a steady re-run does or does not repack. "moves" is the plan; the
 * repack still leaves the bundles be if an entry is gone from the local store. The share is
 * the one the plan compares with HOT_SHARE.
 */
function describeUse(use, used, claimed, chosen) {
    const { key, bytes, actions, idle } = use.bundle;
    const { hotBytes, payload } = measure(use, used, claimed);
    let usedNow = 0;
    let usedBefore = 0;
    let usedBoth = 0;
    actions.forEach((action, i) => {
        const now = used.has(action);
        if (now)
            usedNow++;
        if (idle[i] === 0)
            usedBefore++;
        if (now && idle[i] === 0)
            usedBoth++;
    });
    return (`repack ${chosen.includes(use) ? 'moves' : 'keeps'} bundle ${key.slice(-12)}: ` +
        `${actions.length} entries, ${bytes} bytes, used now ${usedNow} ` +
        `(${((100 * hotBytes) / payload).toFixed(0)}% of its payload), ` +
        `used by the run before ${usedBefore}, by both ${usedBoth}`);
}

;// CONCATENATED MODULE: ./src/bundle/bundle-digest.ts
// A bundle's checksum taken from its bytes as they are written, so a downloaded bundle need
// not be read back and hashed again before it is unpacked (SHA-256 costs about 0.7 s of CPU
// per GiB here, on the cores go compiles on). The checksum covers all but the file's last
// CHECKSUM_OFFSET_FROM_END bytes, and a stream does not say where it ends: the last bytes
// seen are held back until more arrive.


const HOLD = CHECKSUM_OFFSET_FROM_END;
class BundleDigest {
    hash = (0,external_node_crypto_.createHash)('sha256');
    tail = Buffer.alloc(0);
    /** Bytes seen: the digest stands for a file of exactly this size. */
    bytes = 0;
    update(chunk) {
        this.bytes += chunk.length;
        if (chunk.length >= HOLD) {
            this.hash.update(this.tail);
            this.hash.update(chunk.subarray(0, chunk.length - HOLD));
            // A copy: the stream may reuse the chunk's memory once it is written.
            this.tail = Buffer.from(chunk.subarray(chunk.length - HOLD));
            return;
        }
        const joined = Buffer.concat([this.tail, chunk]);
        const keep = Math.min(HOLD, joined.length);
        this.hash.update(joined.subarray(0, joined.length - keep));
        this.tail = joined.subarray(joined.length - keep);
    }
    /** The SHA-256 of every byte seen but the last CHECKSUM_OFFSET_FROM_END; call it once. */
    digest() {
        return this.hash.digest();
    }
}

;// CONCATENATED MODULE: ./src/bundle/bundle-stream.ts
// Unpacks a version-2 bundle while it downloads. Its table arrives first, under its own
// SHA-256, so every entry can go into the local store as soon as its last byte is in: go
// waits for one entry, not for the whole bundle, and the bundle is never written to disk and
// read back. Every byte is checked once: the head by the table's checksum, the data by each
// entry's OutputID (the outputs must tile it exactly), the trailer by its fields. The
// trailer's whole-file checksum would hash every byte a second time, on the cores go compiles
// on, to learn nothing more, so it is left to readers of a bundle file.


/** A table bigger than this is a damaged count, not a bundle (about 760,000 entries). */
const MAX_TABLE_BYTES = 64 << 20;
/**
 * An output spread over chunks and no bigger than this is copied together in memory, then
 * stored in one step; a bigger one is written to its file piece by piece as it comes. Several
 * downloads stream at once, and a std archive of 8 MiB held whole by each showed in the
 * daemon's peak memory.
 */
const GATHERED_OUTPUT_LIMIT = 1 << 20;
/** Whether a stream that starts with `head` (its first bytes) is a bundle this unpacks. */
function streamsAsV2(head) {
    return head.length >= MAGIC_BYTES && head.subarray(0, MAGIC_BYTES).equals(START_MAGIC_V2);
}
class BundleStreamUnpacker {
    store;
    onStored;
    /** Entries now in the local store (new ones and ones it already had). */
    unpacked = [];
    /** Entries whose bytes did not hash to their OutputID: left out. */
    corrupt = 0;
    head = [];
    headBytes = 0;
    headNeeded = V2_TABLE_OFFSET;
    entries;
    segments = [];
    segment = 0;
    /** The current segment's bytes so far (small segments), or its import (big ones). */
    buffer;
    filled = 0;
    importing;
    trailer = [];
    trailerBytes = 0;
    constructor(store, 
    /** Called as each entry is in the store (stored now, or there already). */
    onStored) {
        this.store = store;
        this.onStored = onStored;
    }
    async write(chunk) {
        let at = 0;
        while (at < chunk.length) {
            if (!this.entries) {
                const take = Math.min(this.headNeeded - this.headBytes, chunk.length - at);
                this.head.push(Buffer.from(chunk.subarray(at, at + take)));
                this.headBytes += take;
                at += take;
                if (this.headBytes === this.headNeeded)
                    this.readHead();
            }
            else if (this.segment < this.segments.length) {
                at += this.feed(chunk.subarray(at));
            }
            else {
                const take = chunk.length - at;
                if (this.trailerBytes + take > TRAILER_BYTES)
                    throw new BundleError('bytes after the end');
                this.trailer.push(Buffer.from(chunk.subarray(at)));
                this.trailerBytes += take;
                at += take;
            }
        }
    }
    /**
     * Checks that the stream ended with the trailer it should have and that every entry was
     * whole; throws if not, and the bundle leaves the index as a damaged file would.
     */
    finish() {
        if (!this.entries || this.segment < this.segments.length || this.trailerBytes < TRAILER_BYTES) {
            throw new BundleError('the bundle ended early (truncated?)');
        }
        const trailer = decodeTrailer(Buffer.concat(this.trailer));
        const fits = trailer.version === FORMAT_V2 &&
            trailer.tableOffset === V2_TABLE_OFFSET &&
            trailer.count === this.entries.length;
        if (!fits)
            throw new BundleError('the trailer does not match the head');
        if (this.corrupt > 0) {
            throw new BundleError(`${this.corrupt} entries did not hash to their OutputID`);
        }
    }
    readHead() {
        const head = Buffer.concat(this.head);
        this.head = [];
        if (this.headNeeded === V2_TABLE_OFFSET) {
            if (!streamsAsV2(head))
                throw new BundleError('not a version 2 bundle (bad magic)');
            const tableBytes = head.readUInt32BE(MAGIC_BYTES) * TABLE_RECORD_BYTES;
            if (tableBytes > MAX_TABLE_BYTES)
                throw new BundleError('an impossible entry count');
            this.head = [head];
            this.headNeeded = v2DataOffset(tableBytes / TABLE_RECORD_BYTES);
            return;
        }
        const tableEnd = head.length - HEAD_CHECKSUM_BYTES;
        const checksum = (0,external_node_crypto_.createHash)('sha256').update(head.subarray(0, tableEnd)).digest();
        if (!checksum.equals(head.subarray(tableEnd)))
            throw new BundleError('table checksum mismatch');
        const entries = [];
        for (let at = V2_TABLE_OFFSET; at < tableEnd; at += TABLE_RECORD_BYTES) {
            entries.push(decodeTableRecord(head.subarray(at, at + TABLE_RECORD_BYTES)));
        }
        this.segments = segmentsOf(entries, head.length);
        this.entries = entries;
        for (const entry of entries) {
            if (entry.size === 0)
                this.importWhole(entry, Buffer.alloc(0));
        }
    }
    /** Takes the current segment's next bytes from `data`; returns how many it took. */
    feed(data) {
        const segment = this.segments[this.segment];
        const take = Math.min(segment.size - this.filled, data.length);
        const part = data.subarray(0, take);
        if (this.filled === 0 && take === segment.size) {
            // The whole output is in this chunk: no copy.
            this.buffer = part;
        }
        else if (segment.size > GATHERED_OUTPUT_LIMIT) {
            const outputHex = segment.entries[0].outputID.toString('hex');
            this.importing ??= this.store.beginImportSync(outputHex, segment.size);
            this.importing.write(part);
        }
        else {
            this.buffer ??= Buffer.allocUnsafe(segment.size);
            part.copy(this.buffer, this.filled);
        }
        this.filled += take;
        if (this.filled === segment.size)
            this.endSegment(segment);
        return take;
    }
    /** Drops an output half written when the download stops (the bundle failed). */
    discard() {
        this.importing?.abort();
        this.importing = undefined;
    }
    endSegment(segment) {
        if (this.importing) {
            const actions = segment.entries.map(entry => ({
                actionHex: entry.actionID.toString('hex'),
                timeMs: entry.timeMs
            }));
            const whole = this.importing.finish(actions);
            this.importing = undefined;
            for (const entry of segment.entries) {
                if (whole)
                    this.stored(entry);
                else
                    this.corrupt++;
            }
        }
        else {
            for (const entry of segment.entries)
                this.importWhole(entry, this.buffer);
        }
        this.buffer = undefined;
        this.filled = 0;
        this.segment++;
    }
    importWhole(entry, data) {
        const actionHex = entry.actionID.toString('hex');
        if (this.store.importSync(actionHex, entry.outputID.toString('hex'), data, entry.timeMs)) {
            this.stored(entry);
        }
        else
            this.corrupt++;
    }
    stored(entry) {
        this.unpacked.push(entry);
        this.onStored?.(entry);
    }
}
/**
 * The outputs in the order their bytes come: they must tile the data from its start with no
 * gap or overlap, the writer's layout, or the table is not one this can stream.
 */
function segmentsOf(entries, dataStart) {
    const byOffset = new Map();
    for (const entry of entries) {
        if (entry.size === 0)
            continue;
        const segment = byOffset.get(entry.offset);
        if (!segment)
            byOffset.set(entry.offset, { offset: entry.offset, size: entry.size, entries: [entry] });
        else if (segment.size === entry.size)
            segment.entries.push(entry);
        else
            throw new BundleError('two entries share an offset but not a size');
    }
    const segments = [...byOffset.values()].sort((a, b) => a.offset - b.offset);
    let next = dataStart;
    for (const segment of segments) {
        if (segment.offset !== next)
            throw new BundleError('the entries do not tile the data');
        next += segment.size;
    }
    return segments;
}

;// CONCATENATED MODULE: ./src/remote/bundle-intake.ts
// Where a bundle's bytes go as they download. A version-2 bundle is unpacked into the local
// store on the way in (bundle-stream.ts); anything else (a version-1 bundle from an older
// release of this action, or bytes that are no bundle at all) is written to a file, with its
// checksum taken on the way, and checked and unpacked from there once it is whole.




class BundleIntake {
    store;
    file;
    onStored;
    /** Set once the first bytes showed a bundle that unpacks as it streams. */
    streamed;
    /** The digest of what went to `file`, when the bytes went there. */
    digest = new BundleDigest();
    /** Bytes taken, whichever way they went. */
    bytes = 0;
    /** A first chunk shorter than the magic, copied (the stream may reuse it). */
    first;
    output;
    constructor(store, 
    /** Written only when the bundle does not stream. */
    file, onStored) {
        this.store = store;
        this.file = file;
        this.onStored = onStored;
    }
    async write(chunk) {
        this.bytes += chunk.length;
        if (this.streamed)
            return this.streamed.write(chunk);
        if (this.output)
            return this.toFile(chunk);
        const head = this.first ? Buffer.concat([this.first, chunk]) : chunk;
        if (head.length < MAGIC_BYTES) {
            this.first = Buffer.from(head);
            return;
        }
        this.first = undefined;
        if (streamsAsV2(head)) {
            this.streamed = new BundleStreamUnpacker(this.store, this.onStored);
            await this.streamed.write(head);
        }
        else {
            this.output = await promises_.open(this.file, 'w');
            await this.toFile(head);
        }
    }
    /** Ends the file, if the bytes went to one (also a stream too short to tell). */
    async close() {
        this.streamed?.discard();
        if (!this.streamed && !this.output && this.first) {
            this.output = await promises_.open(this.file, 'w');
            await this.toFile(this.first);
        }
        await this.output?.close();
    }
    /** Whether a file was written for the caller to check and unpack. */
    get wroteFile() {
        return this.output !== undefined;
    }
    async toFile(chunk) {
        await this.output.write(chunk);
        this.digest.update(chunk);
    }
}

;// CONCATENATED MODULE: ./src/remote/download-queue.ts
// Runs bundle downloads a few at a time, in prefetch order, and lets a get that is waiting
// for a bundle jump to the front of the line.
class DownloadQueue {
    concurrency;
    load;
    waiting = [];
    results = new Map();
    resolvers = new Map();
    active = 0;
    constructor(concurrency, load) {
        this.concurrency = concurrency;
        this.load = load;
    }
    /** Queues an item at the back (prefetch); returns the promise of its outcome. */
    enqueue(item) {
        let result = this.results.get(item);
        if (!result) {
            result = new Promise(resolve => this.resolvers.set(item, resolve));
            this.results.set(item, result);
            this.waiting.push(item);
            this.pump();
        }
        return result;
    }
    /** Queues or moves an item to the front: someone is waiting for it now. */
    urgent(item) {
        const result = this.enqueue(item);
        const at = this.waiting.indexOf(item);
        if (at > 0) {
            this.waiting.splice(at, 1);
            this.waiting.unshift(item);
        }
        return result;
    }
    /** Once an item's outcome is known, forgets it and queues the item again at the back. */
    retry(item) {
        if (!this.resolvers.has(item))
            this.results.delete(item);
        return this.enqueue(item);
    }
    pump() {
        // Start on the next tick so that an urgent() right after enqueue() can reorder first.
        queueMicrotask(() => {
            while (this.active < this.concurrency && this.waiting.length > 0) {
                const item = this.waiting.shift();
                this.active++;
                this.load(item)
                    .catch(() => false)
                    .then(ok => {
                    this.active--;
                    this.resolvers.get(item)?.(ok);
                    this.resolvers.delete(item);
                    this.pump();
                });
            }
        });
    }
}

;// CONCATENATED MODULE: ./src/remote/remote-stats.ts

function newRemoteStats(backend) {
    return {
        backend,
        indexKey: null,
        indexState: 'pending',
        bundlesInIndex: 0,
        bundlesDownloaded: 0,
        bytesDownloaded: 0,
        bundlesUploaded: 0,
        bytesUploaded: 0,
        indexUploaded: false,
        requests: 0,
        failedRequests: 0,
        rateLimited: 0,
        remoteHits: 0,
        prefetchHits: 0,
        networkWaitMs: 0,
        fetchMs: 0,
        checkMs: 0,
        unpackMs: 0,
        bundlesCheckedOnArrival: 0,
        corruptBundles: 0,
        corruptEntries: 0,
        remoteHitBytes: 0,
        bundlesUsed: 0,
        coldBundles: 0,
        bundlesRepacked: 0,
        bytesRepacked: 0,
        indexBytesRestored: 0,
        indexBytesSaved: 0,
        cleanup: newCleanupStats()
    };
}

;// CONCATENATED MODULE: ./src/remote/uploader.ts
// Uploads with bounded concurrency and one backoff shared by all of them: when the service
// says "429, retry after N s", every upload waits, not only the one that was refused.

const MAX_ATTEMPTS = 6;
const ERROR_RETRIES = 2;
class Uploader {
    backend;
    stats;
    concurrency;
    backoffUntil = 0;
    active = 0;
    slotWaiters = [];
    constructor(backend, stats, concurrency) {
        this.backend = backend;
        this.stats = stats;
        this.concurrency = concurrency;
    }
    /** Uploads until saved or found existing; throws when the service keeps refusing. */
    async upload(key, file, kind) {
        let errors = 0;
        for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            await this.acquire();
            let result;
            try {
                // Checked with the slot held: an upload that queued for a slot before a 429 arrived
                // must still wait out the Retry-After, not spend an attempt into the same limit.
                for (let wait; (wait = this.backoffUntil - Date.now()) > 0;)
                    await (0,sleep/* sleep */.y)(wait);
                this.stats.requests++;
                result = await this.backend.upload(key, file, kind, () => void this.stats.requests++);
            }
            catch (err) {
                this.stats.failedRequests++;
                if (++errors > ERROR_RETRIES)
                    throw err;
                await (0,sleep/* sleep */.y)(250 * 2 ** errors);
                continue;
            }
            finally {
                this.release();
            }
            if (result.status !== 'rate-limited')
                return result;
            this.stats.rateLimited++;
            this.backoffUntil = Math.max(this.backoffUntil, Date.now() + result.retryAfterMs);
        }
        throw new Error(`${key}: still rate-limited after ${MAX_ATTEMPTS} attempts`);
    }
    async acquire() {
        while (this.active >= this.concurrency) {
            await new Promise(resolve => this.slotWaiters.push(resolve));
        }
        this.active++;
    }
    release() {
        this.active--;
        this.slotWaiters.shift()?.();
    }
}

;// CONCATENATED MODULE: ./src/remote/remote-cache.ts
// The remote tier: restores the index, prefetches and unpacks bundles into the local store,
// packs new puts into bundles and uploads them, and saves a new index at flush.
// Every failure here becomes a miss or a warning: the build never waits on a broken service.

















const DEFAULT_BUNDLE_BYTES = 32 * 2 ** 20;
/**
 * Bundles downloaded at once. With three, a job of five bundles fetched them in two waves,
 * the second starting only once the first had landed, a request's latency later; six take
 * the usual job in one wave and keep the link busy. Each stream holds little memory: its
 * decoder's window and at most one output of 1 MiB being gathered (bundle-stream.ts).
 */
const DEFAULT_DOWNLOAD_CONCURRENCY = 6;
const DEFAULT_INDEX_WAIT_MS = 5000;
/** A bundle whose download failed is tried once more, this long after, with a fresh URL. */
const DOWNLOAD_RETRY_DELAY_MS = 500;
class RemoteCache {
    store;
    options;
    stats;
    /** The restored index's file times (see checkout/carried-times.ts), for main. */
    restoredCarriedTimes = [];
    restored = [];
    added = [];
    bundleOf = new Map();
    empty = new Map();
    /** Actions Go asked for this job (hits of any tier, and puts): the index ages the rest. */
    used = new Set();
    /** Sizes of restored entries, for the bytes of entries served from bundles. */
    entrySize = new Map();
    /** From the restored index: see CacheIndex.pins. */
    restoredPins = {};
    /** Bundles this scope retired and has not deleted yet. */
    retired = [];
    repacked = false;
    /**
     * Hot bundles of an index borrowed from a sibling scope (another leg's, another job's),
     * held back until a get finds anything in that index: a leg whose keys all differ (other
     * build tags, say) would download every bundle and use none of them. An index of this very
     * scope saved on another branch (a pull request's first run finds its base branch's) is
     * prefetched at once, as the job's own is: it is the same job's last run.
     */
    deferred;
    /**
     * Bumped by whatever makes the next index differ from the last one saved: a bundle
     * uploaded, an empty output learnt, a restored bundle found broken. Every save names all of
     * this job's bundles (`added` is never cleared), so a later save is never worse than an
     * earlier one; it only happens when something changed since.
     */
    changes = 0;
    savedChanges = 0;
    markStarted;
    started = new Promise(resolve => (this.markStarted = resolve));
    /** Prefetches of this job's own hot bundles, started: what prefetchDone() waits for. */
    prefetches = [];
    /** Hot bundles waiting for holdPrefetch's gate; a get that needs one fetches it at once. */
    gated;
    /** Flushes run one at a time: two must never build indexes from the same state at once. */
    flushChain = Promise.resolve();
    /** Actions unpacked from bundles and not yet asked for: their first get is a prefetch hit. */
    prefetched = new Set();
    useCounter = 0;
    open = [];
    openBytes = 0;
    openFirstUse = 0;
    openActions = new Set();
    uploads = new Set();
    downloads;
    uploader;
    warned = new Set();
    countExtra = () => void this.stats.requests++;
    owner;
    cleanup;
    indexReady = Promise.resolve();
    indexSettled = true;
    /** Set when the service could not be reached at all: the job goes on with local only. */
    down = false;
    constructor(store, options) {
        this.store = store;
        this.options = options;
        this.stats = newRemoteStats(options.backend.name);
        this.downloads = new DownloadQueue(options.downloadConcurrency ?? DEFAULT_DOWNLOAD_CONCURRENCY, state => this.download(state));
        this.uploader = new Uploader(options.backend, this.stats, options.uploadConcurrency ?? 2);
        this.owner = (0,index_key/* ownerId */.fj)(options.ref ?? '', options.indexPrefix);
        this.cleanup = new ScopeCleanup({
            target: options.cleanup,
            indexPrefix: options.indexPrefix,
            ref: options.ref ?? '',
            owner: this.owner
        }, this.stats.cleanup);
    }
    /** Restores the index and starts prefetching; gets wait for the index, not the bundles. */
    start() {
        this.indexSettled = false;
        this.indexReady = this.restoreIndex().finally(() => (this.indexSettled = true));
        this.markStarted();
    }
    /** Settles once the index is restored or given up on. It may be asked for before start(). */
    async indexRestored() {
        await this.started;
        await this.indexReady;
    }
    /**
     * Settles once the index is restored and the prefetches it started have ended (downloaded,
     * or failed): all the bundles a job of this scope used last time are in. It may be asked
     * for before start().
     */
    async prefetchDone() {
        await this.started;
        await this.indexReady;
        await Promise.allSettled(this.prefetches);
    }
    /**
     * Holds prefetching back until `gate` settles or `maxWaitMs` passes, whichever is first.
     * Gets are not held: a bundle a get needs is fetched at once. Call before start().
     */
    holdPrefetch(gate, maxWaitMs) {
        this.gated = [];
        let timer;
        const limit = new Promise(resolve => {
            timer = setTimeout(resolve, maxWaitMs);
            timer.unref();
        });
        void Promise.race([gate.catch(() => { }), limit]).then(() => {
            clearTimeout(timer);
            const held = this.gated ?? [];
            this.gated = undefined;
            for (const state of held)
                this.prefetch(state);
        });
    }
    /** After a local miss: brings the entry from its bundle; true if the store now has it. */
    async fetch(actionID) {
        const actionHex = actionID.toString('hex');
        const waitStart = Date.now();
        try {
            if (!this.indexSettled)
                await this.waitForIndex();
            const empty = this.empty.get(actionHex);
            if (empty !== undefined) {
                this.startDeferred();
                this.store.importSync(actionHex, local_store.EMPTY_HEX, Buffer.alloc(0), empty.timeMs);
                this.stats.remoteHits++;
                this.used.add(actionHex);
                return true;
            }
            const state = this.bundleOf.get(actionHex);
            if (!state)
                return false;
            this.touch(state.use);
            this.startDeferred();
            await this.entryLanded(state, actionHex);
            this.prefetched.delete(actionHex);
            if (!state.unpacked.has(actionHex))
                return false;
            this.stats.remoteHits++;
            this.stats.remoteHitBytes += this.entrySize.get(actionHex) ?? 0;
            this.used.add(actionHex);
            return true;
        }
        finally {
            this.stats.networkWaitMs += Date.now() - waitStart;
        }
    }
    /**
     * Waits for one entry rather than its whole bundle: the unpacker takes wanted entries
     * first, so go waits for a download and one file, not for hundreds of siblings.
     */
    entryLanded(state, actionHex) {
        const attempt = this.downloads.urgent(state);
        if (state.unpacked.has(actionHex))
            return Promise.resolve();
        const landed = new Promise(resolve => {
            const waiting = state.waiters.get(actionHex);
            if (waiting)
                waiting.push(resolve);
            else
                state.waiters.set(actionHex, [resolve]);
        });
        state.wanted.push(actionHex);
        return Promise.race([landed, attempt]);
    }
    async waitForIndex() {
        let timer;
        const limit = new Promise(resolve => {
            timer = setTimeout(resolve, this.options.indexWaitMs ?? DEFAULT_INDEX_WAIT_MS);
        });
        await Promise.race([this.indexReady, limit]);
        clearTimeout(timer);
    }
    /**
     * After a local hit: counts prefetch hits and notes which bundles this run used. True when
     * the entry is one a bundle brought this job (its first use).
     */
    noteLocalHit(actionID) {
        const actionHex = actionID.toString('hex');
        this.used.add(actionHex);
        const state = this.bundleOf.get(actionHex);
        if (state)
            this.touch(state.use);
        if (!this.prefetched.delete(actionHex))
            return false;
        this.stats.remoteHits++;
        this.stats.prefetchHits++;
        this.stats.remoteHitBytes += this.entrySize.get(actionHex) ?? 0;
        return true;
    }
    /** After a put landed in the local store: adds it to the open bundle. */
    recordPut(entry) {
        if (this.options.readOnly || this.down)
            return;
        const actionHex = entry.actionID.toString('hex');
        this.used.add(actionHex);
        if (entry.size === 0) {
            if (this.empty.get(actionHex) === undefined)
                this.changes++;
            this.empty.set(actionHex, { timeMs: entry.timeMs, idle: 0 });
            return;
        }
        if (this.openActions.has(actionHex))
            return;
        if (this.open.length === 0)
            this.openFirstUse = ++this.useCounter;
        this.open.push(entry);
        this.openActions.add(actionHex);
        this.openBytes += entry.size;
        if (this.openBytes >= this.options.bundleBytes)
            this.seal();
    }
    /** Uploads the open bundle and everything pending, then a new index if anything changed. */
    flush() {
        const run = this.flushChain.then(() => this.flushOnce());
        this.flushChain = run.catch(() => { });
        return run;
    }
    async flushOnce() {
        await this.indexReady;
        if (this.options.readOnly || this.down)
            return this.stats;
        // Only a job that saves an index anyway repacks: a re-run that changed nothing uploads
        // nothing.
        const saving = this.open.length > 0 || this.uploads.size > 0 || this.changes > this.savedChanges;
        if (this.open.length > 0)
            this.seal();
        if (!this.repacked && saving) {
            this.repacked = true;
            await this.repack();
        }
        while (this.uploads.size > 0)
            await Promise.all([...this.uploads]);
        const changes = this.changes;
        // An index restored from a relative (a sibling leg, a broader scope) is saved under this
        // job's own scope even when nothing is new, so the next run finds its own.
        const borrowed = this.stats.indexKey !== null &&
            this.fromRelative(this.stats.indexKey) &&
            !this.stats.indexUploaded;
        if (changes === this.savedChanges && !borrowed)
            return this.stats;
        const carriedTimes = await this.options.carriedTimes?.().catch((err) => {
            (0,log/* log */.Rm)('info', `file times not carried: ${err.message}`);
            return undefined;
        });
        const nowMs = now();
        const index = nextIndex({
            carriedTimes,
            restored: this.restored.map(state => state.use),
            added: this.added,
            empty: this.empty,
            used: this.used,
            owner: this.owner,
            pins: this.restoredPins,
            retired: this.retired,
            nowMs
        });
        index.retired = await this.cleanup.deleteRetired(index.retired, nowMs);
        const file = this.store.tmpPath();
        try {
            const text = serializeIndex(index);
            await promises_.writeFile(file, text);
            const tag = this.options.indexTag ? `-${this.options.indexTag}` : '';
            const random = (0,external_node_crypto_.randomBytes)(4).toString('hex');
            const key = `${this.options.indexPrefix}${nowMs}-${random}${pinsPart(index.pins)}${tag}`;
            await this.uploader.upload(key, file, 'index');
            this.stats.indexUploaded = true;
            this.stats.indexBytesSaved = text.length;
            this.savedChanges = changes;
            this.retired = index.retired;
            await this.cleanup.deleteOlderIndexes(nowMs);
        }
        catch (err) {
            this.warn('index', `could not save the cache index: ${err.message}`);
        }
        finally {
            await promises_.rm(file, { force: true });
        }
        return this.stats;
    }
    async restoreIndex() {
        const file = this.store.tmpPath();
        const prefixes = [this.options.indexPrefix, ...(this.options.fallbackPrefixes ?? [])];
        let key;
        try {
            key = await this.withOneRetry(() => this.options.backend.restoreNewest(prefixes, file, this.countExtra));
        }
        catch (err) {
            this.stats.failedRequests++;
            // Unreachable or failing on the first request: stop asking, so that uploads and
            // downloads do not each wait out their own retries.
            this.down = true;
            this.stats.indexState = 'unreachable';
            this.warn('index', `cannot reach the remote cache; local cache only: ${errorText(err)}`);
            await promises_.rm(file, { force: true });
            return;
        }
        try {
            if (!key) {
                this.stats.indexState = 'none';
                (0,log/* log */.Rm)('info', `no cache index under ${prefixes.join(', ')}: starting empty`);
                return;
            }
            const text = await promises_.readFile(file, 'utf8');
            const index = parseIndex(text);
            this.stats.indexKey = key;
            this.stats.indexState = 'restored';
            this.stats.indexBytesRestored = text.length;
            this.stats.bundlesInIndex = index.bundles.length;
            this.restoredCarriedTimes = index.carriedTimes ?? [];
            if (index.owner === this.owner) {
                this.restoredPins = index.pins;
                this.retired = index.retired;
            }
            else {
                // Borrowed: its bundles are another owner's, as old as that index at least.
                this.restoredPins = mergePins(index.pins, { [index.owner || ANY_OWNER]: index.createdMs });
                if (this.fromRelative(key))
                    this.deferred = [];
            }
            const times = new Map();
            for (const [actionHex, timeMs, idle] of index.empty) {
                this.empty.set(actionHex, { timeMs, idle });
                times.set(actionHex, timeMs);
            }
            // About a third of a job's gets are empty outputs: let the bridges answer them now.
            this.store.vouchForEmpty(times);
            for (const bundle of index.bundles)
                this.addRestoredBundle(bundle);
            (0,log/* log */.Rm)('info', `restored index ${key}: ${index.bundles.length} bundles (${this.stats.coldBundles} cold: fetched only if asked for)`);
        }
        catch (err) {
            this.stats.indexState = 'unreadable';
            this.warn('index', `ignoring the unreadable cache index ${key}: ${errorText(err)}`);
        }
        finally {
            await promises_.rm(file, { force: true });
        }
    }
    /** Whether an index key is a relative scope's (a sibling leg's, a broader one's), not ours. */
    fromRelative(key) {
        return !key.startsWith(this.options.indexPrefix);
    }
    /** The index gates every bundle: one failed download of it is worth a second try. */
    async withOneRetry(request) {
        this.stats.requests++;
        try {
            return await request();
        }
        catch (err) {
            this.stats.failedRequests++;
            (0,log/* log */.Rm)('info', `index restore failed, retrying once: ${errorText(err)}`);
            await (0,sleep/* sleep */.y)(500);
            this.stats.requests++;
            return await request();
        }
    }
    addRestoredBundle(bundle) {
        const state = {
            use: { bundle },
            unpacked: new Set(),
            wanted: [],
            waiters: new Map()
        };
        this.restored.push(state);
        bundle.actions.forEach((actionHex, i) => {
            if (this.bundleOf.has(actionHex))
                return;
            this.bundleOf.set(actionHex, state);
            this.entrySize.set(actionHex, bundle.sizes[i]);
        });
        // Cold bundles (nothing in them was asked for last run) wait for a get that needs them.
        if (!isHot(bundle))
            this.stats.coldBundles++;
        else if (this.deferred)
            this.deferred.push(state);
        else if (this.gated)
            this.gated.push(state);
        else
            this.prefetch(state);
    }
    prefetch(state) {
        this.prefetches.push(this.downloads.enqueue(state));
    }
    /** The borrowed index proved useful: prefetch its hot bundles now. */
    startDeferred() {
        if (!this.deferred)
            return;
        const held = this.deferred;
        this.deferred = undefined;
        if (held.length > 0)
            (0,log/* log */.Rm)('info', `a get hit the borrowed index: prefetching ${held.length} bundles`);
        for (const state of held)
            void this.downloads.enqueue(state);
    }
    async download(state) {
        const { key } = state.use.bundle;
        const t0 = Date.now();
        const intake = new BundleIntake(this.store, this.store.tmpPath(), entry => this.landed(state, entry.actionID.toString('hex')));
        try {
            this.stats.requests++;
            let found;
            try {
                found = await this.options.backend.download(key, intake, this.countExtra);
            }
            finally {
                await intake.close();
            }
            if (!found) {
                this.markBroken(state);
                this.warn('download', `bundle ${key} is no longer in the cache (evicted?): its entries are misses`);
                return false;
            }
            this.stats.bundlesDownloaded++;
            this.stats.bytesDownloaded += intake.bytes;
            const corrupt = intake.streamed
                ? this.finishStreamed(key, intake.streamed, intake.bytes, t0)
                : await this.unpackFile(state, intake, t0);
            this.stats.corruptEntries += corrupt;
            state.downloaded = true;
            return true;
        }
        catch (err) {
            if (err instanceof BundleError)
                this.stats.corruptBundles++;
            else
                this.stats.failedRequests++;
            if (!(err instanceof BundleError) && !state.retried) {
                // A transfer cut short, or a signed URL that expired on the way, may well work the
                // second time: each backend download asks for a fresh URL. The get waiting now takes
                // a miss rather than waiting twice; later gets find the bundle re-queued.
                state.retried = true;
                (0,log/* log */.Rm)('info', `bundle ${key} download failed, trying once more: ${errorText(err)}`);
                setTimeout(() => void this.downloads.retry(state), DOWNLOAD_RETRY_DELAY_MS).unref();
                return false;
            }
            this.markBroken(state);
            this.warn('download', `bundle ${key} rejected, its entries are misses: ${errorText(err)}`);
            return false;
        }
        finally {
            // Whoever still waits gets a miss (or, after a retry, waits on the next attempt).
            for (const waiting of state.waiters.values())
                for (const release of waiting)
                    release();
            state.waiters.clear();
            state.wanted.length = 0;
            if (intake.wroteFile)
                await promises_.rm(intake.file, { force: true });
        }
    }
    /** A bundle unpacked as it arrived: checks its end; returns the corrupt entries' count. */
    finishStreamed(key, streamed, size, t0) {
        streamed.finish();
        const ms = Date.now() - t0;
        this.stats.bundlesCheckedOnArrival++;
        this.stats.fetchMs += ms;
        (0,log/* log */.Rm)('debug', `bundle ${key}: ${streamed.unpacked.length} entries, ${size} bytes; fetched and unpacked ` +
            `as it arrived in ${ms} ms; in at ${process.uptime().toFixed(2)} s of the daemon's life`);
        return streamed.corrupt;
    }
    /** A bundle that went to a file (version 1): checked, then unpacked, wanted entries first. */
    async unpackFile(state, intake, t0) {
        const { key } = state.use.bundle;
        const { file, digest } = intake;
        const size = intake.bytes;
        const t1 = Date.now();
        // The intake hashed the bytes as it wrote them: no second pass over the file.
        this.stats.bundlesCheckedOnArrival++;
        const entries = await readBundleTable(file, digest);
        const t2 = Date.now();
        const { corrupt } = await unpackBundle(file, entries, this.store, {
            wanted: state.wanted,
            onStored: entry => this.landed(state, entry.actionID.toString('hex'))
        });
        const t3 = Date.now();
        this.stats.fetchMs += t1 - t0;
        this.stats.checkMs += t2 - t1;
        this.stats.unpackMs += t3 - t2;
        (0,log/* log */.Rm)('debug', `bundle ${key}: ${entries.length} entries, ${size} bytes; fetched ${t1 - t0} ms, checked ${t2 - t1} ms` +
            ` (hashed as it arrived), unpacked ${t3 - t2} ms; ` +
            `in at ${process.uptime().toFixed(2)} s of the daemon's life`);
        return corrupt;
    }
    /**
     * Splits restored bundles that mix what Go asks for with what it stopped asking for (see
     * compaction.ts). An old bundle keeps the entries that did not move, as a cold bundle, or
     * leaves the index when none is left (nextIndex drops what the new bundles claim).
     */
    async repack() {
        // A matrix that already meets the rate limit must not add to it.
        if (this.stats.rateLimited > 0)
            return;
        const claimed = new Set(this.openActions);
        for (const use of this.added)
            for (const action of use.bundle.actions)
                claimed.add(action);
        // Only its own: another scope's bundles (a pull request's base) would be copied into this
        // scope, which cannot delete the originals.
        const candidates = this.restored
            .filter(s => s.downloaded && !s.use.broken && s.use.bundle.owner === this.owner)
            .map(s => s.use);
        const plan = planRepack(candidates, this.used, claimed, this.options.bundleBytes);
        if ((0,log/* logs */.K9)('debug')) {
            for (const use of candidates)
                (0,log/* log */.Rm)('debug', describeUse(use, this.used, claimed, plan.sources));
        }
        if (plan.sources.length === 0)
            return;
        const hot = await this.entrySources(plan.hot);
        const cold = await this.entrySources([...plan.cold.keys()]);
        // An entry gone from the local store (trimmed) would be lost: leave these bundles be.
        if (!hot || !cold)
            return (0,log/* log */.Rm)('debug', 'repack skipped: an entry is no longer on disk');
        const firstUses = plan.sources.map(u => u.firstUse).filter(n => n !== undefined);
        const firstUse = firstUses.length > 0 ? Math.min(...firstUses) : undefined;
        this.stats.bundlesRepacked += plan.sources.length;
        for (const group of [hot, cold]) {
            for (const chunk of chunks(group, this.options.bundleBytes)) {
                this.stats.bytesRepacked += chunk.reduce((n, e) => n + e.size, 0);
                this.queueUpload(chunk, group === hot ? firstUse : undefined, plan.cold);
            }
        }
    }
    async entrySources(actions) {
        const sources = [];
        for (const actionHex of actions) {
            const record = await this.store.record(actionHex);
            if (!record)
                return undefined;
            if (record.size === 0)
                continue;
            sources.push({
                actionID: Buffer.from(actionHex, 'hex'),
                outputID: Buffer.from(record.outputHex, 'hex'),
                size: record.size,
                timeMs: record.timeMs,
                path: this.store.outputPath(record.outputHex)
            });
        }
        return sources;
    }
    landed(state, actionHex) {
        state.unpacked.add(actionHex);
        this.prefetched.add(actionHex);
        const waiting = state.waiters.get(actionHex);
        if (!waiting)
            return;
        state.waiters.delete(actionHex);
        for (const release of waiting)
            release();
    }
    /** The next index must forget it: Go rebuilt what it held, into this job's bundles. */
    markBroken(state) {
        if (state.use.broken)
            return;
        state.use.broken = true;
        this.changes++;
    }
    touch(use) {
        if (use.firstUse !== undefined)
            return;
        use.firstUse = ++this.useCounter;
        this.stats.bundlesUsed++;
    }
    seal() {
        const sources = this.open;
        const firstUse = this.openFirstUse;
        this.open = [];
        this.openBytes = 0;
        this.openActions.clear();
        this.queueUpload(sources, firstUse);
    }
    queueUpload(sources, firstUse, idle) {
        const task = this.uploadBundle(sources, firstUse, idle).finally(() => this.uploads.delete(task));
        this.uploads.add(task);
    }
    /** idle: idle counts of repacked cold entries; new entries count 0. */
    async uploadBundle(sources, firstUse, idleOf) {
        const file = this.store.tmpPath();
        try {
            const written = await writeBundle(file, sources);
            if (written.entries.length === 0)
                return;
            const key = `go-cache-bundle-${written.sha256}`;
            const result = await this.uploader.upload(key, file, 'bundle');
            if (result.status === 'saved') {
                this.stats.bundlesUploaded++;
                this.stats.bytesUploaded += written.bytes;
            }
            const bundle = {
                key,
                bytes: written.bytes,
                actions: [],
                sizes: [],
                idle: [],
                owner: this.owner
            };
            const seen = new Set();
            for (const entry of written.entries) {
                const actionHex = entry.actionID.toString('hex');
                if (seen.has(actionHex))
                    continue;
                seen.add(actionHex);
                bundle.actions.push(actionHex);
                bundle.sizes.push(entry.size);
                bundle.idle.push(idleOf?.get(actionHex) ?? 0);
            }
            this.added.push({ bundle, firstUse });
            this.changes++;
        }
        catch (err) {
            // The entries stay in the local store; only later jobs lose them.
            this.warn('upload', `could not upload a bundle of ${sources.length} entries: ${errorText(err)}`);
        }
        finally {
            await promises_.rm(file, { force: true });
        }
    }
    /** One warning per topic: a dead service must not flood the log. */
    warn(topic, message) {
        if (this.warned.has(topic))
            return (0,log/* log */.Rm)('info', message);
        this.warned.add(topic);
        (0,log/* log */.Rm)('warn', message);
    }
}
/** Splits entries into groups of about `bytes` each. */
function chunks(entries, bytes) {
    const out = [];
    let current = [];
    let size = 0;
    for (const entry of entries) {
        current.push(entry);
        size += entry.size;
        if (size >= bytes) {
            out.push(current);
            current = [];
            size = 0;
        }
    }
    if (current.length > 0)
        out.push(current);
    return out;
}
function errorText(err) {
    return err instanceof Error ? err.message : String(err);
}


/***/ }),

/***/ 7783:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   y: () => (/* binding */ sleep)
/* harmony export */ });
function sleep(ms) {
    return new Promise(resolve => setTimeout(resolve, ms));
}


/***/ })

};
