import * as core from '@actions/core'

// Placeholder until the action's main step lands: load, say so, succeed.
core.notice('go-cache-action: the main step is not implemented yet; Go builds run uncached.')
