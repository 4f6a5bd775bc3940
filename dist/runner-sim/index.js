import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ // The require scope
/******/ var __nccwpck_require__ = {};
/******/ 
/************************************************************************/
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
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  fi: () => (/* reexport */ commitAll),
  e4: () => (/* reexport */ freshClone),
  zY: () => (/* reexport */ initRepository),
  r6: () => (/* reexport */ runSimulatedJob),
  fk: () => (/* reexport */ runnerNode),
  MO: () => (/* reexport */ setContentTimes),
  sJ: () => (/* reexport */ startEmulator)
});

;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: external "node:url"
const external_node_url_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");
;// CONCATENATED MODULE: ./src/runner-sim/action-metadata.ts
// Reads the input defaults of action.yml the way the runner applies them. Only what our
// action.yml uses is understood: plain scalars and the `${{ toJSON(matrix) }}` expression.

function inputDefaults(actionYml, matrix) {
    const defaults = {};
    let inInputs = false;
    let current;
    for (const line of external_node_fs_namespaceObject.readFileSync(actionYml, 'utf8').split(/\r?\n/)) {
        if (/^\S/.test(line))
            inInputs = line.startsWith('inputs:');
        if (!inInputs)
            continue;
        const name = /^ {2}([\w-]+):\s*$/.exec(line);
        if (name)
            current = name[1];
        const value = /^ {4}default:\s*(.*)$/.exec(line);
        if (value && current)
            defaults[current] = evaluate(unquote(value[1].trim()), matrix);
    }
    return defaults;
}
function unquote(text) {
    if (text.startsWith("'") && text.endsWith("'"))
        return text.slice(1, -1).replace(/''/g, "'");
    if (text.startsWith('"') && text.endsWith('"'))
        return JSON.parse(text);
    return text;
}
function evaluate(text, matrix) {
    if (!text.includes('${{'))
        return text;
    if (/^\$\{\{\s*toJSON\(matrix\)\s*\}\}$/.test(text))
        return JSON.stringify(matrix ?? null, null, 2);
    throw new Error(`the runner simulation cannot evaluate ${text}`);
}

;// CONCATENATED MODULE: ./src/runner-sim/checkout.ts
// What actions/checkout gives a job on a hosted runner: a fresh, shallow clone, every file
// written now. Reusing one workspace across simulated jobs would keep the file times of the
// first checkout and hide what a new checkout does to Go's test cache.



/** Fixed author and dates: the same files give the same commit, wherever it is made. */
const GIT_ENV = {
    GIT_AUTHOR_NAME: 'fixture',
    GIT_AUTHOR_EMAIL: 'fixture@example.com',
    GIT_COMMITTER_NAME: 'fixture',
    GIT_COMMITTER_EMAIL: 'fixture@example.com',
    GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z',
    GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z'
};
function git(cwd, args) {
    return (0,external_node_child_process_namespaceObject.execFileSync)('git', args, {
        cwd,
        env: { ...process.env, ...GIT_ENV },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe']
    });
}
/** Makes dir a repository whose one commit holds everything in it; returns dir. */
function initRepository(dir) {
    git(dir, ['init', '-q', '-b', 'main']);
    commitAll(dir, 'fixture');
    return dir;
}
/** Commits every change in repository (a new state for the next fresh clone). */
function commitAll(repository, message) {
    git(repository, ['add', '-A']);
    git(repository, ['commit', '-q', '--allow-empty', '-m', message]);
}
/** Removes workspace and clones repository into it, depth 1 (actions/checkout's default). */
function freshClone(repository, workspace) {
    external_node_fs_namespaceObject.rmSync(workspace, { recursive: true, force: true });
    git(process.cwd(), ['clone', '-q', '--depth', '1', (0,external_node_url_namespaceObject.pathToFileURL)(repository).href, workspace]);
}

;// CONCATENATED MODULE: ./src/runner-sim/file-commands.ts
// The runner's file commands (GITHUB_ENV, GITHUB_OUTPUT, GITHUB_STATE): `name=value` lines and
// `name<<DELIMITER` … `DELIMITER` blocks, as @actions/core writes them.

function readFileCommands(file) {
    const values = {};
    let text = '';
    try {
        text = external_node_fs_namespaceObject.readFileSync(file, 'utf8');
    }
    catch {
        return values;
    }
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        const block = /^([^=]+?)<<(.+)$/.exec(line);
        if (block) {
            const [, name, delimiter] = block;
            const value = [];
            while (++i < lines.length && lines[i] !== delimiter)
                value.push(lines[i]);
            if (i >= lines.length)
                throw new Error(`${file}: ${name} has no closing ${delimiter}`);
            values[name] = value.join('\n');
            continue;
        }
        const eq = line.indexOf('=');
        if (eq > 0)
            values[line.slice(0, eq)] = line.slice(eq + 1);
    }
    return values;
}

;// CONCATENATED MODULE: ./src/runner-sim/tracked-processes.ts
// After a job the runner kills every process still carrying the job's RUNNER_TRACKING_ID.
// Doing the same tells whether the action leaves anything behind.

/** Kills the processes whose environment holds RUNNER_TRACKING_ID=id; returns how many. */
function killTrackedProcesses(id) {
    if (process.platform !== 'linux')
        return 0;
    let killed = 0;
    for (const pid of external_node_fs_namespaceObject.readdirSync('/proc').filter(name => /^\d+$/.test(name))) {
        let environ;
        try {
            environ = external_node_fs_namespaceObject.readFileSync(`/proc/${pid}/environ`, 'utf8');
        }
        catch {
            continue;
        }
        if (!environ.split('\0').includes(`RUNNER_TRACKING_ID=${id}`))
            continue;
        try {
            process.kill(Number(pid), 'SIGKILL');
            killed++;
        }
        catch {
            // Already gone.
        }
    }
    return killed;
}

;// CONCATENATED MODULE: ./src/runner-sim/simulated-job.ts
// Runs one CI job the way a GitHub runner would run a workflow that uses this action:
// the action's main step, then `go` steps with the environment the runner gives `run:` steps,
// then the post step (always), with the runner's files and variables. Tests, `npm run demo`
// and the benchmark use it, so they exercise exactly what users run.










async function runSimulatedJob(options) {
    const jobDir = options.jobDir ?? external_node_fs_namespaceObject.mkdtempSync(external_node_path_namespaceObject.join(external_node_os_namespaceObject.tmpdir(), 'go-cache-job-'));
    if (options.checkout)
        freshClone(options.checkout, options.workspace);
    const runnerTemp = external_node_path_namespaceObject.join(jobDir, 'runner-temp');
    external_node_fs_namespaceObject.mkdirSync(runnerTemp, { recursive: true });
    const files = {
        env: external_node_path_namespaceObject.join(runnerTemp, '_runner_file_commands', 'set_env'),
        state: external_node_path_namespaceObject.join(runnerTemp, '_runner_file_commands', 'save_state'),
        path: external_node_path_namespaceObject.join(runnerTemp, '_runner_file_commands', 'add_path')
    };
    external_node_fs_namespaceObject.mkdirSync(external_node_path_namespaceObject.dirname(files.env), { recursive: true });
    for (const file of Object.values(files))
        external_node_fs_namespaceObject.writeFileSync(file, '');
    const machineEnv = withoutServiceVariables(options.env ?? process.env);
    const ref = options.ref ?? 'refs/heads/main';
    const trackingId = `github_${(0,external_node_crypto_namespaceObject.randomUUID)()}`;
    const runnerEnv = {
        CI: 'true',
        GITHUB_ACTIONS: 'true',
        GITHUB_WORKSPACE: options.workspace,
        GITHUB_REF: ref,
        GITHUB_REF_NAME: ref.replace(/^refs\/(heads|tags)\//, ''),
        GITHUB_EVENT_NAME: ref.startsWith('refs/pull/') ? 'pull_request' : 'push',
        GITHUB_BASE_REF: options.baseRef ?? '',
        GITHUB_JOB: options.job ?? 'build',
        GITHUB_REPOSITORY: 'example/go-project',
        GITHUB_RUN_ID: String(Date.now()),
        RUNNER_TEMP: runnerTemp,
        RUNNER_OS: { linux: 'Linux', darwin: 'macOS', win32: 'Windows' }[process.platform] ?? 'Linux',
        RUNNER_ARCH: process.arch === 'arm64' ? 'ARM64' : 'X64',
        RUNNER_TRACKING_ID: trackingId,
        GOCACHE: external_node_path_namespaceObject.join(jobDir, 'go-build'),
        // A fresh runner has no modules either, unless the caller keeps a module cache on purpose.
        GOMODCACHE: options.env?.GOMODCACHE ?? external_node_path_namespaceObject.join(jobDir, 'go-mod')
    };
    const inputs = {
        ...inputDefaults(external_node_path_namespaceObject.join(options.actionDir, 'action.yml'), options.matrix),
        ...options.inputs
    };
    const inputEnv = Object.fromEntries(Object.entries(inputs).map(([name, value]) => [
        `INPUT_${name.replace(/ /g, '_').toUpperCase()}`,
        value
    ]));
    const node = options.node ?? runnerNode();
    const outputs = {};
    let summary = '';
    const warnings = [];
    /** One step: fresh GITHUB_OUTPUT and GITHUB_STEP_SUMMARY, the env the runner builds. */
    const step = async (name, command, extraEnv) => {
        const stepFiles = {
            GITHUB_OUTPUT: external_node_path_namespaceObject.join(runnerTemp, '_runner_file_commands', `output_${(0,external_node_crypto_namespaceObject.randomUUID)()}`),
            GITHUB_STEP_SUMMARY: external_node_path_namespaceObject.join(runnerTemp, '_runner_file_commands', `summary_${(0,external_node_crypto_namespaceObject.randomUUID)()}`)
        };
        for (const file of Object.values(stepFiles))
            external_node_fs_namespaceObject.writeFileSync(file, '');
        const env = {
            ...machineEnv,
            ...runnerEnv,
            ...readFileCommands(files.env),
            ...extraEnv,
            ...stepFiles,
            GITHUB_ENV: files.env,
            GITHUB_STATE: files.state,
            GITHUB_PATH: files.path
        };
        const result = await run(name, command, env, options.workspace);
        Object.assign(outputs, readFileCommands(stepFiles.GITHUB_OUTPUT));
        summary += external_node_fs_namespaceObject.readFileSync(stepFiles.GITHUB_STEP_SUMMARY, 'utf8');
        warnings.push(...annotations(result.stdout));
        return result;
    };
    const actionEnv = { ...inputEnv, ...options.service };
    const main = await step('main', [node, external_node_path_namespaceObject.join(options.actionDir, 'dist/main/index.js')], actionEnv);
    const exported = readFileCommands(files.env);
    const steps = [];
    // A failed go step ends the job's steps, as in a workflow; post runs anyway (always()).
    for (const goStep of options.steps) {
        if ('call' in goStep) {
            await goStep.call({ state: readFileCommands(files.state), exported });
            continue;
        }
        const result = await step(goStep.name ?? `go ${goStep.go.join(' ')}`, ['go', ...goStep.go], {});
        steps.push(result);
        if (result.exitCode !== 0)
            break;
    }
    const stateEnv = Object.fromEntries(Object.entries(readFileCommands(files.state)).map(([name, value]) => [`STATE_${name}`, value]));
    const post = await step('post', [node, external_node_path_namespaceObject.join(options.actionDir, 'dist/post/index.js')], {
        ...actionEnv,
        ...stateEnv
    });
    const leftoverProcesses = killTrackedProcesses(trackingId);
    const stepsMs = steps.reduce((sum, s) => sum + s.ms, 0);
    return {
        main,
        steps,
        post,
        outputs,
        exported,
        summary,
        warnings,
        jobDir,
        leftoverProcesses,
        timings: { mainMs: main.ms, stepsMs, postMs: post.ms, totalMs: main.ms + stepsMs + post.ms }
    };
}
/** The runner gives ACTIONS_* only to JavaScript actions, never to `run:` steps. */
function withoutServiceVariables(env) {
    const clean = {};
    for (const [name, value] of Object.entries(env)) {
        if (value !== undefined &&
            !name.startsWith('ACTIONS_') &&
            !name.startsWith('INPUT_') &&
            name !== 'GOCACHEPROG') {
            clean[name] = value;
        }
    }
    return clean;
}
function annotations(stdout) {
    return stdout
        .split('\n')
        .filter(line => /^::(warning|error)( [^:]*)?::/.test(line))
        .map(line => line.trim());
}
function run(name, command, env, cwd) {
    const start = process.hrtime.bigint();
    return new Promise(resolve => {
        const child = (0,external_node_child_process_namespaceObject.spawn)(command[0], command.slice(1), {
            cwd,
            env,
            stdio: ['ignore', 'pipe', 'pipe']
        });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (text) => (stdout += text));
        child.stderr.setEncoding('utf8').on('data', (text) => (stderr += text));
        const done = (exitCode) => resolve({ name, exitCode, stdout, stderr, ms: Number(process.hrtime.bigint() - start) / 1e6 });
        child.on('error', err => {
            stderr += err.message;
            done(127);
        });
        child.on('close', code => done(code ?? 1));
    });
}
/** The runner's node24 (action.yml's `using`); its zlib has the zstd the direct transfers use. */
const RUNNER_NODE_MAJOR = 24;
/**
 * The runner runs this action on node24, whatever node started the simulation: this process's
 * node when it is 24 or later, else the one this project pins (the `node` package). A job run
 * on an older node would take other paths (no zstd: every transfer through @actions/cache).
 */
function runnerNode() {
    if (Number(process.versions.node.split('.')[0]) >= RUNNER_NODE_MAJOR)
        return process.execPath;
    // Two levels under the project root: src/runner-sim/ or dist/runner-sim/.
    const root = external_node_path_namespaceObject.resolve(external_node_path_namespaceObject.dirname((0,external_node_url_namespaceObject.fileURLToPath)(import.meta.url)), '..', '..');
    // On Windows the `node` package's bin/node is a placeholder text file beside node.exe.
    const binary = process.platform === 'win32' ? 'node.exe' : 'node';
    const pinned = external_node_path_namespaceObject.join(root, 'node_modules', 'node', 'bin', binary);
    if (external_node_fs_namespaceObject.existsSync(pinned))
        return pinned;
    process.stderr.write(`runner-sim: ${process.version} runs the action (no node ${RUNNER_NODE_MAJOR} at ${pinned})\n`);
    return process.execPath;
}

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
function timeFromId(hex) {
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
    return (0,external_node_crypto_namespaceObject.createHash)('sha1').update(lines.join('\0')).digest('hex');
}

;// CONCATENATED MODULE: ./src/checkout/git-index.ts
// What git knows about a work tree, read with two commands whatever its size: the index
// (every tracked path with its mode and blob id) and the paths that differ from it.

/** Runs git in cwd; `input`, when given, is its stdin. */
function runGit(args, cwd, input) {
    return new Promise((resolve, reject) => {
        const child = (0,external_node_child_process_namespaceObject.spawn)('git', args, {
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
function parseIndex(stdout) {
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
function notARepository(result) {
    return result.code !== 0 && /not a git repository/i.test(result.stderr);
}
/** `git ls-files -s -v -z` below cwd; `-v` tags assume-unchanged entries in lower case. */
const LIST_INDEX = ['ls-files', '-s', '-v', '-z'];
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
const LIST_MODIFIED = [
    'diff-files',
    '--name-only',
    '--relative',
    '--ignore-submodules=all',
    '-z'
];
function parsePaths(stdout) {
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
        if (!external_node_fs_namespaceObject.statSync(workspace).isDirectory())
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
            report.derivedIds.set(external_node_path_namespaceObject.join(root, entry.path), entry.id);
        }
    }
    // A directory's time is safe whatever it holds: Go hashes its listing (each name and
    // entry's stat) along with it, so untracked or modified entries still count.
    for (const [dir, id] of directoryIds(entries)) {
        if (setTime(root, dir, id, report)) {
            report.dirs++;
            report.derivedIds.set(external_node_path_namespaceObject.join(root, dir), id);
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
        external_node_fs_namespaceObject.lutimesSync(external_node_path_namespaceObject.join(root, relative), time, time);
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
        return external_node_fs_namespaceObject.readdirSync(workspace, { withFileTypes: true })
            .filter(entry => entry.isDirectory() && external_node_fs_namespaceObject.existsSync(external_node_path_namespaceObject.join(workspace, entry.name, '.git')))
            .map(entry => external_node_path_namespaceObject.join(workspace, entry.name))
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

;// CONCATENATED MODULE: external "node:http"
const external_node_http_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");
;// CONCATENATED MODULE: ./src/emulator/signing.ts
// Signed blob URLs shaped like Azure SAS URLs (sv, sr, sp, se, sig) so the Azure SDK and the
// client's secret masking (it masks `sig`) treat them as the real ones.

const ACCOUNT = 'devstoreaccount1';
const CONTAINER = 'actions-cache';
const SAS_VERSION = '2025-07-05';
function signature(secret, blob, sp, se) {
    return (0,external_node_crypto_namespaceObject.createHmac)('sha256', secret).update(`${blob}\n${sp}\n${se}`).digest('base64');
}
function signBlobUrl(baseUrl, secret, blob, sp, expiresAtMs) {
    const se = new Date(Math.ceil(expiresAtMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    const url = new URL(`${ACCOUNT}/${CONTAINER}/${blob}`, baseUrl);
    url.searchParams.set('sv', SAS_VERSION);
    url.searchParams.set('sr', 'b');
    url.searchParams.set('sp', sp);
    url.searchParams.set('se', se);
    url.searchParams.set('sig', signature(secret, blob, sp, se));
    return url.href;
}
/** Checks the SAS of a request to blob for the permission it needs; undefined when good. */
function checkSas(secret, blob, query, needed, nowMs) {
    const sp = query.get('sp') ?? '';
    const se = query.get('se') ?? '';
    const sig = query.get('sig') ?? '';
    const expected = Buffer.from(signature(secret, blob, sp, se));
    const given = Buffer.from(sig);
    if (given.length !== expected.length || !(0,external_node_crypto_namespaceObject.timingSafeEqual)(given, expected)) {
        return {
            code: 'AuthenticationFailed',
            message: 'Signature did not match. String to sign used was the blob, sp and se.'
        };
    }
    const expiry = Date.parse(se);
    if (!(expiry > nowMs)) {
        return {
            code: 'AuthenticationFailed',
            message: `Signed expiry time [${se}] must be after signed start time [${new Date(nowMs).toISOString()}]`
        };
    }
    if (![...needed].every(p => sp.includes(p))) {
        return {
            code: 'AuthorizationPermissionMismatch',
            message: 'This request is not authorized to perform this operation using this permission.'
        };
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/emulator/faults.ts
// Fault injection: seeded random faults (the *Rate knobs) and queued "the next N fail" faults.
const TWIRP_METHODS = [
    'CreateCacheEntry',
    'FinalizeCacheEntryUpload',
    'GetCacheEntryDownloadURL'
];
const KINDS = new Set([
    'api',
    ...TWIRP_METHODS.map(m => `api:${m}`),
    'blob-put',
    'blob-get',
    'download-reset',
    'download-truncate',
    'download-expire',
    'expired-url',
    'rest'
]);
class FaultError extends Error {
}
function validateFault(spec) {
    if (typeof spec !== 'object' || spec === null)
        throw new FaultError('fault must be an object');
    const { kind, count = 1, status, afterBytes } = spec;
    if (typeof kind !== 'string' || !KINDS.has(kind)) {
        throw new FaultError(`fault kind must be one of ${[...KINDS].join(', ')}`);
    }
    const isCount = (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
    if (!isCount(count))
        throw new FaultError('count must be a non-negative integer');
    if (status !== undefined && !(isCount(status) && status >= 400)) {
        throw new FaultError('status must be an HTTP error status (>= 400)');
    }
    if (afterBytes !== undefined && !isCount(afterBytes)) {
        throw new FaultError('afterBytes must be a non-negative integer');
    }
    return {
        kind: kind,
        count: count,
        status: status,
        afterBytes: afterBytes
    };
}
/** mulberry32: tiny, fast and good enough to make fault sequences reproducible. */
function prng(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
class Faults {
    random;
    queue = [];
    constructor(seed) {
        this.random = prng(seed);
    }
    reseed(seed) {
        this.random = prng(seed);
    }
    force(spec) {
        const fault = validateFault(spec);
        if (fault.count > 0)
            this.queue.push(fault);
    }
    pending() {
        return this.queue.map(f => ({ ...f }));
    }
    clear() {
        this.queue = [];
    }
    /** Consumes one queued fault of the first listed kind that has one. */
    take(...kinds) {
        for (const kind of kinds) {
            const i = this.queue.findIndex(f => f.kind === kind);
            if (i < 0)
                continue;
            const f = this.queue[i];
            if (--f.count === 0)
                this.queue.splice(i, 1);
            return { kind: f.kind, status: f.status, afterBytes: f.afterBytes };
        }
        return undefined;
    }
    /** True with probability rate; draws from the seeded sequence only when rate > 0. */
    roll(rate) {
        return rate > 0 && this.random() < rate;
    }
}

;// CONCATENATED MODULE: ./src/emulator/stats.ts
// Counters served by GET /_emulator/stats.

const BLOB_OPS = ['putBlob', 'putBlock', 'putBlockList', 'get', 'head', 'other'];
/** REST API calls: the cache list, the two deletes, and anything else under /repos/. */
const REST_OPS = ['list', 'deleteByKey', 'deleteById', 'other'];
function emptyStats() {
    const zeros = (keys) => Object.fromEntries(keys.map(k => [k, 0]));
    return {
        api: zeros([...TWIRP_METHODS, 'unknownMethod']),
        blob: zeros(BLOB_OPS),
        rest: zeros(['requests', ...REST_OPS]),
        status: {},
        statusByOperation: {},
        bytesUploaded: 0,
        bytesDownloaded: 0,
        entriesCreated: 0,
        entriesEvicted: 0,
        entriesDeleted: 0,
        cacheHits: 0,
        cacheMisses: 0,
        rateLimited: 0,
        unauthenticated: 0,
        sasRefused: 0,
        injected: {
            apiErrors: 0,
            blobErrors: 0,
            downloadResets: 0,
            downloadTruncations: 0,
            downloadExpiries: 0,
            expiredUrls: 0,
            restErrors: 0
        }
    };
}
function countStatus(stats, op, status) {
    stats.status[status] = (stats.status[status] ?? 0) + 1;
    const byOp = (stats.statusByOperation[op] ??= {});
    byOp[status] = (byOp[status] ?? 0) + 1;
}

;// CONCATENATED MODULE: ./src/emulator/blob-answer.ts
// How the blob endpoints answer: Azure's request headers on every response, and Azure's XML
// error bodies with x-ms-error-code.



function etag(mtimeMs) {
    return `"0x8D${Math.round(mtimeMs * 1000)
        .toString(16)
        .toUpperCase()}"`;
}
class Answer {
    ctx;
    res;
    op;
    requestId = (0,external_node_crypto_namespaceObject.randomUUID)();
    constructor(ctx, res, op) {
        this.ctx = ctx;
        this.res = res;
        this.op = op;
    }
    head(status, headers = {}) {
        countStatus(this.ctx.stats, this.op, status);
        this.res.writeHead(status, {
            'x-ms-request-id': this.requestId,
            'x-ms-version': SAS_VERSION,
            Date: new Date(this.ctx.now()).toUTCString(),
            ...headers
        });
    }
    ok(status, headers = {}) {
        this.head(status, { 'Content-Length': 0, ...headers });
        this.res.end();
    }
    error(status, code, message, headers = {}) {
        const text = '<?xml version="1.0" encoding="utf-8"?><Error>' +
            `<Code>${code}</Code><Message>${message}\nRequestId:${this.requestId}\n` +
            `Time:${new Date(this.ctx.now()).toISOString()}</Message></Error>`;
        this.head(status, {
            'Content-Type': 'application/xml',
            'Content-Length': Buffer.byteLength(text),
            'x-ms-error-code': code,
            ...headers
        });
        this.res.end(text);
        this.ctx.log(`blob ${this.op} ${status} ${code}`);
    }
}

;// CONCATENATED MODULE: ./src/emulator/http-util.ts
// Small request/response helpers shared by the twirp, blob and control handlers.
class BodyTooLarge extends Error {
}
async function readBody(req, limit) {
    const chunks = [];
    let size = 0;
    for await (const chunk of req) {
        size += chunk.length;
        if (size > limit)
            throw new BodyTooLarge(`request body over ${limit} bytes`);
        chunks.push(chunk);
    }
    return Buffer.concat(chunks);
}
/**
 * Reads and drops the rest of a request body before answering it: answering first can make
 * the client see a reset while it is still sending, which it would treat as a network error.
 */
async function drain(req) {
    if (req.readableEnded)
        return;
    try {
        for await (const _chunk of req)
            void _chunk;
    }
    catch {
        // The client went away; nothing left to answer.
    }
}
function sendJson(res, status, body, headers = {}) {
    const text = JSON.stringify(body);
    res.writeHead(status, {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(text),
        ...headers
    });
    res.end(text);
}
/** Writes a chunk, waiting for the socket to drain; false once the response is gone. */
function writeChunk(res, chunk) {
    if (res.destroyed)
        return Promise.resolve(false);
    if (res.write(chunk))
        return Promise.resolve(true);
    return new Promise(resolve => {
        const done = (ok) => {
            res.off('drain', onDrain);
            res.off('close', onClose);
            resolve(ok);
        };
        const onDrain = () => done(true);
        const onClose = () => done(false);
        res.once('drain', onDrain);
        res.once('close', onClose);
    });
}

;// CONCATENATED MODULE: external "node:timers/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");
;// CONCATENATED MODULE: ./src/emulator/throttle.ts
// A shared bandwidth cap: every transfer in one direction draws from the same budget, like
// a runner's network link, so concurrent block uploads do not multiply the speed.


class Bandwidth {
    rate;
    nextFree = 0;
    constructor(rate) {
        this.rate = rate;
    }
    /** Resolves once n more bytes may pass. */
    async take(n) {
        const rate = this.rate();
        if (rate <= 0 || n <= 0)
            return;
        const now = performance.now();
        this.nextFree = Math.max(now, this.nextFree) + (n / rate) * 1000;
        const wait = this.nextFree - now;
        if (wait >= 1)
            await (0,promises_namespaceObject.setTimeout)(wait);
    }
    /**
     * Read size for sending: small enough that bytes keep flowing several times a second
     * (the client aborts a download whose socket is idle for 5 s).
     */
    chunkSize() {
        const rate = this.rate();
        if (rate <= 0)
            return 256 * 1024;
        return Math.max(1024, Math.min(64 * 1024, Math.floor(rate / 20)));
    }
}

;// CONCATENATED MODULE: ./src/emulator/blob-download.ts
// Blob reads: GET (whole or ranged) and HEAD, throttled, with the injected download faults.




/** Parses `bytes=a-b`, `bytes=a-` or `bytes=-n`; null for no range, undefined if unsatisfiable. */
function parseRange(header, size) {
    if (!header)
        return null;
    const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
    if (!m || (m[1] === '' && m[2] === ''))
        return undefined;
    let start;
    let end;
    if (m[1] === '') {
        start = Math.max(0, size - Number(m[2]));
        end = size - 1;
    }
    else {
        start = Number(m[1]);
        end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
    }
    return start <= end && start < size ? [start, end] : undefined;
}
function downloadFault(ctx) {
    const forced = ctx.faults.take('download-reset', 'download-truncate', 'download-expire');
    if (forced)
        return forced;
    if (ctx.faults.roll(ctx.knobs.downloadResetRate))
        return { kind: 'download-reset' };
    if (ctx.faults.roll(ctx.knobs.downloadTruncateRate))
        return { kind: 'download-truncate' };
    return undefined;
}
function countCut(ctx, fault) {
    const injected = ctx.stats.injected;
    if (fault.kind === 'download-reset')
        injected.downloadResets++;
    else if (fault.kind === 'download-truncate')
        injected.downloadTruncations++;
    else
        injected.downloadExpiries++;
}
async function serveBlob(ctx, req, res, answer, blob, headOnly, 
/** Makes the URL of this request expired from now on (the `download-expire` fault). */
expireUrl) {
    let stat;
    try {
        stat = external_node_fs_namespaceObject.statSync(ctx.blobs.path(blob));
    }
    catch {
        return answer.error(404, 'BlobNotFound', 'The specified blob does not exist.');
    }
    const size = stat.size;
    const rangeHeader = req.headers['x-ms-range'] ?? req.headers.range;
    const range = parseRange(Array.isArray(rangeHeader) ? rangeHeader[0] : rangeHeader, size);
    if (range === undefined) {
        return answer.error(416, 'InvalidRange', 'The range specified is invalid.', {
            'Content-Range': `bytes */${size}`
        });
    }
    const [start, end] = range ?? [0, size - 1];
    const length = end - start + 1;
    const fault = headOnly ? undefined : downloadFault(ctx);
    if (fault?.kind === 'download-expire')
        expireUrl();
    if (fault && fault.kind !== 'download-truncate' && fault.afterBytes === 0) {
        countCut(ctx, fault);
        req.socket.resetAndDestroy();
        ctx.log(`blob get: injected ${fault.kind} before the response`);
        return;
    }
    answer.head(range ? 206 : 200, {
        'Content-Length': length,
        'Content-Type': 'application/octet-stream',
        ...(range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
        'Accept-Ranges': 'bytes',
        ETag: etag(stat.mtimeMs),
        'Last-Modified': stat.mtime.toUTCString(),
        // Blobs are written once, so created = last modified, and mtime follows the emulator's
        // clock (stamped when written) where birthtime would follow the real one.
        'x-ms-creation-time': stat.mtime.toUTCString(),
        'x-ms-blob-type': 'BlockBlob',
        'x-ms-lease-state': 'available',
        'x-ms-lease-status': 'unlocked',
        'x-ms-server-encrypted': 'true'
    });
    if (headOnly || length === 0)
        return void res.end();
    const cutoff = fault ? Math.min(fault.afterBytes ?? Math.floor(length / 2), length - 1) : length;
    let sent = 0;
    const input = external_node_fs_namespaceObject.createReadStream(ctx.blobs.path(blob), {
        start,
        end,
        highWaterMark: ctx.downloadLink.chunkSize()
    });
    try {
        for await (const data of input) {
            const chunk = data.subarray(0, cutoff - sent);
            await ctx.downloadLink.take(chunk.length);
            if (!(await writeChunk(res, chunk)))
                return;
            sent += chunk.length;
            ctx.stats.bytesDownloaded += chunk.length;
            if (sent >= cutoff)
                break;
        }
    }
    finally {
        input.destroy();
    }
    if (!fault)
        return void res.end();
    const socket = req.socket;
    countCut(ctx, fault);
    if (fault.kind === 'download-truncate') {
        // end() sends what is buffered, then a clean FIN, short of the promised Content-Length.
        socket.end();
    }
    else {
        // Hand the bytes already written to the kernel first, or the reset would discard them.
        for (let i = 0; i < 200 && socket.writableLength > 0 && !socket.destroyed; i++)
            await (0,promises_namespaceObject.setTimeout)(10);
        socket.resetAndDestroy();
    }
    ctx.log(`blob get: injected ${fault.kind} after ${sent} of ${length} bytes`);
}

;// CONCATENATED MODULE: ./src/emulator/blob-http.ts
// The Azure Blob endpoints behind the signed URLs the twirp API hands out: routing, URL checks,
// injected errors, and the writes BlockBlobClient.uploadFile makes (Put Blob, Put Block, Put
// Block List). Reads are in blob-download.ts.




const BLOB_PREFIX = `/${ACCOUNT}/${CONTAINER}/`;
const BLOB_NAME = /^[0-9a-f]{32}$/;
const MAX_BLOCK_ID_BYTES = 64;
const MAX_BLOCK_LIST_BYTES = 8 << 20;
function operation(method, comp) {
    if (method === 'PUT') {
        if (comp === null)
            return 'putBlob';
        if (comp === 'block')
            return 'putBlock';
        if (comp === 'blocklist')
            return 'putBlockList';
    }
    if (method === 'GET' && comp === null)
        return 'get';
    if (method === 'HEAD' && comp === null)
        return 'head';
    return 'other';
}
/** Azure's answer to a SAS past its expiry, for a URL a `download-expire` fault expired. */
function expiredEarly(query, nowMs) {
    return {
        code: 'AuthenticationFailed',
        message: `Signed expiry time [${query.get('se')}] must be after signed start time [${new Date(nowMs).toISOString()}]`
    };
}
async function handleBlob(ctx, req, res, url) {
    const op = operation(req.method, url.searchParams.get('comp'));
    ctx.stats.blob[op]++;
    const answer = new Answer(ctx, res, op);
    const blob = url.pathname.slice(BLOB_PREFIX.length);
    const refuse = async (status, code, message) => {
        await drain(req);
        answer.error(status, code, message);
    };
    if (op === 'other') {
        return refuse(400, 'UnsupportedHttpVerb', `the emulator serves no ${req.method} here`);
    }
    if (!BLOB_NAME.test(blob))
        return refuse(404, 'BlobNotFound', 'The specified blob does not exist.');
    const reading = op === 'get' || op === 'head';
    const signature = url.searchParams.get('sig') ?? '';
    const refusal = checkSas(ctx.secret, blob, url.searchParams, reading ? 'r' : 'cw', ctx.now()) ??
        (ctx.expiredSignatures.has(signature) ? expiredEarly(url.searchParams, ctx.now()) : undefined);
    if (refusal) {
        ctx.stats.sasRefused++;
        return refuse(403, refusal.code, refusal.message);
    }
    const fault = ctx.faults.take(reading ? 'blob-get' : 'blob-put');
    if (fault || ctx.faults.roll(ctx.knobs.blobErrorRate)) {
        ctx.stats.injected.blobErrors++;
        const status = fault?.status ?? 503;
        const code = status === 503 ? 'ServerBusy' : status >= 500 ? 'InternalError' : 'InjectedFault';
        return refuse(status, code, `Injected fault (${status}).`);
    }
    if (reading) {
        return serveBlob(ctx, req, res, answer, blob, op === 'head', () => ctx.expiredSignatures.add(signature));
    }
    if (ctx.index.isCommitted(blob)) {
        return refuse(409, 'BlobImmutableDueToPolicy', 'The cache entry is finalized and immutable.');
    }
    if (!ctx.index.isReserved(blob)) {
        return refuse(403, 'AuthenticationFailed', 'The upload this URL was issued for is over.');
    }
    const pace = async (n) => {
        await ctx.uploadLink.take(n);
        ctx.stats.bytesUploaded += n;
    };
    try {
        if (op === 'putBlob') {
            if (req.headers['x-ms-blob-type'] !== 'BlockBlob') {
                return refuse(400, 'MissingRequiredHeader', 'x-ms-blob-type: BlockBlob is required.');
            }
            const got = await ctx.blobs.putBlob(blob, req, pace);
            const mtime = ctx.blobs.stamp(blob, ctx.now());
            return answer.ok(201, {
                ETag: etag(mtime),
                'Last-Modified': new Date(mtime).toUTCString(),
                'Content-MD5': got.md5.toString('base64'),
                'x-ms-request-server-encrypted': 'true'
            });
        }
        if (op === 'putBlock') {
            const blockId = url.searchParams.get('blockid') ?? '';
            const raw = Buffer.from(blockId, 'base64');
            if (!blockId || raw.length > MAX_BLOCK_ID_BYTES || raw.toString('base64') !== blockId) {
                return refuse(400, 'InvalidQueryParameterValue', 'blockid must be base64, at most 64 bytes.');
            }
            const got = await ctx.blobs.putBlock(blob, blockId, req, pace);
            return answer.ok(201, {
                'Content-MD5': got.md5.toString('base64'),
                'x-ms-request-server-encrypted': 'true'
            });
        }
        return await putBlockList(ctx, req, answer, blob);
    }
    catch (err) {
        // Usually the client hung up mid-upload; the temp file is already gone.
        ctx.log(`blob ${op} failed: ${err.message}`);
        if (!res.headersSent && !res.destroyed) {
            answer.error(400, 'InvalidInput', err.message);
        }
    }
}
async function putBlockList(ctx, req, answer, blob) {
    let xml;
    try {
        xml = (await readBody(req, MAX_BLOCK_LIST_BYTES)).toString('utf8');
    }
    catch (err) {
        if (err instanceof BodyTooLarge) {
            return answer.error(413, 'RequestBodyTooLarge', 'The block list is too large.');
        }
        throw err;
    }
    if (!/<BlockList>[\s\S]*<\/BlockList>/.test(xml)) {
        return answer.error(400, 'InvalidXmlDocument', 'The block list is not a <BlockList> document.');
    }
    const ids = [...xml.matchAll(/<(Latest|Uncommitted|Committed)>\s*([^<]*?)\s*<\/\1>/g)].map(m => m[2]);
    const done = await ctx.blobs.commitBlocks(blob, ids);
    if ('missing' in done) {
        return answer.error(400, 'InvalidBlockList', `Block ${done.missing} was not staged.`);
    }
    const mtime = ctx.blobs.stamp(blob, ctx.now());
    answer.ok(201, {
        ETag: etag(mtime),
        'Last-Modified': new Date(mtime).toUTCString(),
        'x-ms-request-server-encrypted': 'true'
    });
}

;// CONCATENATED MODULE: ./src/emulator/blob-store.ts
// Blob bytes on disk: committed blobs, staged (uncommitted) blocks, and temp files that
// become either only once complete, so a broken upload never leaves half a blob behind.



/** Writes to a stream, waiting for it to drain; rejects if the stream fails. */
function write(out, chunk) {
    return new Promise((resolve, reject) => out.write(chunk, err => (err ? reject(err) : resolve())));
}
function blob_store_close(out) {
    return new Promise((resolve, reject) => {
        out.once('error', reject);
        out.end(() => resolve());
    });
}
class BlobStore {
    dir;
    constructor(dir) {
        this.dir = dir;
        for (const sub of ['blobs', 'blocks', 'tmp'])
            external_node_fs_namespaceObject.mkdirSync(external_node_path_namespaceObject.join(dir, sub), { recursive: true });
    }
    path(blob) {
        return external_node_path_namespaceObject.join(this.dir, 'blobs', blob);
    }
    size(blob) {
        try {
            return external_node_fs_namespaceObject.statSync(this.path(blob)).size;
        }
        catch {
            return undefined;
        }
    }
    blockPath(blob, blockId) {
        return external_node_path_namespaceObject.join(this.dir, 'blocks', blob, Buffer.from(blockId, 'base64').toString('hex'));
    }
    tempPath() {
        return external_node_path_namespaceObject.join(this.dir, 'tmp', (0,external_node_crypto_namespaceObject.randomBytes)(8).toString('hex'));
    }
    /** Stores body at dest, calling pace before each chunk is written (throttling, counting). */
    async receive(body, dest, pace) {
        const tmp = this.tempPath();
        const out = external_node_fs_namespaceObject.createWriteStream(tmp);
        const md5 = (0,external_node_crypto_namespaceObject.createHash)('md5');
        let size = 0;
        try {
            for await (const chunk of body) {
                await pace(chunk.length);
                md5.update(chunk);
                size += chunk.length;
                await write(out, chunk);
            }
            await blob_store_close(out);
            external_node_fs_namespaceObject.mkdirSync(external_node_path_namespaceObject.dirname(dest), { recursive: true });
            external_node_fs_namespaceObject.renameSync(tmp, dest);
            return { size, md5: md5.digest() };
        }
        catch (err) {
            out.destroy();
            external_node_fs_namespaceObject.rmSync(tmp, { force: true });
            throw err;
        }
    }
    putBlob(blob, body, pace) {
        return this.receive(body, this.path(blob), pace);
    }
    putBlock(blob, blockId, body, pace) {
        return this.receive(body, this.blockPath(blob, blockId), pace);
    }
    /** Joins staged blocks into the blob; the first missing block id when one is not staged. */
    async commitBlocks(blob, blockIds) {
        const missing = blockIds.find(id => !external_node_fs_namespaceObject.existsSync(this.blockPath(blob, id)));
        if (missing !== undefined)
            return { missing };
        const tmp = this.tempPath();
        const out = external_node_fs_namespaceObject.createWriteStream(tmp);
        const md5 = (0,external_node_crypto_namespaceObject.createHash)('md5');
        try {
            for (const id of blockIds) {
                for await (const chunk of external_node_fs_namespaceObject.createReadStream(this.blockPath(blob, id))) {
                    md5.update(chunk);
                    await write(out, chunk);
                }
            }
            await blob_store_close(out);
            external_node_fs_namespaceObject.renameSync(tmp, this.path(blob));
        }
        catch (err) {
            out.destroy();
            external_node_fs_namespaceObject.rmSync(tmp, { force: true });
            throw err;
        }
        external_node_fs_namespaceObject.rmSync(external_node_path_namespaceObject.join(this.dir, 'blocks', blob), { recursive: true, force: true });
        return { size: this.size(blob) ?? 0, md5: md5.digest() };
    }
    /**
     * Sets the blob's modification time to the emulator's clock (which may run ahead of the
     * real one), so Last-Modified and ETag of later reads agree with it; returns that time.
     */
    stamp(blob, mtimeMs) {
        try {
            external_node_fs_namespaceObject.utimesSync(this.path(blob), mtimeMs / 1000, mtimeMs / 1000);
        }
        catch {
            // Removed meanwhile (evicted or taken over): nothing to stamp.
        }
        return mtimeMs;
    }
    remove(blob) {
        external_node_fs_namespaceObject.rmSync(this.path(blob), { force: true });
        external_node_fs_namespaceObject.rmSync(external_node_path_namespaceObject.join(this.dir, 'blocks', blob), { recursive: true, force: true });
    }
}

;// CONCATENATED MODULE: ./src/emulator/context.ts
// The state one emulator instance shares between its handlers.
// An upload may go on past its URL's expiry (a SAS is checked when a request starts), so an
// unfinished reservation is kept this long after it before its blob is deleted.
const ABANDONED_UPLOAD_MS = 3_600_000;
/** Evicts entries and abandoned uploads, deleting their blobs; run after anything that may. */
function evict(ctx, now = ctx.now()) {
    for (const r of ctx.index.dropStaleReservations(now, ABANDONED_UPLOAD_MS)) {
        ctx.blobs.remove(r.blob);
    }
    const gone = ctx.index.evict(now, ctx.knobs.unusedEntryTtlMs, ctx.knobs.repoSizeLimitBytes);
    for (const e of gone) {
        ctx.blobs.remove(e.blob);
        ctx.stats.entriesEvicted++;
        ctx.log(`evicted ${e.repo} ${e.scope} ${JSON.stringify(e.key)} (${e.size} bytes)`);
    }
}

;// CONCATENATED MODULE: ./src/emulator/knobs.ts
// Behaviour settings of the emulator, changeable while it runs (configure(), POST /_emulator/config).
const DEFAULT_KNOBS = Object.freeze({
    apiLatencyMs: 0,
    blobBandwidthBytesPerSec: 0,
    apiErrorRate: 0,
    blobErrorRate: 0,
    downloadResetRate: 0,
    downloadTruncateRate: 0,
    expiredUrlRate: 0,
    seed: 1,
    rateLimitPerMinute: 200,
    rateLimitWindowMs: 60_000,
    retryAfterSeconds: 60,
    urlExpiryMs: 10 * 60_000,
    repoSizeLimitBytes: 10 * 2 ** 30,
    unusedEntryTtlMs: 7 * 24 * 3_600_000,
    clockOffsetMs: 0
});
const RATES = new Set([
    'apiErrorRate',
    'blobErrorRate',
    'downloadResetRate',
    'downloadTruncateRate',
    'expiredUrlRate'
]);
const INTEGERS = new Set([
    'rateLimitPerMinute',
    'rateLimitWindowMs',
    'retryAfterSeconds'
]);
class KnobError extends Error {
}
/** Returns base with the fields of patch applied; throws KnobError on unknown or bad values. */
function mergeKnobs(base, patch) {
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
        throw new KnobError('knobs must be a JSON object');
    }
    const next = { ...base };
    for (const [name, value] of Object.entries(patch)) {
        if (value === undefined)
            continue;
        if (!(name in DEFAULT_KNOBS))
            throw new KnobError(`unknown knob ${JSON.stringify(name)}`);
        const knob = name;
        if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
            throw new KnobError(`${knob} must be a non-negative number, not ${JSON.stringify(value)}`);
        }
        if (RATES.has(knob) && value > 1)
            throw new KnobError(`${knob} is a probability: 0..1`);
        if (INTEGERS.has(knob) && !Number.isInteger(value)) {
            throw new KnobError(`${knob} must be an integer`);
        }
        if (knob === 'rateLimitWindowMs' && value < 1) {
            throw new KnobError('rateLimitWindowMs must be at least 1 (turn the limit off with rateLimitPerMinute 0)');
        }
        next[knob] = value;
    }
    return next;
}

;// CONCATENATED MODULE: ./src/emulator/control.ts
// /_emulator/*: knobs, faults, counters, entries and tokens over HTTP, for tests and
// benchmarks that run the emulator in another process. No authentication: it is local.



const CONTROL_PREFIX = '/_emulator/';
async function jsonBody(req) {
    const text = (await readBody(req, 1 << 20)).toString('utf8');
    try {
        return text.trim() === '' ? {} : JSON.parse(text);
    }
    catch {
        throw new KnobError('the body must be JSON');
    }
}
function clock(emulator) {
    const now = emulator.now();
    return { now, iso: new Date(now).toISOString(), clockOffsetMs: emulator.knobs().clockOffsetMs };
}
async function handleControl(emulator, req, res, name) {
    const route = `${req.method} ${name}`;
    try {
        switch (route) {
            case 'GET health':
                return sendJson(res, 200, { ok: true });
            case 'GET config':
                return sendJson(res, 200, emulator.knobs());
            case 'POST config':
                return sendJson(res, 200, emulator.configure((await jsonBody(req))));
            case 'GET stats':
                return sendJson(res, 200, emulator.stats());
            case 'POST reset-stats':
                emulator.resetStats();
                return sendJson(res, 200, emulator.stats());
            case 'GET entries':
                return sendJson(res, 200, emulator.entries());
            case 'POST evict': {
                const { key, how = 'entry' } = (await jsonBody(req));
                if (typeof key !== 'string' || (how !== 'entry' && how !== 'blob')) {
                    return sendJson(res, 400, { error: 'evict needs {"key": prefix, "how": "entry"|"blob"}' });
                }
                return sendJson(res, 200, { evicted: emulator.evict(key, how) });
            }
            case 'GET faults':
                return sendJson(res, 200, emulator.pendingFaults());
            case 'POST faults': {
                const body = await jsonBody(req);
                for (const spec of Array.isArray(body) ? body : [body])
                    emulator.injectFault(spec);
                return sendJson(res, 200, emulator.pendingFaults());
            }
            case 'DELETE faults':
                emulator.clearFaults();
                return sendJson(res, 200, []);
            case 'POST token': {
                const request = (await jsonBody(req));
                if (typeof request?.ref !== 'string' && !Array.isArray(request?.scopes)) {
                    return sendJson(res, 400, { error: 'a token needs "ref" (or "scopes")' });
                }
                return sendJson(res, 200, { token: emulator.token(request) });
            }
            case 'POST api-token': {
                const request = (await jsonBody(req));
                if (!['read', 'write', 'none'].includes(request?.actions)) {
                    return sendJson(res, 400, { error: 'an API token needs "actions": read|write|none' });
                }
                return sendJson(res, 200, { token: emulator.apiToken(request) });
            }
            case 'GET clock':
                return sendJson(res, 200, clock(emulator));
            case 'POST clock': {
                const { advanceMs } = (await jsonBody(req));
                if (typeof advanceMs !== 'number') {
                    return sendJson(res, 400, { error: 'clock needs {"advanceMs": ms}' });
                }
                emulator.advanceClock(advanceMs);
                return sendJson(res, 200, clock(emulator));
            }
            default:
                return sendJson(res, 404, { error: `no control endpoint ${route}` });
        }
    }
    catch (err) {
        const known = err instanceof KnobError || err instanceof FaultError;
        sendJson(res, known ? 400 : 500, { error: err.message });
    }
}

;// CONCATENATED MODULE: ./src/emulator/entries.ts
// The cache's index: finalized entries and pending reservations, per repository and scope,
// with the service's matching rules and its eviction (unused for a while, or over the cap).
const slot = (repo, scope, key, version) => JSON.stringify([repo, scope, key, version]);
class EntryIndex {
    entries = new Map();
    reservations = new Map();
    committedBlobs = new Set();
    // Ids grow with each commit, so the highest id is the newest entry, even within one ms.
    nextId = 1;
    /**
     * Finds the entry a restore gets: in each scope in turn, the exact key, then the newest
     * entry whose key starts with it, then the same for each restore key.
     */
    find(repo, scopes, keys, version) {
        for (const scope of scopes) {
            const candidates = [...this.entries.values()].filter(e => e.repo === repo && e.scope === scope && e.version === version);
            for (const key of keys) {
                const exact = candidates.find(e => e.key === key);
                if (exact)
                    return exact;
                let newest;
                for (const e of candidates) {
                    if (e.key.startsWith(key) && (!newest || e.id > newest.id))
                        newest = e;
                }
                if (newest)
                    return newest;
            }
        }
        return undefined;
    }
    /** Reserves a key for upload; false when the entry exists or a live reservation holds it. */
    reserve(r, now) {
        const id = slot(r.repo, r.scope, r.key, r.version);
        if (this.entries.has(id))
            return { ok: false };
        const held = this.reservations.get(id);
        if (held && held.expires > now)
            return { ok: false };
        this.reservations.set(id, r);
        return { ok: true, replaced: held };
    }
    reservation(repo, scope, key, version) {
        return this.reservations.get(slot(repo, scope, key, version));
    }
    exists(repo, scope, key, version) {
        return this.entries.has(slot(repo, scope, key, version));
    }
    /** Turns a reservation into an immutable entry. */
    commit(r, size, now) {
        const id = slot(r.repo, r.scope, r.key, r.version);
        this.reservations.delete(id);
        const entry = {
            id: this.nextId++,
            repo: r.repo,
            scope: r.scope,
            key: r.key,
            version: r.version,
            size,
            blob: r.blob,
            created: now,
            lastAccess: now
        };
        this.entries.set(id, entry);
        this.committedBlobs.add(r.blob);
        return entry;
    }
    /** True once the blob belongs to a finalized entry: its upload URL no longer writes. */
    isCommitted(blob) {
        return this.committedBlobs.has(blob);
    }
    /** Whether the blob may be written: a live reservation holds it. */
    isReserved(blob) {
        for (const r of this.reservations.values())
            if (r.blob === blob)
                return true;
        return false;
    }
    /** Forgets reservations whose URL expired over graceMs ago: nothing will finalize them. */
    dropStaleReservations(now, graceMs) {
        const stale = [];
        for (const [id, r] of this.reservations) {
            if (r.expires < now - graceMs) {
                this.reservations.delete(id);
                stale.push(r);
            }
        }
        return stale;
    }
    /** Drops the entries whose key starts with keyPrefix, as an eviction would; returns them. */
    remove(keyPrefix) {
        return this.removeWhere(e => e.key.startsWith(keyPrefix));
    }
    /** Drops the entries the predicate picks (a REST delete, an eviction); returns them. */
    removeWhere(pick) {
        const gone = [];
        for (const [id, e] of this.entries) {
            if (!pick(e))
                continue;
            this.entries.delete(id);
            this.committedBlobs.delete(e.blob);
            gone.push(e);
        }
        return gone.sort((a, b) => a.id - b.id);
    }
    /** The entries whose key starts with keyPrefix, left in place. */
    matching(keyPrefix) {
        return [...this.entries.values()].filter(e => e.key.startsWith(keyPrefix));
    }
    list() {
        return [...this.entries.values()].sort((a, b) => a.id - b.id);
    }
    /** Removes entries unused for ttlMs, then least recently used ones past maxBytes per repo. */
    evict(now, ttlMs, maxBytes) {
        const evicted = [];
        const drop = (id, e) => {
            this.entries.delete(id);
            this.committedBlobs.delete(e.blob);
            evicted.push(e);
        };
        if (ttlMs > 0) {
            for (const [id, e] of this.entries)
                if (now - e.lastAccess > ttlMs)
                    drop(id, e);
        }
        if (maxBytes > 0) {
            const byRepo = new Map();
            for (const pair of this.entries) {
                const list = byRepo.get(pair[1].repo) ?? [];
                list.push(pair);
                byRepo.set(pair[1].repo, list);
            }
            for (const list of byRepo.values()) {
                let total = list.reduce((n, [, e]) => n + e.size, 0);
                list.sort(([, a], [, b]) => a.lastAccess - b.lastAccess || a.id - b.id);
                for (const [id, e] of list) {
                    if (total <= maxBytes)
                        break;
                    total -= e.size;
                    drop(id, e);
                }
            }
        }
        return evicted;
    }
}

;// CONCATENATED MODULE: ./src/emulator/ratelimit.ts
// "N new entries per minute per repository": a sliding window (a minute by default) of
// accepted creations.
class RateLimiter {
    windows = new Map();
    /**
     * Records one creation for repo and returns 0, or, when limit creations already happened
     * in the last windowMs, records nothing and returns the seconds until one falls out.
     */
    admit(repo, limit, windowMs, now) {
        const times = (this.windows.get(repo) ?? []).filter(t => t > now - windowMs);
        this.windows.set(repo, times);
        if (limit > 0 && times.length >= limit) {
            return Math.max(1, Math.ceil((times[times.length - limit] + windowMs - now) / 1000));
        }
        times.push(now);
        return 0;
    }
}

;// CONCATENATED MODULE: ./src/emulator/token.ts
// ACTIONS_RUNTIME_TOKEN look-alikes: HS256 JWTs whose `ac` claim lists the cache scopes, as
// the runner's tokens do ('[{"Scope":"refs/heads/main","Permission":3}]'; 1 read, 2 write).

const READ = 1;
const WRITE = 2;
const DEFAULT_REPO = 'owner/repo';
function b64url(data) {
    return Buffer.from(data).toString('base64url');
}
function grantsFor(req) {
    if (req.scopes)
        return req.scopes;
    const grants = [{ scope: req.ref, permission: req.readOnly ? READ : READ | WRITE }];
    for (const scope of [req.baseRef, req.defaultBranch ?? 'refs/heads/main']) {
        if (scope && !grants.some(g => g.scope === scope))
            grants.push({ scope, permission: READ });
    }
    return grants;
}
function mintToken(secret, req, nowMs) {
    if (!req.ref && !req.scopes)
        throw new Error('a token needs a ref or explicit scopes');
    const now = Math.floor(nowMs / 1000);
    const payload = {
        iss: 'go-cache-action-emulator',
        aud: 'vso:emulator',
        nbf: now - 60,
        iat: now,
        exp: now + (req.ttlSec ?? 6 * 3600),
        repo: req.repo ?? DEFAULT_REPO,
        ac: JSON.stringify(grantsFor(req).map(g => ({ Scope: g.scope, Permission: g.permission })))
    };
    const body = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(payload))}`;
    return `${body}.${b64url((0,external_node_crypto_namespaceObject.createHmac)('sha256', secret).update(body).digest())}`;
}
/** The token's claims, or a reason it is refused. */
function verifyToken(secret, token, nowMs) {
    const parts = token.split('.');
    if (parts.length !== 3)
        return 'malformed token';
    const expected = (0,external_node_crypto_namespaceObject.createHmac)('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest();
    const given = Buffer.from(parts[2], 'base64url');
    if (given.length !== expected.length || !(0,external_node_crypto_namespaceObject.timingSafeEqual)(given, expected)) {
        return 'bad token signature';
    }
    let payload;
    try {
        payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    }
    catch {
        return 'malformed token payload';
    }
    const now = nowMs / 1000;
    if (typeof payload.exp !== 'number' || payload.exp < now)
        return 'token expired';
    if (typeof payload.nbf === 'number' && payload.nbf > now)
        return 'token not yet valid';
    try {
        const ac = JSON.parse(String(payload.ac));
        const scopes = ac.map(g => ({ scope: String(g.Scope), permission: Number(g.Permission) }));
        return { repo: typeof payload.repo === 'string' ? payload.repo : DEFAULT_REPO, scopes };
    }
    catch {
        return 'token has no valid ac claim';
    }
}
/** Where this token's new entries go: the first scope it may write. */
function writeScope(claims) {
    return claims.scopes.find(g => g.permission & WRITE)?.scope;
}
/** The scopes searched on restore, in the order the token lists them. */
function readScopes(claims) {
    return claims.scopes.filter(g => g.permission & READ).map(g => g.scope);
}
const API_TOKEN_PREFIX = 'ghs_';
const PERMISSIONS = ['read', 'write', 'none'];
function apiSignature(secret, payload) {
    return b64url((0,external_node_crypto_namespaceObject.createHmac)('sha256', secret).update(`rest-api-token\n${payload}`).digest());
}
function mintApiToken(secret, req, nowMs) {
    if (!PERMISSIONS.includes(req.actions)) {
        throw new Error(`actions must be one of ${PERMISSIONS.join(', ')}`);
    }
    const now = Math.floor(nowMs / 1000);
    const payload = b64url(JSON.stringify({
        repo: req.repo ?? DEFAULT_REPO,
        actions: req.actions,
        iat: now,
        exp: now + (req.ttlSec ?? 6 * 3600)
    }));
    return `${API_TOKEN_PREFIX}${payload}.${apiSignature(secret, payload)}`;
}
/** The REST token's claims, or a reason it is refused. */
function verifyApiToken(secret, token, nowMs) {
    if (!token.startsWith(API_TOKEN_PREFIX))
        return 'not a REST API token';
    const [payload, sig, ...rest] = token.slice(API_TOKEN_PREFIX.length).split('.');
    if (rest.length > 0 || !payload || !sig)
        return 'malformed token';
    const expected = Buffer.from(apiSignature(secret, payload));
    const given = Buffer.from(sig);
    if (given.length !== expected.length || !(0,external_node_crypto_namespaceObject.timingSafeEqual)(given, expected)) {
        return 'bad token signature';
    }
    let claims;
    try {
        claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    }
    catch {
        return 'malformed token payload';
    }
    const now = nowMs / 1000;
    if (typeof claims.exp !== 'number' || claims.exp < now)
        return 'token expired';
    if (typeof claims.iat === 'number' && claims.iat > now + 60)
        return 'token not yet valid';
    if (typeof claims.repo !== 'string' || !PERMISSIONS.includes(claims.actions)) {
        return 'malformed token payload';
    }
    return { repo: claims.repo, actions: claims.actions };
}

;// CONCATENATED MODULE: ./src/emulator/rest.ts
// The REST API's cache management endpoints (GITHUB_API_URL), as GitHub serves them:
//   GET    /repos/{owner}/{repo}/actions/caches             list (key prefix, ref, sort, pages)
//   DELETE /repos/{owner}/{repo}/actions/caches?key=K&ref=R  delete every entry with key K
//   DELETE /repos/{owner}/{repo}/actions/caches/{cache_id}   delete one entry
// with GitHub's error bodies. They take REST tokens (emulator.apiToken()), not runtime tokens.





const REST_PREFIX = '/repos/';
const CACHES = /^\/repos\/([^/]+)\/([^/]+)\/actions\/caches(?:\/([^/]*))?$/;
const DOCS = 'https://docs.github.com/rest/actions/cache';
const ANCHORS = {
    list: '#list-github-actions-caches-for-a-repository',
    deleteByKey: '#delete-github-actions-caches-for-a-repository-using-a-cache-key',
    deleteById: '#delete-a-github-actions-cache-for-a-repository-using-a-cache-id',
    other: ''
};
const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 100;
const SORTS = {
    created_at: (e) => e.created,
    last_accessed_at: (e) => e.lastAccess,
    size_in_bytes: (e) => e.size
};
class RestError extends Error {
    status;
    extra;
    constructor(status, message, extra = {}) {
        super(message);
        this.status = status;
        this.extra = extra;
    }
}
/** The JSON of one cache, as the REST API shows it. */
function shown(e) {
    return {
        id: e.id,
        ref: e.scope,
        key: e.key,
        version: e.version,
        last_accessed_at: new Date(e.lastAccess).toISOString(),
        created_at: new Date(e.created).toISOString(),
        size_in_bytes: e.size
    };
}
/** A ref filter: the API takes `refs/heads/main`, and a bare branch name as the same. */
function refOf(query) {
    const ref = query.get('ref');
    if (!ref)
        return undefined;
    return ref.startsWith('refs/') ? ref : `refs/heads/${ref}`;
}
function positive(text, fallback) {
    const n = Number.parseInt(text ?? '', 10);
    return Number.isSafeInteger(n) && n >= 1 ? n : fallback;
}
function invalid(field, value, allowed) {
    return new RestError(422, 'Validation Failed', {
        errors: [
            {
                resource: 'ActionsCache',
                field,
                code: 'invalid',
                message: `${JSON.stringify(value)} is not one of ${allowed.join(', ')}`
            }
        ]
    });
}
/** A page of links (prev, next, last, first) for the Link header; undefined for one page. */
function linkHeader(ctx, url, page, last) {
    if (last <= 1 && page <= 1)
        return undefined;
    const to = (n) => {
        const target = new URL(url.pathname + url.search, ctx.baseUrl);
        target.searchParams.set('page', String(n));
        return `<${target.href}>`;
    };
    const links = [];
    if (page > 1)
        links.push(`${to(Math.min(page - 1, last))}; rel="prev"`);
    if (page < last)
        links.push(`${to(page + 1)}; rel="next"`, `${to(last)}; rel="last"`);
    if (page > 1)
        links.push(`${to(1)}; rel="first"`);
    return links.join(', ');
}
function list(ctx, entries, url) {
    const q = url.searchParams;
    const perPage = Math.min(positive(q.get('per_page'), DEFAULT_PER_PAGE), MAX_PER_PAGE);
    const page = positive(q.get('page'), 1);
    const sort = q.get('sort') || 'last_accessed_at';
    if (!(sort in SORTS))
        throw invalid('sort', sort, Object.keys(SORTS));
    const direction = q.get('direction') || 'desc';
    if (direction !== 'asc' && direction !== 'desc') {
        throw invalid('direction', direction, ['asc', 'desc']);
    }
    const key = q.get('key') ?? '';
    const ref = refOf(q);
    const by = SORTS[sort];
    const sign = direction === 'asc' ? 1 : -1;
    const matching = entries
        .filter(e => e.key.startsWith(key) && (!ref || e.scope === ref))
        .sort((a, b) => sign * (by(a) - by(b) || a.id - b.id));
    const caches = matching.slice((page - 1) * perPage, page * perPage);
    const last = Math.max(1, Math.ceil(matching.length / perPage));
    const link = linkHeader(ctx, url, page, last);
    return [
        { total_count: matching.length, actions_caches: caches.map(shown) },
        link ? { Link: link } : {}
    ];
}
/** Deletes entries with their blobs, as an eviction would, counting them as deleted. */
function remove(ctx, pick) {
    const gone = ctx.index.removeWhere(pick);
    for (const e of gone) {
        ctx.blobs.remove(e.blob);
        ctx.stats.entriesDeleted++;
        ctx.log(`deleted ${e.repo} ${e.scope} ${JSON.stringify(e.key)} (REST)`);
    }
    return gone;
}
/** The token's claims; a RestError 401 when there is none or it is not a valid REST token. */
function authenticate(ctx, req) {
    const header = req.headers.authorization ?? '';
    if (header.trim() === '')
        throw new RestError(401, 'Requires authentication');
    const match = /^(?:Bearer|token)\s+(\S+)\s*$/i.exec(header);
    const claims = match ? verifyApiToken(ctx.secret, match[1], ctx.now()) : 'malformed header';
    if (typeof claims === 'string') {
        ctx.log(`REST token refused: ${claims}`);
        throw new RestError(401, 'Bad credentials');
    }
    return claims;
}
function rest_operation(method, match) {
    if (!match)
        return 'other';
    const id = match[3];
    if (method === 'GET' && id === undefined)
        return 'list';
    if (method === 'DELETE')
        return id === undefined ? 'deleteByKey' : 'deleteById';
    return 'other';
}
async function handleRest(ctx, req, res, url) {
    const match = CACHES.exec(url.pathname);
    const op = rest_operation(req.method, match);
    ctx.stats.rest.requests++;
    ctx.stats.rest[op]++;
    const reply = (status, body, headers) => {
        countStatus(ctx.stats, `rest:${op}`, status);
        if (body === undefined) {
            res.writeHead(status, headers);
            res.end();
        }
        else {
            sendJson(res, status, body, headers);
        }
        ctx.log(`REST ${req.method} ${url.pathname}${url.search} ${status}`);
    };
    try {
        await drain(req);
        if (ctx.knobs.apiLatencyMs > 0)
            await (0,promises_namespaceObject.setTimeout)(ctx.knobs.apiLatencyMs);
        const fault = ctx.faults.take('rest');
        if (fault) {
            ctx.stats.injected.restErrors++;
            throw new RestError(fault.status ?? 500, `injected fault (${fault.status ?? 500})`);
        }
        let claims;
        try {
            claims = authenticate(ctx, req);
        }
        catch (err) {
            ctx.stats.unauthenticated++;
            throw err;
        }
        if (!match || op === 'other')
            throw new RestError(404, 'Not Found');
        const repo = `${decodeURIComponent(match[1])}/${decodeURIComponent(match[2])}`.toLowerCase();
        // GitHub answers 404, not 403, for a repository the token cannot see.
        if (claims.repo.toLowerCase() !== repo)
            throw new RestError(404, 'Not Found');
        const needed = op === 'list' ? ['read', 'write'] : ['write'];
        if (!needed.includes(claims.actions)) {
            throw new RestError(403, 'Resource not accessible by integration');
        }
        evict(ctx);
        const own = (e) => e.repo.toLowerCase() === repo;
        if (op === 'list') {
            const [body, headers] = list(ctx, ctx.index.list().filter(own), url);
            return reply(200, body, headers);
        }
        if (op === 'deleteByKey') {
            const key = url.searchParams.get('key');
            if (!key)
                throw new RestError(422, 'Invalid request.\n\n"key" wasn\'t supplied.');
            const ref = refOf(url.searchParams);
            const gone = remove(ctx, e => own(e) && e.key === key && (!ref || e.scope === ref));
            if (gone.length === 0)
                throw new RestError(404, 'Not Found');
            return reply(200, { total_count: gone.length, actions_caches: gone.map(shown) });
        }
        const id = match[3];
        const gone = /^\d+$/.test(id) ? remove(ctx, e => own(e) && e.id === Number(id)) : [];
        if (gone.length === 0)
            throw new RestError(404, 'Not Found');
        return reply(204);
    }
    catch (err) {
        if (!(err instanceof RestError))
            ctx.log(`REST: ${err.stack ?? err}`);
        const { status, message, extra } = err instanceof RestError ? err : new RestError(500, 'Server Error');
        const anchor = status === 403 || status === 422 ? ANCHORS[op] : '';
        reply(status, {
            message,
            ...extra,
            documentation_url: anchor ? `${DOCS}${anchor}` : 'https://docs.github.com/rest',
            status: String(status)
        });
    }
}

;// CONCATENATED MODULE: ./src/emulator/twirp.ts
// The cache service's twirp JSON API, as @actions/cache 6.x calls it.








const TWIRP_PREFIX = '/twirp/github.actions.results.api.v1.CacheService/';
const MAX_KEY_LENGTH = 512;
const MAX_KEYS = 10;
const STATUS_OF = {
    invalid_argument: 400,
    malformed: 400,
    unauthenticated: 401,
    permission_denied: 403,
    not_found: 404,
    bad_route: 404,
    deadline_exceeded: 408,
    already_exists: 409,
    failed_precondition: 412,
    resource_exhausted: 429,
    internal: 500,
    unimplemented: 501,
    unavailable: 503
};
function codeOf(status) {
    const code = Object.entries(STATUS_OF).find(([, s]) => s === status)?.[0];
    return code ?? (status >= 500 ? 'internal' : 'unknown');
}
class TwirpError extends Error {
    code;
    headers;
    status;
    constructor(code, message, headers = {}, status = STATUS_OF[code] ?? 500) {
        super(message);
        this.code = code;
        this.headers = headers;
        this.status = status;
    }
}
/** Checks a cache key the way the service does: present, ≤ 512 characters, no commas. */
function checkKey(key, field) {
    if (typeof key !== 'string' || key === '') {
        throw new TwirpError('invalid_argument', `${field} is required`);
    }
    if (key.length > MAX_KEY_LENGTH) {
        throw new TwirpError('invalid_argument', `${field} is longer than ${MAX_KEY_LENGTH} characters`);
    }
    if (key.includes(','))
        throw new TwirpError('invalid_argument', `${field} cannot contain commas`);
    return key;
}
function checkVersion(version) {
    if (typeof version !== 'string' || version === '') {
        throw new TwirpError('invalid_argument', 'version is required');
    }
    return version;
}
/** Where a write goes, or the answer that tells the client its token may not write. */
function writableScope(claims) {
    return (writeScope(claims) ?? {
        ok: false,
        message: 'cache write denied: the token grants no write scope'
    });
}
/**
 * A signed URL's expiry: the configured lifetime, or already past if a fault says so. Whole
 * seconds, as a SAS `se` carries them, so the URL and its reservation expire together.
 */
function urlExpiry(ctx, now) {
    const fault = ctx.faults.take('expired-url');
    if (fault || ctx.faults.roll(ctx.knobs.expiredUrlRate)) {
        ctx.stats.injected.expiredUrls++;
        return Math.floor(now / 1000) * 1000 - 1000;
    }
    return Math.ceil((now + ctx.knobs.urlExpiryMs) / 1000) * 1000;
}
/**
 * A signed download URL. One that a `download-expire` fault expired stays expired, so a URL
 * handed out later in the same second must differ from it: it gets a later expiry, as a URL
 * issued after the old one ran out would.
 */
function downloadUrl(ctx, blob, expires) {
    for (;;) {
        const url = signBlobUrl(ctx.baseUrl, ctx.secret, blob, 'r', expires);
        if (!ctx.expiredSignatures.has(new URL(url).searchParams.get('sig') ?? ''))
            return url;
        expires += 1000;
    }
}
const createCacheEntry = (ctx, claims, body) => {
    const key = checkKey(body.key, 'key');
    const version = checkVersion(body.version);
    const scope = writableScope(claims);
    if (typeof scope !== 'string')
        return scope;
    const now = ctx.now();
    const held = ctx.index.reservation(claims.repo, scope, key, version);
    if (ctx.index.exists(claims.repo, scope, key, version) || (held && held.expires > now)) {
        throw new TwirpError('already_exists', 'cache entry with the same key, version, and scope already exists');
    }
    const { rateLimitPerMinute, rateLimitWindowMs, retryAfterSeconds } = ctx.knobs;
    const wait = ctx.rateLimiter.admit(claims.repo, rateLimitPerMinute, rateLimitWindowMs, now);
    if (wait > 0) {
        ctx.stats.rateLimited++;
        throw new TwirpError('resource_exhausted', 'too many cache entries created, slow down', {
            'Retry-After': String(Math.min(wait, retryAfterSeconds))
        });
    }
    const blob = (0,external_node_crypto_namespaceObject.randomBytes)(16).toString('hex');
    const expires = urlExpiry(ctx, now);
    const taken = ctx.index.reserve({ repo: claims.repo, scope, key, version, blob, expires }, now);
    if (taken.ok && taken.replaced)
        ctx.blobs.remove(taken.replaced.blob);
    return { ok: true, signed_upload_url: signBlobUrl(ctx.baseUrl, ctx.secret, blob, 'cw', expires) };
};
const finalizeCacheEntryUpload = (ctx, claims, body) => {
    const key = checkKey(body.key, 'key');
    const version = checkVersion(body.version);
    const size = Number(body.size_bytes ?? 0);
    if (!Number.isSafeInteger(size) || size < 0) {
        throw new TwirpError('invalid_argument', 'size_bytes must be a non-negative integer');
    }
    const scope = writableScope(claims);
    if (typeof scope !== 'string')
        return scope;
    const reservation = ctx.index.reservation(claims.repo, scope, key, version);
    if (!reservation) {
        if (ctx.index.exists(claims.repo, scope, key, version)) {
            throw new TwirpError('already_exists', 'cache entry is already finalized');
        }
        throw new TwirpError('not_found', 'no cache entry is being uploaded with this key and version');
    }
    const uploaded = ctx.blobs.size(reservation.blob);
    if (uploaded === undefined) {
        throw new TwirpError('failed_precondition', 'the archive has not been uploaded');
    }
    if (uploaded !== size) {
        throw new TwirpError('invalid_argument', `size_bytes ${size} does not match the uploaded archive's ${uploaded} bytes`);
    }
    const entry = ctx.index.commit(reservation, size, ctx.now());
    ctx.stats.entriesCreated++;
    evict(ctx);
    return { ok: true, entry_id: String(entry.id) };
};
const getCacheEntryDownloadURL = (ctx, claims, body) => {
    const key = checkKey(body.key, 'key');
    const restoreKeys = body.restore_keys ?? [];
    if (!Array.isArray(restoreKeys)) {
        throw new TwirpError('invalid_argument', 'restore_keys must be a list');
    }
    if (restoreKeys.length + 1 > MAX_KEYS) {
        throw new TwirpError('invalid_argument', `at most ${MAX_KEYS} keys, restore keys included`);
    }
    const keys = [key, ...restoreKeys.map((k, i) => checkKey(k, `restore_keys[${i}]`))];
    const version = checkVersion(body.version);
    const scopes = readScopes(claims);
    if (scopes.length === 0) {
        throw new TwirpError('permission_denied', 'cache read denied: the token grants no read scope');
    }
    const now = ctx.now();
    evict(ctx, now);
    const entry = ctx.index.find(claims.repo, scopes, keys, version);
    if (!entry) {
        ctx.stats.cacheMisses++;
        return { ok: false, signed_download_url: '', matched_key: '' };
    }
    ctx.stats.cacheHits++;
    entry.lastAccess = now;
    return {
        ok: true,
        signed_download_url: downloadUrl(ctx, entry.blob, urlExpiry(ctx, now)),
        matched_key: entry.key
    };
};
const HANDLERS = {
    CreateCacheEntry: createCacheEntry,
    FinalizeCacheEntryUpload: finalizeCacheEntryUpload,
    GetCacheEntryDownloadURL: getCacheEntryDownloadURL
};
function twirp_authenticate(ctx, req) {
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!match)
        throw new TwirpError('unauthenticated', 'missing bearer token');
    const claims = verifyToken(ctx.secret, match[1], ctx.now());
    if (typeof claims === 'string')
        throw new TwirpError('unauthenticated', claims);
    return claims;
}
function injectedFault(ctx, method) {
    const forced = ctx.faults.take(`api:${method}`, 'api');
    if (forced)
        return forced;
    return ctx.faults.roll(ctx.knobs.apiErrorRate) ? { kind: 'api' } : undefined;
}
async function handleTwirp(ctx, req, res, method) {
    const known = TWIRP_METHODS.includes(method);
    const op = known ? method : 'unknownMethod';
    ctx.stats.api[op]++;
    const reply = (status, body, headers) => {
        countStatus(ctx.stats, op, status);
        sendJson(res, status, body, headers);
        ctx.log(`${method} ${status}${body.code ? ` ${body.code}: ${body.msg}` : ''}`);
    };
    try {
        if (ctx.knobs.apiLatencyMs > 0)
            await (0,promises_namespaceObject.setTimeout)(ctx.knobs.apiLatencyMs);
        const fault = injectedFault(ctx, method);
        if (fault) {
            ctx.stats.injected.apiErrors++;
            const status = fault.status ?? 500;
            const headers = status === 429 ? { 'Retry-After': String(ctx.knobs.retryAfterSeconds) } : {};
            throw new TwirpError(codeOf(status), `injected fault (${status})`, headers, status);
        }
        if (!known || req.method !== 'POST') {
            throw new TwirpError('bad_route', `no handler for ${req.method} ${method}`);
        }
        if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
            throw new TwirpError('bad_route', 'only application/json requests are served');
        }
        let claims;
        try {
            claims = twirp_authenticate(ctx, req);
        }
        catch (err) {
            ctx.stats.unauthenticated++;
            throw err;
        }
        let body;
        try {
            body = JSON.parse((await readBody(req, 1 << 20)).toString('utf8'));
        }
        catch (err) {
            throw new TwirpError('malformed', err instanceof BodyTooLarge ? err.message : 'invalid JSON');
        }
        if (typeof body !== 'object' || body === null || Array.isArray(body)) {
            throw new TwirpError('malformed', 'the request must be a JSON object');
        }
        reply(200, HANDLERS[op](ctx, claims, body));
    }
    catch (err) {
        if (!(err instanceof TwirpError))
            ctx.log(`${method}: ${err.stack ?? err}`);
        const { code, message, headers, status } = err instanceof TwirpError ? err : new TwirpError('internal', err.message);
        reply(status, { code, msg: message }, headers);
    }
}

;// CONCATENATED MODULE: ./src/emulator/emulator.ts
// startEmulator(): an emulator of the GitHub Actions cache service (v2) on one local port:
// the twirp API, the blob endpoints behind its signed URLs, the REST API's cache endpoints,
// and /_emulator/ controls. Its clock can run ahead of the real one (advanceClock()).



















async function startEmulator(options = {}) {
    const { port = 0, host = '127.0.0.1', dataDir, secret, log = () => { }, ...knobPatch } = options;
    const knobs = mergeKnobs({ ...DEFAULT_KNOBS }, knobPatch);
    const ownDir = !dataDir;
    const dir = dataDir ?? external_node_fs_namespaceObject.mkdtempSync(external_node_path_namespaceObject.join(external_node_os_namespaceObject.tmpdir(), 'go-cache-emulator-'));
    const ctx = {
        knobs,
        now: () => Date.now() + ctx.knobs.clockOffsetMs,
        stats: emptyStats(),
        secret: secret ? Buffer.from(secret) : (0,external_node_crypto_namespaceObject.randomBytes)(32),
        baseUrl: '',
        faults: new Faults(knobs.seed),
        index: new EntryIndex(),
        blobs: new BlobStore(dir),
        rateLimiter: new RateLimiter(),
        expiredSignatures: new Set(),
        uploadLink: new Bandwidth(() => ctx.knobs.blobBandwidthBytesPerSec),
        downloadLink: new Bandwidth(() => ctx.knobs.blobBandwidthBytesPerSec),
        log
    };
    const emulator = {
        get url() {
            return ctx.baseUrl;
        },
        get apiUrl() {
            return ctx.baseUrl.replace(/\/$/, '');
        },
        get port() {
            return server.address().port;
        },
        dataDir: dir,
        token: scope => mintToken(ctx.secret, typeof scope === 'string' ? { ref: scope } : scope, ctx.now()),
        env: scope => ({
            ACTIONS_CACHE_SERVICE_V2: 'true',
            ACTIONS_RESULTS_URL: ctx.baseUrl,
            ACTIONS_RUNTIME_TOKEN: emulator.token(scope)
        }),
        apiToken: request => {
            try {
                return mintApiToken(ctx.secret, request, ctx.now());
            }
            catch (err) {
                throw new KnobError(err.message);
            }
        },
        now: () => ctx.now(),
        advanceClock: ms => {
            if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
                throw new KnobError(`advanceClock takes a non-negative number of ms, not ${ms}`);
            }
            emulator.configure({ clockOffsetMs: ctx.knobs.clockOffsetMs + ms });
            return ctx.now();
        },
        knobs: () => ({ ...ctx.knobs }),
        configure: patch => {
            const next = mergeKnobs(ctx.knobs, patch);
            if ('seed' in patch)
                ctx.faults.reseed(next.seed);
            ctx.knobs = next;
            // A clock moved on: evict what the service's hourly eviction would have by now.
            if (patch.clockOffsetMs !== undefined)
                evict(ctx);
            return { ...next };
        },
        injectFault: fault => ctx.faults.force(fault),
        pendingFaults: () => ctx.faults.pending(),
        clearFaults: () => ctx.faults.clear(),
        stats: () => structuredClone(ctx.stats),
        resetStats: () => {
            ctx.stats = emptyStats();
        },
        entries: () => ctx.index.list().map(e => ({
            id: e.id,
            repo: e.repo,
            scope: e.scope,
            key: e.key,
            version: e.version,
            size: e.size,
            created: new Date(e.created).toISOString(),
            lastAccess: new Date(e.lastAccess).toISOString()
        })),
        evict: (keyPrefix, how = 'entry') => {
            if (keyPrefix === '')
                throw new KnobError('evict needs a non-empty key prefix');
            const hit = how === 'entry' ? ctx.index.remove(keyPrefix) : ctx.index.matching(keyPrefix);
            for (const e of hit) {
                ctx.blobs.remove(e.blob);
                if (how === 'entry')
                    ctx.stats.entriesEvicted++;
                log(`evicted (${how}) ${e.repo} ${e.scope} ${JSON.stringify(e.key)}`);
            }
            return hit.length;
        },
        close: async () => {
            await new Promise(resolve => {
                server.close(() => resolve());
                server.closeAllConnections();
            });
            if (ownDir)
                external_node_fs_namespaceObject.rmSync(dir, { recursive: true, force: true });
        }
    };
    const route = async (req, res) => {
        const url = new URL(req.url ?? '/', ctx.baseUrl);
        // Every answer's Date is the emulator's clock, not the real one Node would write.
        res.setHeader('Date', new Date(ctx.now()).toUTCString());
        if (url.pathname.startsWith(TWIRP_PREFIX)) {
            return handleTwirp(ctx, req, res, url.pathname.slice(TWIRP_PREFIX.length));
        }
        if (url.pathname.startsWith(BLOB_PREFIX))
            return handleBlob(ctx, req, res, url);
        if (url.pathname.startsWith(REST_PREFIX))
            return handleRest(ctx, req, res, url);
        if (url.pathname.startsWith(CONTROL_PREFIX)) {
            return handleControl(emulator, req, res, url.pathname.slice(CONTROL_PREFIX.length));
        }
        if (url.pathname.startsWith('/twirp/')) {
            ctx.stats.api.unknownMethod++;
            return sendJson(res, 404, { code: 'bad_route', msg: `no service at ${url.pathname}` });
        }
        sendJson(res, 404, { error: `nothing at ${url.pathname}` });
    };
    // Slow, throttled uploads may take longer than Node's default 5-minute request timeout.
    const server = (0,external_node_http_namespaceObject.createServer)({ requestTimeout: 0 }, (req, res) => {
        route(req, res).catch(err => {
            log(`unhandled: ${err.stack ?? err}`);
            if (!res.headersSent)
                sendJson(res, 500, { error: String(err) });
            else
                res.destroy();
        });
    });
    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
    });
    const bound = server.address().port;
    ctx.baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${bound}/`;
    return emulator;
}

;// CONCATENATED MODULE: ./src/runner-sim/index.ts
// The runner simulation as a library for the demo and the benchmark (dist/runner-sim), with
// the cache service emulator it runs jobs against.





var __webpack_exports__commitAll = __webpack_exports__.fi;
var __webpack_exports__freshClone = __webpack_exports__.e4;
var __webpack_exports__initRepository = __webpack_exports__.zY;
var __webpack_exports__runSimulatedJob = __webpack_exports__.r6;
var __webpack_exports__runnerNode = __webpack_exports__.fk;
var __webpack_exports__setContentTimes = __webpack_exports__.MO;
var __webpack_exports__startEmulator = __webpack_exports__.sJ;
export { __webpack_exports__commitAll as commitAll, __webpack_exports__freshClone as freshClone, __webpack_exports__initRepository as initRepository, __webpack_exports__runSimulatedJob as runSimulatedJob, __webpack_exports__runnerNode as runnerNode, __webpack_exports__setContentTimes as setContentTimes, __webpack_exports__startEmulator as startEmulator };
