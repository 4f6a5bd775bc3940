// Bundles the entry points into dist/ with ncc: what action.yml runs, the go-cache CLI, the
// bridge GOCACHEPROG runs (dist/bridge: `connect` alone, started once per go command), and the
// Actions cache service emulator.
import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'

for (const entry of ['main', 'post', 'cli', 'bridge', 'emulator', 'runner-sim']) {
  rmSync(`dist/${entry}`, { recursive: true, force: true })
  execFileSync(
    process.execPath,
    [
      'node_modules/@vercel/ncc/dist/ncc/cli.js',
      'build',
      `src/${entry}/index.ts`,
      '-o',
      `dist/${entry}`,
      '--quiet',
      '--target',
      'es2023'
    ],
    { stdio: 'inherit' }
  )
}
