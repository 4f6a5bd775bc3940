// Windows will not rename over a file another process holds open. Linux lets root do it, so
// the refusal is simulated: node:fs with a renameSync that refuses to replace a file.

import { expect, jest, test } from '@jest/globals'
import * as realFs from 'node:fs'

let refuseReplace = false
jest.unstable_mockModule('node:fs', () => ({
  ...realFs,
  renameSync: (from: realFs.PathLike, to: realFs.PathLike) => {
    if (refuseReplace && realFs.existsSync(to)) {
      throw Object.assign(new Error(`EPERM: operation not permitted, rename '${from}'`), {
        code: 'EPERM'
      })
    }
    return realFs.renameSync(from, to)
  }
}))
const { LocalStore } = await import('../src/store/local-store.js')
const { actionId, sha256 } = await import('./helpers/protocol.js')
const { tempDir } = await import('./helpers/tmp.js')

test('an output Windows will not replace is kept when it already holds the same bytes', async () => {
  const dir = tempDir()
  const body = Buffer.from('object file held open by go')
  const outputHex = sha256(body).toString('hex')
  expect(
    (await LocalStore.open(dir)).importSync(actionId(1).toString('hex'), outputHex, body, 1)
  ).toBe(true)

  refuseReplace = true
  try {
    // A new process does not know it wrote that file, so it publishes the output again.
    const store = await LocalStore.open(dir)
    expect(store.importSync(actionId(2).toString('hex'), outputHex, body, 2)).toBe(true)
    const entry = await store.get(actionId(2))
    expect(entry && realFs.readFileSync(entry.diskPath).equals(body)).toBe(true)

    // Other bytes under that name are not taken for ours: the put fails, nothing is recorded.
    const other = await LocalStore.open(dir)
    realFs.writeFileSync(entry!.diskPath, Buffer.from('object file held open by gO'))
    expect(() => other.importSync(actionId(3).toString('hex'), outputHex, body, 3)).toThrow(/EPERM/)
    expect(await other.get(actionId(3))).toBeUndefined()
  } finally {
    refuseReplace = false
  }
})
