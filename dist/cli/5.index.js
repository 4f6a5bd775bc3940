export const id = 5;
export const ids = [5];
export const modules = {

/***/ 5:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   callDaemon: () => (/* binding */ callDaemon)
/* harmony export */ });
/* unused harmony export DaemonTimeout */
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _socket_path_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3103);
// Talks to a running daemon with its own commands (stats, stop) over the GOCACHEPROG framing.


/** The daemon took longer than the caller allowed (it may still be working on it). */
class DaemonTimeout extends Error {
}
async function callDaemon(socket, command, 
// Flushing uploads everything pending: give it time.
timeoutMs = command === 'stats' ? 30_000 : 600_000) {
    return new Promise((resolve, reject) => {
        const conn = node_net__WEBPACK_IMPORTED_MODULE_0__.connect((0,_socket_path_js__WEBPACK_IMPORTED_MODULE_1__/* .socketAddress */ .Q)(socket));
        let buffered = '';
        const timer = setTimeout(() => {
            conn.destroy();
            reject(new DaemonTimeout(`daemon at ${socket} did not answer ${command} within ${timeoutMs} ms`));
        }, timeoutMs);
        conn.setEncoding('utf8');
        conn.on('connect', () => conn.write(JSON.stringify({ ID: 1, Command: command }) + '\n\n'));
        conn.on('data', (text) => {
            buffered += text;
            let nl;
            while ((nl = buffered.indexOf('\n')) >= 0) {
                const line = buffered.slice(0, nl);
                buffered = buffered.slice(nl + 1);
                const res = JSON.parse(line);
                if (res.ID !== 1)
                    continue;
                clearTimeout(timer);
                conn.end();
                if (res.Err)
                    reject(new Error(res.Err));
                else
                    resolve(res.Data);
            }
        });
        conn.on('error', err => {
            clearTimeout(timer);
            reject(new Error(`cannot reach the daemon at ${socket}: ${err.message}`));
        });
    });
}


/***/ }),

/***/ 3103:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ socketAddress)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _util_sha256_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6701);


/**
 * The address the daemon listens on. Windows has no Unix sockets for Node: a path there
 * becomes a named pipe derived from it, so `serve` and `connect` agree on the same name.
 * No node:crypto here: the bridge computes it on every start.
 */
function socketAddress(socket, platform = process.platform) {
    if (platform !== 'win32' || socket.startsWith('\\\\.\\pipe\\'))
        return socket;
    return `\\\\.\\pipe\\go-cache-${(0,_util_sha256_js__WEBPACK_IMPORTED_MODULE_1__/* .sha256Hex */ .f)(node_path__WEBPACK_IMPORTED_MODULE_0__.resolve(socket)).slice(0, 16)}`;
}


/***/ }),

/***/ 6701:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ sha256Hex)
/* harmony export */ });
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


/***/ })

};
