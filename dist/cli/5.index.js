export const id = 5;
export const ids = [5];
export const modules = {

/***/ 5:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   callDaemon: () => (/* binding */ callDaemon)
/* harmony export */ });
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _socket_path_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3103);
// Talks to a running daemon with its own commands (stats, stop) over the GOCACHEPROG framing.


async function callDaemon(socket, command, 
// Flushing uploads everything pending: give it time.
timeoutMs = command === 'stats' ? 30_000 : 600_000) {
    return new Promise((resolve, reject) => {
        const conn = node_net__WEBPACK_IMPORTED_MODULE_0__.connect((0,_socket_path_js__WEBPACK_IMPORTED_MODULE_1__/* .socketAddress */ .Q)(socket));
        let buffered = '';
        const timer = setTimeout(() => {
            conn.destroy();
            reject(new Error(`daemon at ${socket} did not answer ${command} within ${timeoutMs} ms`));
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
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);


/**
 * The address the daemon listens on. Windows has no Unix sockets for Node: a path there
 * becomes a named pipe derived from it, so `serve` and `connect` agree on the same name.
 */
function socketAddress(socket) {
    if (process.platform !== 'win32' || socket.startsWith('\\\\.\\pipe\\'))
        return socket;
    const digest = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(socket)).digest('hex').slice(0, 16);
    return `\\\\.\\pipe\\go-cache-${digest}`;
}


/***/ })

};
