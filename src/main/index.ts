import { exitWhenIdle } from '../util/exit.js'
import { runMain } from '../action/main-impl.js'

// Nothing the main step started may keep this process (and the job) waiting: exitWhenIdle
// ends it even if a handle is left open.
await runMain()
exitWhenIdle(0)
