import { exitWhenIdle } from '../util/exit.js'
import { runPost } from '../action/post-impl.js'

// exitWhenIdle ends the process even if a handle is left open, so the post step can never
// hang; runPost turns every failure into a warning.
await runPost()
exitWhenIdle(0)
