export const id = 572;
export const ids = [572];
export const modules = {

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


/***/ }),

/***/ 1572:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DirectoryBackend: () => (/* binding */ DirectoryBackend)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _backend_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7590);
// A plain directory as the remote tier: a shared disk for self-hosted runners, or local use.
// Entries are files named by key, published once by hard link, like the service's
// immutable entries.




class DirectoryBackend {
    dir;
    name;
    constructor(dir) {
        this.dir = dir;
        this.name = `directory ${dir}`;
    }
    async download(key, into) {
        try {
            await (0,_backend_js__WEBPACK_IMPORTED_MODULE_3__/* .pourFile */ .r)(node_path__WEBPACK_IMPORTED_MODULE_2__.join(this.dir, (0,_backend_js__WEBPACK_IMPORTED_MODULE_3__/* .checkKey */ .y)(key)), into);
            return true;
        }
        catch (err) {
            if (err.code === 'ENOENT')
                return false;
            throw err;
        }
    }
    async upload(key, file) {
        const final = node_path__WEBPACK_IMPORTED_MODULE_2__.join(this.dir, (0,_backend_js__WEBPACK_IMPORTED_MODULE_3__/* .checkKey */ .y)(key));
        await node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir(this.dir, { recursive: true });
        // Copy under a private name first: readers never see a half-written entry.
        const tmp = node_path__WEBPACK_IMPORTED_MODULE_2__.join(this.dir, `.tmp-${process.pid}-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(6).toString('hex')}`);
        await node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.copyFile(file, tmp);
        try {
            await node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.link(tmp, final);
            return { status: 'saved' };
        }
        catch (err) {
            if (err.code === 'EEXIST')
                return { status: 'exists' };
            throw err;
        }
        finally {
            await node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm(tmp, { force: true });
        }
    }
    async restoreNewest(prefixes, file) {
        let names;
        try {
            names = await node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readdir(this.dir);
        }
        catch (err) {
            if (err.code === 'ENOENT')
                return undefined;
            throw err;
        }
        for (const prefix of prefixes) {
            const candidates = names.filter(name => name.startsWith(prefix) && !name.startsWith('.'));
            let newest;
            for (const name of candidates) {
                const { mtimeMs } = await node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat(node_path__WEBPACK_IMPORTED_MODULE_2__.join(this.dir, name));
                if (!newest ||
                    mtimeMs > newest.mtimeMs ||
                    (mtimeMs === newest.mtimeMs && name > newest.name)) {
                    newest = { name, mtimeMs };
                }
            }
            if (newest && (await this.copyOut(newest.name, file)))
                return newest.name;
        }
        return undefined;
    }
    async copyOut(key, file) {
        try {
            await node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.copyFile(node_path__WEBPACK_IMPORTED_MODULE_2__.join(this.dir, (0,_backend_js__WEBPACK_IMPORTED_MODULE_3__/* .checkKey */ .y)(key)), file);
            return true;
        }
        catch (err) {
            if (err.code === 'ENOENT')
                return false;
            throw err;
        }
    }
}


/***/ })

};
