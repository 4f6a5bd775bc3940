// The runner simulation as a library for the demo and the benchmark (dist/runner-sim), with
// the cache service emulator it runs jobs against.

export { runSimulatedJob, runnerNode } from './simulated-job.js'
export { commitAll, freshClone, initRepository } from './checkout.js'
export { setContentTimes } from '../checkout/content-times.js'
export type {
  GoStep,
  HookStep,
  SimulatedJobOptions,
  SimulatedJobResult,
  StepResult
} from './simulated-job.js'
export { startEmulator } from '../emulator/emulator.js'
export type { Emulator } from '../emulator/emulator.js'
