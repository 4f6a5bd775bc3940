// Bundles the entry points into dist/ with ncc: what action.yml runs, the go-cache CLI, the
// bridge GOCACHEPROG runs (dist/bridge: `connect` alone, started once per go command), and the
// Actions cache service emulator; then the native bridge (scripts/native-bridge.mjs), rebuilt
// only when its Go sources change.
import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { buildNativeBridge } from './native-bridge.mjs'

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

buildNativeBridge({ force: process.argv.includes('--force-native') })
