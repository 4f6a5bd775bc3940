// unpack-modules: puts module versions the daemon restored from module bundles into
// GOMODCACHE as Go's own download leaves them, so `go mod download` and builds find them
// there instead of asking the proxy. Go would fetch each zip, inflate every file to hash it
// against go.sum, then inflate it all again to extract it; here each file is inflated once,
// written and hashed in the same pass, and a version counts only when its hash equals the
// go.sum line it came with.
//
// Go's own rules for the module cache are kept, because a go command may run at the same
// time: the version's lock file (flock, as cmd/go's lockedfile), a .partial marker while the
// tree is written, files 0444 and directories read-only, the .ziphash written last. A version
// Go already holds the lock for is left to Go.
//
// usage: go-cache-bridge unpack-modules --gomodcache DIR
// stdin: one file a line, tab-separated:
//
//	zip   <module path> <version> <go.sum h1: hash> <zip file>   the tree, .zip and .ziphash
//	mod   <module path> <version> <file>                         the .mod (go checks it against go.sum)
//	info  <module path> <version> <file>                         the .info
//
// stdout: one JSON line of counts; problems go to stderr.
package main

import (
	"archive/zip"
	"bufio"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
)

const unpackUsage = "usage: go-cache-bridge unpack-modules --gomodcache DIR < versions"

// moduleFile is one line of the input: sum is set for zips only.
type moduleFile struct {
	kind, path, version, sum, file string
}

type unpackCounts struct {
	Unpacked int   `json:"unpacked"`
	Present  int   `json:"present"`
	Busy     int   `json:"busy"`
	Failed   int   `json:"failed"`
	Metadata int   `json:"metadata"`
	Files    int   `json:"files"`
	Bytes    int64 `json:"bytes"`
}

func runUnpack(args []string) int {
	var root string
	for i := 0; i < len(args); i++ {
		flag, value, inline := strings.Cut(args[i], "=")
		if !inline && i+1 < len(args) {
			i++
			value = args[i]
		}
		switch flag {
		case "--gomodcache":
			root = value
		case "--log-level":
			setLogLevel(value)
		default:
			fmt.Fprintf(os.Stderr, "go-cache: unexpected %s\n%s\n", args[i], unpackUsage)
			return 2
		}
	}
	if !filepath.IsAbs(root) {
		fmt.Fprintf(os.Stderr, "go-cache: --gomodcache needs an absolute path\n%s\n", unpackUsage)
		return 2
	}
	items, err := readModuleFiles(os.Stdin)
	if err != nil {
		logf("error", "unpack-modules: %v", err)
		return 2
	}

	var counts unpackCounts
	var mu sync.Mutex
	work := make(chan moduleFile)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := make([]byte, 128<<10)
			for v := range work {
				outcome, files, bytes, err := place(root, v, buf)
				if err != nil {
					logf("warn", "unpack-modules: %s@%s left to go: %v", v.path, v.version, err)
				}
				mu.Lock()
				switch outcome {
				case "unpacked":
					counts.Unpacked++
					counts.Files += files
					counts.Bytes += bytes
				case "metadata":
					counts.Metadata++
				case "present":
					counts.Present++
				case "kept":
				case "busy":
					counts.Busy++
				default:
					counts.Failed++
				}
				mu.Unlock()
			}
		}()
	}
	for _, item := range items {
		work <- item
	}
	close(work)
	wg.Wait()
	if err := json.NewEncoder(os.Stdout).Encode(counts); err != nil {
		return 1
	}
	return 0
}

func readModuleFiles(r io.Reader) ([]moduleFile, error) {
	var items []moduleFile
	scanner := bufio.NewScanner(r)
	for n := 1; scanner.Scan(); n++ {
		f := strings.Split(scanner.Text(), "\t")
		var item moduleFile
		switch {
		case len(f) == 5 && f[0] == "zip" && strings.HasPrefix(f[3], "h1:"):
			item = moduleFile{f[0], f[1], f[2], f[3], f[4]}
		case len(f) == 4 && (f[0] == "mod" || f[0] == "info"):
			item = moduleFile{f[0], f[1], f[2], "", f[3]}
		default:
			return nil, fmt.Errorf("line %d: want zip, mod or info and its fields, tab-separated", n)
		}
		if !cacheNameOK(escapeModule(item.path)) || !cacheNameOK(escapeModule(item.version)) ||
			strings.Contains(item.version, "/") {
			return nil, fmt.Errorf("line %d: %q@%q is not a module version", n, item.path, item.version)
		}
		items = append(items, item)
	}
	return items, scanner.Err()
}

// place puts one input line's file(s) in the module cache.
func place(root string, v moduleFile, buf []byte) (string, int, int64, error) {
	if v.kind == "zip" {
		return unpackVersion(root, v, buf)
	}
	base := filepath.Join(root, "cache", "download", filepath.FromSlash(escapeModule(v.path)),
		"@v", escapeModule(v.version))
	dst := base + "." + v.kind
	if _, err := os.Stat(dst); err == nil {
		return "kept", 0, 0, nil
	}
	if err := os.MkdirAll(filepath.Dir(base), 0o777); err != nil {
		return "failed", 0, 0, err
	}
	data, err := os.ReadFile(v.file)
	if err == nil {
		err = writeFileAtomic(dst, data)
	}
	if err != nil {
		return "failed", 0, 0, err
	}
	return "metadata", 0, 0, nil
}

// unpackVersion returns "unpacked", "present" (complete already), "busy" (a go command holds
// its lock, or left it half done: go cleans that up itself) or "failed".
func unpackVersion(root string, v moduleFile, buf []byte) (string, int, int64, error) {
	escPath, escVersion := escapeModule(v.path), escapeModule(v.version)
	dir := filepath.Join(root, filepath.FromSlash(escPath)+"@"+escVersion)
	base := filepath.Join(root, "cache", "download", filepath.FromSlash(escPath), "@v", escVersion)
	if complete(dir, base) {
		return "present", 0, 0, nil
	}
	if err := os.MkdirAll(filepath.Dir(base), 0o777); err != nil {
		return "failed", 0, 0, err
	}
	lock, err := os.OpenFile(base+".lock", os.O_RDWR|os.O_CREATE, 0o666)
	if err != nil {
		return "failed", 0, 0, err
	}
	defer lock.Close() // releases the lock
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return "busy", 0, 0, nil
		}
		return "failed", 0, 0, err
	}
	if complete(dir, base) {
		return "present", 0, 0, nil
	}
	if _, err := os.Lstat(dir); err == nil {
		return "busy", 0, 0, nil
	}

	partial := base + ".partial"
	if err := os.WriteFile(partial, nil, 0o666); err != nil {
		return "failed", 0, 0, err
	}
	files, bytes, sum, err := extractZip(dir, v, buf)
	if err == nil && sum != v.sum {
		err = fmt.Errorf("its files hash to %s where go.sum has %s", sum, v.sum)
	}
	if err == nil {
		err = placeZip(v.file, base+".zip")
	}
	if err == nil {
		err = writeFileAtomic(base+".ziphash", []byte(sum))
	}
	if err != nil {
		os.RemoveAll(dir) // still writable: directories are made read-only last
		os.Remove(partial)
		return "failed", 0, 0, err
	}
	if !modCacheRW() {
		makeDirsReadOnly(dir)
	}
	if err := os.Remove(partial); err != nil {
		return "failed", 0, 0, err
	}
	return "unpacked", files, bytes, nil
}

// complete is cmd/go's DownloadDir test: the tree, no .partial marker, a .ziphash.
func complete(dir, base string) bool {
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return false
	}
	if _, err := os.Stat(base + ".partial"); !errors.Is(err, fs.ErrNotExist) {
		return false
	}
	_, err := os.Stat(base + ".ziphash")
	return err == nil
}

// extractZip writes the zip's files under dir as x/mod/zip.Unzip does, and returns the
// zip's dirhash h1 sum (x/mod/sumdb/dirhash.HashZip) from the same single read.
func extractZip(dir string, v moduleFile, buf []byte) (int, int64, string, error) {
	z, err := zip.OpenReader(v.file)
	if err != nil {
		return 0, 0, "", err
	}
	defer z.Close()
	prefix := v.path + "@" + v.version + "/"
	type fileSum struct {
		name string
		sum  []byte
	}
	sums := make([]fileSum, 0, len(z.File))
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return 0, 0, "", err
	}
	made := map[string]bool{dir: true}
	var files int
	var total int64
	for _, zf := range z.File {
		rel, ok := strings.CutPrefix(zf.Name, prefix)
		if !ok || strings.Contains(zf.Name, "\n") {
			return 0, 0, "", fmt.Errorf("unexpected file %q in the zip", zf.Name)
		}
		h := sha256.New()
		if rel == "" || strings.HasSuffix(rel, "/") {
			// A directory entry: hashed as HashZip hashes it, nothing to write.
			if err := copyEntry(h, zf, buf); err != nil {
				return 0, 0, "", err
			}
			sums = append(sums, fileSum{zf.Name, h.Sum(nil)})
			continue
		}
		local := filepath.FromSlash(rel)
		if !filepath.IsLocal(local) || strings.Contains(rel, `\`) {
			return 0, 0, "", fmt.Errorf("unsafe file name %q in the zip", zf.Name)
		}
		dst := filepath.Join(dir, local)
		if parent := filepath.Dir(dst); !made[parent] {
			if err := os.MkdirAll(parent, 0o777); err != nil {
				return 0, 0, "", err
			}
			made[parent] = true
		}
		n, err := writeEntry(dst, h, zf, buf)
		if err != nil {
			return 0, 0, "", err
		}
		files++
		total += n
		sums = append(sums, fileSum{zf.Name, h.Sum(nil)})
	}
	slices.SortFunc(sums, func(a, b fileSum) int { return strings.Compare(a.name, b.name) })
	summary := sha256.New()
	for _, s := range sums {
		fmt.Fprintf(summary, "%x  %s\n", s.sum, s.name)
	}
	return files, total, "h1:" + base64.StdEncoding.EncodeToString(summary.Sum(nil)), nil
}

func copyEntry(h hash.Hash, zf *zip.File, buf []byte) error {
	r, err := zf.Open()
	if err != nil {
		return err
	}
	defer r.Close()
	_, err = io.CopyBuffer(h, r, buf)
	return err
}

// writeEntry creates dst (0444, never over an existing file) with the entry's bytes, which
// archive/zip checks against the entry's size and CRC-32 as it reads them.
func writeEntry(dst string, h hash.Hash, zf *zip.File, buf []byte) (int64, error) {
	w, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o444)
	if err != nil {
		return 0, err
	}
	r, err := zf.Open()
	if err != nil {
		w.Close()
		return 0, err
	}
	n, err := io.CopyBuffer(io.MultiWriter(w, h), r, buf)
	r.Close()
	if closeErr := w.Close(); err == nil {
		err = closeErr
	}
	return n, err
}

// placeZip puts the zip beside the tree (`go mod download` wants both): a hard link to the
// store's copy when they share a file system, else a copy.
func placeZip(from, to string) error {
	if _, err := os.Stat(to); err == nil {
		return nil
	}
	return replaceFile(to, func(tmp string) error {
		if os.Link(from, tmp) == nil {
			return nil
		}
		return copyFile(from, tmp)
	})
}

func copyFile(from, to string) error {
	r, err := os.Open(from)
	if err != nil {
		return err
	}
	defer r.Close()
	w, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o666)
	if err != nil {
		return err
	}
	_, err = io.Copy(w, r)
	if closeErr := w.Close(); err == nil {
		err = closeErr
	}
	return err
}

func writeFileAtomic(path string, data []byte) error {
	return replaceFile(path, func(tmp string) error { return os.WriteFile(tmp, data, 0o666) })
}

// replaceFile has fill write a temporary file beside path, then renames it into place, so a
// go command never reads half a file.
func replaceFile(path string, fill func(tmp string) error) error {
	tmp := fmt.Sprintf("%s.%d.go-cache.tmp", path, os.Getpid())
	os.Remove(tmp)
	err := fill(tmp)
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// modCacheRW is go's -modcacherw as GOFLAGS in our environment (the job's) sets it.
func modCacheRW() bool {
	for _, flag := range strings.Fields(os.Getenv("GOFLAGS")) {
		name, value, _ := strings.Cut(strings.TrimPrefix(flag, "-"), "=")
		if name == "-modcacherw" || name == "modcacherw" {
			return value == "" || value == "true"
		}
	}
	return false
}

// makeDirsReadOnly is cmd/go's: children before parents.
func makeDirsReadOnly(dir string) {
	var dirs []string
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			dirs = append(dirs, path)
		}
		return nil
	})
	for i := len(dirs) - 1; i >= 0; i-- {
		if info, err := os.Stat(dirs[i]); err == nil {
			os.Chmod(dirs[i], info.Mode().Perm()&^0o222)
		}
	}
}

// escapeModule is module.EscapePath's case rule: an upper-case letter becomes '!' and its
// lower case, as in GOMODCACHE's names.
func escapeModule(s string) string {
	var b strings.Builder
	for _, r := range s {
		if 'A' <= r && r <= 'Z' {
			b.WriteByte('!')
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// cacheNameOK keeps every name we build inside GOMODCACHE: the characters module paths and
// versions may use, and no empty, "." or ".." element.
func cacheNameOK(s string) bool {
	if s == "" || len(s) > 1024 {
		return false
	}
	for _, elem := range strings.Split(s, "/") {
		if elem == "" || elem == "." || elem == ".." {
			return false
		}
		for _, r := range elem {
			ok := r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || strings.ContainsRune("!._~+-", r)
			if !ok {
				return false
			}
		}
	}
	return true
}
