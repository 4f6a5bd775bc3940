import { runMain } from '../action/main-impl.js'

// Exit explicitly: nothing the main step started may keep this process (and the job) waiting.
await runMain()
process.exit(0)
