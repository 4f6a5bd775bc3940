import { describe, expect, it } from '@jest/globals'
import {
  MAX_IDLE_RUNS,
  nextIndex,
  parseIndex,
  serializeIndex,
  type IndexBundle,
  type IndexInputs
} from '../src/remote/cache-index.js'
import { isOwnIndexKey, lowestPinOn, pinOfKeyFor, pinsPart } from '../src/remote/cleanup.js'
import { describeUse, planRepack } from '../src/remote/compaction.js'

const hex = (n: number) => n.toString(16).padStart(64, '0')

function bundle(key: string, actions: number[], idle = 0, owner = 'me'): IndexBundle {
  return {
    key,
    bytes: actions.length * 1000 + 200,
    actions: actions.map(hex),
    sizes: actions.map(() => 1000),
    idle: actions.map(() => idle),
    owner
  }
}

function inputs(patch: Partial<IndexInputs>): IndexInputs {
  return {
    restored: [],
    added: [],
    empty: new Map(),
    used: new Set(),
    owner: 'me',
    pins: {},
    retired: [],
    nowMs: 1000,
    ...patch
  }
}

describe('the index over many runs', () => {
  it('forgets an action after MAX_IDLE_RUNS runs nobody asked for it, and retires its bundle', () => {
    let index = nextIndex(inputs({ added: [{ bundle: bundle('b1', [1, 2]), firstUse: 1 }] }))
    for (let run = 1; run <= MAX_IDLE_RUNS + 1; run++) {
      index = nextIndex(
        inputs({
          restored: index.bundles.map(b => ({ bundle: b, firstUse: 1 })),
          used: new Set([hex(1)]),
          retired: index.retired,
          nowMs: 1000 + run
        })
      )
      const kept = index.bundles[0]
      expect(kept.idle).toEqual(run <= MAX_IDLE_RUNS ? [0, run] : [0])
    }
    // Nobody asks for action 1 either now: after MAX_IDLE_RUNS more, the bundle is retired.
    for (let run = 1; run <= MAX_IDLE_RUNS + 1; run++) {
      index = nextIndex(
        inputs({
          restored: index.bundles.map(b => ({ bundle: b })),
          retired: index.retired,
          nowMs: 2000 + run
        })
      )
    }
    expect(index.bundles).toEqual([])
    expect(index.retired).toEqual([{ key: 'b1', bytes: 2200, ms: 2000 + MAX_IDLE_RUNS + 1 }])
  })

  it('ages empty outputs too, and keeps those asked for', () => {
    let index = nextIndex(
      inputs({
        empty: new Map([
          [hex(7), { timeMs: 5, idle: 0 }],
          [hex(8), { timeMs: 6, idle: MAX_IDLE_RUNS }]
        ]),
        used: new Set([hex(7)])
      })
    )
    expect(index.empty).toEqual([[hex(7), 5, 0]])
    index = parseIndex(serializeIndex(index))
    expect(index.empty).toEqual([[hex(7), 5, 0]])
  })

  it('retires only its own bundles; pins an owner while it names that owner’s bundles', () => {
    const theirs = bundle('theirs', [1], 0, 'them')
    const mine = bundle('mine', [2], 0, 'me')
    const pins = { them: 500, other: 300, me: 100 }
    const borrowed = nextIndex(
      inputs({ restored: [{ bundle: theirs, firstUse: 1 }], used: new Set([hex(1)]), pins })
    )
    // Its own pin and an owner it names nothing of are dropped.
    expect(borrowed.pins).toEqual({ them: 500 })
    // Their bundle is dropped (claimed by this run's own copy): no pin, nothing retired of theirs.
    const own = nextIndex(
      inputs({
        restored: [{ bundle: theirs, firstUse: 1 }, { bundle: bundle('old', [3]) }],
        added: [{ bundle: { ...mine, actions: [hex(1)] }, firstUse: 1 }],
        pins
      })
    )
    expect(own.pins).toEqual({})
    expect(own.bundles.map(b => b.key)).toEqual(['mine', 'old'])
    expect(own.retired).toEqual([])
  })

  it('drops broken bundles without retiring them, and retired ones after 8 days', () => {
    const day = 24 * 3_600_000
    const index = nextIndex(
      inputs({
        restored: [{ bundle: bundle('gone', [1]), broken: true }],
        retired: [
          { key: 'old', bytes: 1, ms: 0 },
          { key: 'recent', bytes: 1, ms: 8 * day }
        ],
        nowMs: 9 * day
      })
    )
    expect(index.bundles).toEqual([])
    expect(index.retired.map(r => r.key)).toEqual(['recent'])
  })

  it('reads a version 1 index as all just used, pinned as a legacy index', () => {
    const v1 = {
      format: 'go-cache-index',
      version: 1,
      createdMs: 7,
      bundles: [{ key: 'k', bytes: 300, actions: [hex(1), hex(2)], unusedRuns: 2 }],
      empty: [[hex(3), 9]]
    }
    const index = parseIndex(JSON.stringify(v1))
    expect(index).toMatchObject({ version: 2, owner: '', pins: { '*': 0 }, retired: [] })
    expect(index.bundles[0]).toMatchObject({ sizes: [150, 150], idle: [0, 0] })
    expect(index.empty).toEqual([[hex(3), 9, 0]])
  })

  it('rejects malformed indexes with a reason', () => {
    const good = nextIndex(inputs({ added: [{ bundle: bundle('b', [1]), firstUse: 1 }] }))
    const broken = { ...good, bundles: [{ ...good.bundles[0], sizes: [] }] }
    expect(() => parseIndex(JSON.stringify(broken))).toThrow('malformed bundle')
    expect(() => parseIndex(JSON.stringify({ ...good, retired: [{ key: 1 }] }))).toThrow('retired')
    expect(() => parseIndex(JSON.stringify({ ...good, version: 3 }))).toThrow('unknown')
  })

  it('carries the times tests left when there are any; a malformed record is dropped, not the index', () => {
    const added = [{ bundle: bundle('b', [1]), firstUse: 1 }]
    expect(nextIndex(inputs({ added, carriedTimes: [] }))).not.toHaveProperty('carriedTimes')
    const record: [string, string, string] = ['testdata', 'a'.repeat(40), '1796665682449746026']
    const index = nextIndex(inputs({ added, carriedTimes: [record] }))
    expect(parseIndex(serializeIndex(index)).carriedTimes).toEqual([record])
    const junk = { ...index, carriedTimes: [record, ['x', 'zz', '1'], 7] }
    expect(parseIndex(JSON.stringify(junk)).carriedTimes).toEqual([record])
  })
})

describe('repacking', () => {
  const used = (...n: number[]) => new Set(n.map(hex))

  it('moves what a bundle mostly not asked for still serves, and leaves the rest', () => {
    const mixed = { bundle: bundle('mixed', [1, 2, 3, 4, 5, 6, 7, 8], 0), firstUse: 2 }
    const dense = { bundle: bundle('dense', [11, 12, 13, 14], 0), firstUse: 1 }
    const plan = planRepack([dense, mixed], used(1, 2, 11, 12, 13, 14), new Set(), 100_000)
    expect(plan.sources).toEqual([mixed])
    expect(plan.hot).toEqual([hex(1), hex(2)])
    // Six of eight stay: the bundle is not mostly dead weight, and uploading them costs time.
    expect(plan.cold.size).toBe(0)
  })

  it('moves the unused entries too when they would be under half of what is left', () => {
    const mixed = { bundle: bundle('mixed', [1, 2, 3, 4, 5, 6, 7, 8], 0) }
    const plan = planRepack([mixed], used(1, 2, 3, 4, 5), new Set(), 100_000)
    expect(plan.hot).toEqual([1, 2, 3, 4, 5].map(hex))
    expect([...plan.cold.keys()]).toEqual([6, 7, 8].map(hex))
    expect([...plan.cold.values()]).toEqual([1, 1, 1])
  })

  it('says per bundle what the plan does, with the share it judged by', () => {
    const mixed = { bundle: { ...bundle('mixed', [1, 2, 3, 4]), idle: [0, 0, 1, 1] } }
    const plan = planRepack([mixed], used(2, 3), new Set(), 100_000)
    expect(describeUse(mixed, used(2, 3), new Set(), plan.sources)).toBe(
      'repack moves bundle mixed: 4 entries, 4200 bytes, used now 2 (53% of its payload), ' +
        'used by the run before 2, by both 1'
    )
    expect(describeUse(mixed, used(2, 3), new Set(), [])).toMatch(/^repack keeps /)
  })

  it('leaves cold entries past their idle limit behind, and claimed ones to the new bundle', () => {
    const stale = { bundle: bundle('stale', [1, 2, 3, 4], MAX_IDLE_RUNS) }
    const plan = planRepack([stale], used(1), used(2), 100_000)
    expect(plan.hot).toEqual([hex(1)])
    expect(plan.cold.size).toBe(0)
  })

  it('merges small hot bundles only when there are several, and moves at most the budget', () => {
    const small = (n: number) => ({ bundle: bundle(`s${n}`, [n]), firstUse: n })
    expect(planRepack([small(1), small(2)], used(1, 2), new Set(), 100_000).sources).toEqual([])
    const plan = planRepack([small(1), small(2), small(3)], used(1, 2, 3), new Set(), 100_000)
    expect(plan.sources).toHaveLength(3)
    const big = [1, 2, 3].map(n => ({ bundle: bundle(`m${n}`, [n, n + 10, n + 20, n + 30]) }))
    // Each is a quarter hot: 1000 bytes move, the cold stay; the budget is 2 × 1000 bytes.
    const limited = planRepack(big, used(1, 2, 3), new Set(), 1000)
    expect(limited.sources).toEqual([big[0], big[1]])
    expect(limited.cold.size).toBe(0)
  })
})

describe('index keys for clean-up', () => {
  const prefix = 'go-cache-index-linux-aaaaaaaaaaaa-'
  const A = 'aaaaaaaa11111111'
  const B = 'bbbbbbbb22222222'

  it('carries pins per owner between the random part and the tag', () => {
    const key = (pins: Record<string, number>) =>
      `${prefix}1700000000000-0123abcd${pinsPart(pins)}-main`
    expect(pinOfKeyFor(key({ [A]: 42, [B]: 7 }), A)).toBe(42)
    expect(pinOfKeyFor(key({ [A]: 42, [B]: 7 }), B)).toBe(7)
    expect(pinOfKeyFor(key({ [A]: 42 }), B)).toBe(Infinity)
    expect(pinOfKeyFor(key({}), A)).toBe(Infinity)
    // An old index, or too many owners to name: everyone is pinned at the lowest time.
    expect(pinOfKeyFor(key({ '*': 0, [A]: 5 }), B)).toBe(0)
    const many = Object.fromEntries([...Array(9).keys()].map(n => [`${n}`.repeat(16), 100 + n]))
    expect(pinOfKeyFor(key(many), B)).toBe(100)
    // Written before pins: may name anything.
    expect(pinOfKeyFor(`${prefix}1700000000000-0123abcd-main`, A)).toBe(0)
    // A level that looks like a pin is not one.
    expect(pinOfKeyFor(`go-cache-index-p5-aaaaaaaaaaaa-1700000000000-0123abcd-main`, A)).toBe(0)
  })

  it('tells this scope’s indexes from a narrower scope’s sharing the prefix', () => {
    expect(isOwnIndexKey(`${prefix}1700000000000-0123abcd-pn-main`, prefix)).toBe(true)
    expect(isOwnIndexKey(`${prefix}123-0123456789ab-1700000000000-0123abcd-pn`, prefix)).toBe(false)
  })

  it('the lowest pin on this owner among other scopes’ indexes, ignoring its own', () => {
    const listed = (key: string, ref: string) => ({ id: 1, ref, key, createdMs: 0, bytes: 1 })
    const indexes = [
      listed(`${prefix}1-0123abcd${pinsPart({ [B]: 10 })}-main`, 'refs/heads/main'),
      listed(`${prefix}2-0123abcd${pinsPart({ [A]: 20 })}-pr1`, 'refs/pull/1/merge'),
      listed(`${prefix}3-0123abcd${pinsPart({ [B]: 5 })}-pr2`, 'refs/pull/2/merge'),
      listed(`${prefix}4-0123abcd-pn-pr3`, 'refs/pull/3/merge')
    ]
    expect(lowestPinOn(indexes, A, prefix, 'refs/heads/main')).toBe(20)
    expect(lowestPinOn(indexes, B, prefix, 'refs/heads/main')).toBe(5)
    expect(lowestPinOn(indexes.slice(3), A, prefix, 'refs/heads/main')).toBe(Infinity)
  })
})
