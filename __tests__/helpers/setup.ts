// Runs in every test file: temp dirs made through the helper go when the file is done.
import { afterAll } from '@jest/globals'
import { removeTempDirs } from './tmp.js'

afterAll(() => removeTempDirs())
