// Runs the bundled plugin (dist/cli/index.js, rebuilt by `npm test`'s pretest) as Go would.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import * as path from 'node:path'
import { parseAnswers, type Answer } from './protocol.js'

export const CLI = path.resolve('dist/cli/index.js')

export function startCli(args: string[], env: NodeJS.ProcessEnv = process.env): CliProcess {
  return new CliProcess(spawn(process.execPath, [CLI, ...args], { env }))
}

/** A plugin process with its stdout parsed as answers and its stderr kept as text. */
export class CliProcess {
  stdout = ''
  stderr = ''
  readonly exited: Promise<number | null>

  constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (d: Buffer) => (this.stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()))
    this.exited = new Promise(resolve => child.on('close', code => resolve(code)))
  }

  send(text: string | Buffer): void {
    this.child.stdin.write(text)
  }

  answers(): Answer[] {
    return parseAnswers(this.stdout)
  }

  /** Waits until an answer with this ID arrives (or the process exits). */
  async waitFor(id: number, timeoutMs = 10000): Promise<Answer | undefined> {
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      const found = this.answers().find(a => a.ID === id)
      if (found) return found
      if (this.child.exitCode !== null) return undefined
      await new Promise(r => setTimeout(r, 10))
    }
    return undefined
  }

  async finish(): Promise<number | null> {
    this.child.stdin.end()
    return this.exited
  }
}

/** Starts `go-cache serve` and waits for its ready line. */
export async function startDaemon(
  dir: string,
  socket: string,
  extra: string[] = [],
  env: NodeJS.ProcessEnv = process.env
) {
  const daemon = startCli(['serve', '--dir', dir, '--socket', socket, ...extra], env)
  const deadline = Date.now() + 15000
  while (!/^ready /m.test(daemon.stderr)) {
    if (Date.now() > deadline || daemon.child.exitCode !== null) {
      throw new Error(`daemon did not start: ${daemon.stderr}`)
    }
    await new Promise(r => setTimeout(r, 10))
  }
  return daemon
}
