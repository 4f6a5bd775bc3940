import * as core from '@actions/core'

// Placeholder until the action's post step lands: load, say so, succeed.
core.notice('go-cache-action: the post step is not implemented yet; nothing to flush.')
