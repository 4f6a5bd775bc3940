export const id = 461;
export const ids = [461];
export const modules = {

/***/ 7461:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   newStats: () => (/* binding */ newStats)
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
        corruptEntries: 0,
        testsCached: 0
    };
}


/***/ })

};
