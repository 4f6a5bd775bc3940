// Module proxy paths and GOPROXY lists, parsed as Go writes and reads them.
import { describe, expect, it } from '@jest/globals'
import { parseModuleRequest } from '../src/modules/module-request.js'
import { parseProxyList } from '../src/modules/upstream.js'

describe('module proxy paths', () => {
  it('names the immutable files of canonical versions, escaped as Go sends them', () => {
    expect(parseModuleRequest('github.com/!burnt!sushi/toml/@v/v1.4.0.zip')).toEqual({
      kind: 'file',
      path: 'github.com/!burnt!sushi/toml/@v/v1.4.0.zip',
      module: 'github.com/!burnt!sushi/toml',
      version: 'v1.4.0',
      ext: 'zip'
    })
    expect(
      parseModuleRequest('golang.org/toolchain/@v/v0.0.1-go1.25.0.linux-amd64.zip')
    ).toMatchObject({
      kind: 'file',
      version: 'v0.0.1-go1.25.0.linux-amd64'
    })
    expect(parseModuleRequest('example.com/m/@v/v2.0.0+incompatible.mod')).toMatchObject({
      kind: 'file'
    })
    expect(parseModuleRequest('example.com/m/@v/v1.0.0-!r!c1.info')).toMatchObject({
      version: 'v1.0.0-RC1'
    })
  })

  it('leaves what changes over time to the job chain', () => {
    for (const rest of [
      'example.com/m/@v/list',
      'example.com/m/@latest',
      'example.com/m/@v/master.info',
      'example.com/m/@v/v1.info',
      'example.com/m/@v/v1.2.3+meta.info'
    ]) {
      expect(parseModuleRequest(rest)).toEqual({ kind: 'mutable' })
    }
    expect(parseModuleRequest('sumdb/sum.golang.org/supported')).toEqual({ kind: 'sumdb' })
  })

  it('refuses paths Go would never send', () => {
    for (const rest of [
      '',
      'example.com/../x/@v/v1.0.0.zip',
      '../example.com/@v/v1.0.0.zip',
      '/example.com/@v/v1.0.0.zip',
      'example.com//x/@v/v1.0.0.zip',
      'example.com/./x/@v/v1.0.0.zip',
      'example.com/Up/@v/v1.0.0.zip',
      'example.com/x!/@v/v1.0.0.zip',
      'example.com/x!1/@v/v1.0.0.zip',
      'example.com\\x/@v/v1.0.0.zip',
      'nodot/x/@v/v1.0.0.zip',
      '-x.com/y/@v/v1.0.0.zip',
      'example.com/x/@v/V1.0.0.zip',
      'example.com/x/@v/v1.0.0.tar',
      'example.com/x/@v/v1.0.0.zip/more',
      'example.com/x/@v/.zip'
    ]) {
      expect({ rest, parsed: parseModuleRequest(rest) }).toEqual({ rest, parsed: undefined })
    }
  })
})

describe('GOPROXY lists', () => {
  it('split like Go: separators, implicit https, direct and off end the list', () => {
    expect(parseProxyList('https://proxy.golang.org,direct')).toEqual([
      { url: 'https://proxy.golang.org', fallBackOnError: false },
      { url: 'direct', fallBackOnError: false }
    ])
    expect(parseProxyList(' corp.example/go/ | file:///srv/mods ,off,https://never')).toEqual([
      { url: 'https://corp.example/go', fallBackOnError: true },
      { url: 'file:///srv/mods', fallBackOnError: false },
      { url: 'off', fallBackOnError: false }
    ])
    expect(parseProxyList(',,')).toEqual([])
  })
})
