// Builds request streams exactly as cmd/go frames them (see cmd/go/internal/cache/prog.go).
import { createHash } from 'node:crypto'

export function sha256(data: Buffer | string): Buffer {
  return createHash('sha256').update(data).digest()
}

export function actionId(n: number | string): Buffer {
  return sha256(`action ${n}`)
}

export function getLine(id: number, action: Buffer): string {
  return JSON.stringify({ ID: id, Command: 'get', ActionID: action.toString('base64') }) + '\n\n'
}

export function putLine(id: number, action: Buffer, body: Buffer, idField = 'OutputID'): string {
  const header = {
    ID: id,
    Command: 'put',
    ActionID: action.toString('base64'),
    [idField]: sha256(body).toString('base64'),
    ...(body.length > 0 ? { BodySize: body.length } : {})
  }
  const text = JSON.stringify(header) + '\n\n'
  return body.length > 0 ? text + '"' + body.toString('base64') + '"\n' : text
}

export function closeLine(id: number): string {
  return JSON.stringify({ ID: id, Command: 'close' }) + '\n\n'
}

export interface Answer {
  ID: number
  Err?: string
  KnownCommands?: string[]
  Miss?: boolean
  OutputID?: string
  Size?: number
  Time?: string
  DiskPath?: string
  Data?: unknown
}

export function parseAnswers(text: string): Answer[] {
  return text
    .split('\n')
    .filter(line => line !== '')
    .map(line => JSON.parse(line) as Answer)
}
