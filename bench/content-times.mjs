// How long the main step spends giving a fresh checkout content-derived file times
// (stable-file-times): a generated repository of N tracked files in nested folders, cloned
// afresh (depth 1) before each repetition, as actions/checkout leaves it.
//   npm run package && node bench/content-times.mjs [--files 20000] [--reps 5]
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { parseArgs } from 'node:util'
import { freshClone, initRepository, setContentTimes } from '../dist/runner-sim/index.js'

const { values } = parseArgs({
  options: { files: { type: 'string', default: '20000' }, reps: { type: 'string', default: '5' } }
})
const files = Number(values.files)
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'go-cache-times-'))
try {
  const origin = path.join(work, 'origin')
  // 100 files a folder, 10 folders a parent: about the shape of a large Go module.
  for (let i = 0; i < files; i++) {
    const dir = path.join(origin, `pkg${Math.floor(i / 1000)}`, `sub${Math.floor(i / 100) % 10}`)
    if (i % 100 === 0) fs.mkdirSync(dir, { recursive: true })
    fs.writeFileSync(path.join(dir, `f${i}.go`), `package p\n\n// ${'x'.repeat(i % 4000)}\n`)
  }
  initRepository(origin)
  const workspace = path.join(work, 'workspace')
  const times = []
  for (let rep = 0; rep < Number(values.reps); rep++) {
    freshClone(origin, workspace)
    const report = await setContentTimes(workspace)
    if (report.files !== files) throw new Error(`set ${report.files} of ${files} files`)
    times.push(report.ms)
    console.log(
      `rep ${rep + 1}: ${report.files} files, ${report.dirs} dirs in ${report.ms.toFixed(0)} ms`
    )
  }
  times.sort((a, b) => a - b)
  console.log(
    `${files} tracked files on ${os.cpus().length} cores: median ${times[Math.floor(times.length / 2)].toFixed(0)} ms, ` +
      `min ${times[0].toFixed(0)} ms, max ${times[times.length - 1].toFixed(0)} ms`
  )
} finally {
  fs.rmSync(work, { recursive: true, force: true })
}
