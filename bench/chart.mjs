// A grouped bar chart as a PNG, with no dependencies: an RGB canvas, a 5×7 bitmap font and a
// PNG encoder on node:zlib. Used by bench/jobs.mjs for bench/results/chart.png.
import { deflateSync } from 'node:zlib'

// prettier-ignore
const FONT = {
  A: '01110,10001,10001,11111,10001,10001,10001', B: '11110,10001,10001,11110,10001,10001,11110',
  C: '01110,10001,10000,10000,10000,10001,01110', D: '11100,10010,10001,10001,10001,10010,11100',
  E: '11111,10000,10000,11110,10000,10000,11111', F: '11111,10000,10000,11110,10000,10000,10000',
  G: '01110,10001,10000,10111,10001,10001,01111', H: '10001,10001,10001,11111,10001,10001,10001',
  I: '01110,00100,00100,00100,00100,00100,01110', J: '00111,00010,00010,00010,00010,10010,01100',
  K: '10001,10010,10100,11000,10100,10010,10001', L: '10000,10000,10000,10000,10000,10000,11111',
  M: '10001,11011,10101,10101,10001,10001,10001', N: '10001,10001,11001,10101,10011,10001,10001',
  O: '01110,10001,10001,10001,10001,10001,01110', P: '11110,10001,10001,11110,10000,10000,10000',
  Q: '01110,10001,10001,10001,10101,10010,01101', R: '11110,10001,10001,11110,10100,10010,10001',
  S: '01111,10000,10000,01110,00001,00001,11110', T: '11111,00100,00100,00100,00100,00100,00100',
  U: '10001,10001,10001,10001,10001,10001,01110', V: '10001,10001,10001,10001,10001,01010,00100',
  W: '10001,10001,10001,10101,10101,10101,01010', X: '10001,10001,01010,00100,01010,10001,10001',
  Y: '10001,10001,10001,01010,00100,00100,00100', Z: '11111,00001,00010,00100,01000,10000,11111',
  a: '00000,00000,01110,00001,01111,10001,01111', b: '10000,10000,10110,11001,10001,10001,11110',
  c: '00000,00000,01110,10000,10000,10001,01110', d: '00001,00001,01101,10011,10001,10001,01111',
  e: '00000,00000,01110,10001,11111,10000,01110', f: '00110,01001,01000,11100,01000,01000,01000',
  g: '00000,00000,01111,10001,01111,00001,01110', h: '10000,10000,10110,11001,10001,10001,10001',
  i: '00100,00000,01100,00100,00100,00100,01110', j: '00010,00000,00110,00010,00010,10010,01100',
  k: '10000,10000,10010,10100,11000,10100,10010', l: '01100,00100,00100,00100,00100,00100,01110',
  m: '00000,00000,11010,10101,10101,10001,10001', n: '00000,00000,10110,11001,10001,10001,10001',
  o: '00000,00000,01110,10001,10001,10001,01110', p: '00000,00000,11110,10001,11110,10000,10000',
  q: '00000,00000,01101,10011,01111,00001,00001', r: '00000,00000,10110,11001,10000,10000,10000',
  s: '00000,00000,01110,10000,01110,00001,11110', t: '01000,01000,11100,01000,01000,01001,00110',
  u: '00000,00000,10001,10001,10001,10011,01101', v: '00000,00000,10001,10001,10001,01010,00100',
  w: '00000,00000,10001,10001,10101,10101,01010', x: '00000,00000,10001,01010,00100,01010,10001',
  y: '00000,00000,10001,10001,01111,00001,01110', z: '00000,00000,11111,00010,00100,01000,11111',
  0: '01110,10001,10011,10101,11001,10001,01110', 1: '00100,01100,00100,00100,00100,00100,01110',
  2: '01110,10001,00001,00010,00100,01000,11111', 3: '11111,00010,00100,00010,00001,10001,01110',
  4: '00010,00110,01010,10010,11111,00010,00010', 5: '11111,10000,11110,00001,00001,10001,01110',
  6: '00110,01000,10000,11110,10001,10001,01110', 7: '11111,00001,00010,00100,01000,01000,01000',
  8: '01110,10001,10001,01110,10001,10001,01110', 9: '01110,10001,10001,01111,00001,00010,01100',
  '.': '00000,00000,00000,00000,00000,01100,01100', ',': '00000,00000,00000,00000,01100,00100,01000',
  ':': '00000,01100,01100,00000,01100,01100,00000', ';': '00000,01100,01100,00000,01100,00100,01000', '(': '00010,00100,01000,01000,01000,00100,00010',
  ')': '01000,00100,00010,00010,00010,00100,01000', '-': '00000,00000,00000,11111,00000,00000,00000',
  '+': '00000,00100,00100,11111,00100,00100,00000', '/': '00000,00001,00010,00100,01000,10000,00000',
  '×': '00000,10001,01010,00100,01010,10001,00000', '%': '11000,11001,00010,00100,01000,10011,00011',
  '=': '00000,00000,11111,00000,11111,00000,00000', "'": '00100,00100,01000,00000,00000,00000,00000',
  '>': '01000,00100,00010,00001,00010,00100,01000', '<': '00010,00100,01000,10000,01000,00100,00010',
  '^': '00100,01010,10001,00000,00000,00000,00000', '|': '00100,00100,00100,00100,00100,00100,00100'
}
const GLYPH_W = 6 // 5 columns and one of spacing

class Canvas {
  constructor(width, height, background = [255, 255, 255]) {
    this.width = width
    this.height = height
    this.pixels = Buffer.alloc(width * height * 3)
    this.rect(0, 0, width, height, background)
  }

  rect(x, y, w, h, [r, g, b]) {
    const x0 = Math.max(0, Math.round(x))
    const y0 = Math.max(0, Math.round(y))
    const x1 = Math.min(this.width, Math.round(x + w))
    const y1 = Math.min(this.height, Math.round(y + h))
    for (let yy = y0; yy < y1; yy++) {
      for (let xx = x0; xx < x1; xx++) {
        const i = (yy * this.width + xx) * 3
        this.pixels[i] = r
        this.pixels[i + 1] = g
        this.pixels[i + 2] = b
      }
    }
  }

  static textWidth(text, scale) {
    return [...text].length * GLYPH_W * scale - scale
  }

  /** Draws text with its top-left corner at (x, y); align 'center' centres it on x. */
  text(text, x, y, { scale = 2, color = [0, 0, 0], align = 'left' } = {}) {
    let cx = align === 'center' ? x - Canvas.textWidth(text, scale) / 2 : x
    if (align === 'right') cx = x - Canvas.textWidth(text, scale)
    for (const ch of text) {
      const rows = FONT[ch]?.split(',')
      if (rows) {
        rows.forEach((row, ry) => {
          for (let rx = 0; rx < 5; rx++) {
            if (row[rx] === '1') this.rect(cx + rx * scale, y + ry * scale, scale, scale, color)
          }
        })
      }
      cx += GLYPH_W * scale
    }
  }

  png() {
    const raw = Buffer.alloc((this.width * 3 + 1) * this.height)
    for (let y = 0; y < this.height; y++) {
      const row = y * (this.width * 3 + 1)
      raw[row] = 0 // filter: none
      this.pixels.copy(raw, row + 1, y * this.width * 3, (y + 1) * this.width * 3)
    }
    const header = Buffer.alloc(13)
    header.writeUInt32BE(this.width, 0)
    header.writeUInt32BE(this.height, 4)
    header.set([8, 2, 0, 0, 0], 8) // 8-bit RGB, deflate, no filter method, no interlace
    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(raw, { level: 9 })),
      chunk('IEND', Buffer.alloc(0))
    ])
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(buf) {
  let c = 0xffffffff
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type, data) {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'ascii')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])))
  return Buffer.concat([head, data, crc])
}

function niceStep(max, ticks) {
  const raw = max / ticks
  const mag = 10 ** Math.floor(Math.log10(raw))
  return [1, 2, 2.5, 5, 10].map(m => m * mag).find(s => s >= raw)
}

/**
 * groups: [{ label, values: (number | null)[] }] (one value per series, null = not run);
 * series: [{ name, color: [r, g, b] }]. Bars taller than `clipAt` (default: the tallest
 * bar of the other series × 1.15) are cut with a zigzag and carry their value.
 */
export function barChart({ title, subtitle, yLabel, groups, series, clipAt, width = 1280 }) {
  const height = 620
  const c = new Canvas(width, height)
  const plot = { x: 90, y: 120, w: width - 120, h: height - 200 }
  c.text(title, width / 2, 14, { scale: 3, align: 'center' })
  if (subtitle) c.text(subtitle, width / 2, 46, { scale: 2, color: [80, 80, 80], align: 'center' })
  // Legend.
  let lx = plot.x + 80
  for (const s of series) {
    c.rect(lx, 76, 18, 18, s.color)
    c.text(s.name, lx + 26, 78)
    lx += 26 + Canvas.textWidth(s.name, 2) + 34
  }
  const values = groups.flatMap(g => g.values).filter(v => v !== null && v !== undefined)
  const top = clipAt ?? Math.max(...values)
  const step = niceStep(top, 6)
  const max = Math.ceil(top / step) * step
  // Axis and grid.
  for (let v = 0; v <= max + 1e-9; v += step) {
    const y = plot.y + plot.h - (v / max) * plot.h
    c.rect(plot.x, y, plot.w, 1, [225, 225, 225])
    c.text(String(Math.round(v * 10) / 10), plot.x - 10, y - 7, { align: 'right' })
  }
  c.rect(plot.x, plot.y, 2, plot.h, [0, 0, 0])
  c.rect(plot.x, plot.y + plot.h, plot.w, 2, [0, 0, 0])
  if (yLabel) c.text(yLabel, 8, plot.y - 24, { color: [80, 80, 80] })
  // Bars.
  const groupW = plot.w / groups.length
  const barW = Math.min(48, (groupW - 30) / series.length)
  groups.forEach((g, gi) => {
    const gx = plot.x + gi * groupW + (groupW - barW * series.length) / 2
    g.values.forEach((v, si) => {
      if (v === null || v === undefined) return
      const x = gx + si * barW
      const clipped = v > max
      const h = (Math.min(v, max) / max) * plot.h
      const y = plot.y + plot.h - h
      c.rect(x + 2, y, barW - 4, h, series[si].color)
      if (clipped) {
        for (let k = 0; k < 3; k++) c.rect(x + 2, y + 14 + k * 3, barW - 4, 1, [255, 255, 255])
      }
      const label = v >= 10 ? String(Math.round(v)) : v.toFixed(1)
      const scale = Canvas.textWidth(label, 2) <= barW + 4 ? 2 : 1
      c.text(label, x + barW / 2, y - 8 * scale - 2, { scale, align: 'center' })
    })
    const lines = g.label.split('\n')
    lines.forEach((line, li) => {
      c.text(line, plot.x + gi * groupW + groupW / 2, plot.y + plot.h + 12 + li * 20, {
        align: 'center'
      })
    })
  })
  return c.png()
}
