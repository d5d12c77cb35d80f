// Draws the app icon and one tray icon per agent state as PNG files in this folder:
// `npx tsx resources/make-icons.ts`. Discs with a white rim and a dark outline, so each reads
// on light and dark trays alike. No image library: a PNG is a few zlib-compressed rows.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

type RGB = [number, number, number];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A disc of `fill` with a white rim, a dark outline and, optionally, a white centre dot. */
export function discPng(size: number, fill: RGB, centreDot = false): Buffer {
  const rows: Buffer[] = [];
  const c = (size - 1) / 2;
  const r = size / 2 - 0.5;
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - c, y - c);
      let px: [number, number, number, number] = [0, 0, 0, 0];
      if (d <= r) px = [30, 30, 30, 255];
      if (d <= r - size * 0.06) px = [255, 255, 255, 255];
      if (d <= r - size * 0.14) px = [...fill, 255];
      if (centreDot && d <= size * 0.14) px = [255, 255, 255, 255];
      const edge = r - d;
      if (edge > -1 && edge < 0) px[3] = Math.round(255 * (1 + edge));
      row.set(px, 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const TRAY_ICONS: Record<string, RGB> = {
  'tray-ready.png': [27, 127, 59],
  'tray-not-ready.png': [198, 40, 40],
  'tray-after-work.png': [230, 140, 0],
  'tray-on-call.png': [21, 101, 192],
  'tray-ringing.png': [21, 101, 192],
  'tray-offline.png': [120, 120, 120],
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const here = import.meta.dirname;
  for (const [name, colour] of Object.entries(TRAY_ICONS)) {
    writeFileSync(join(here, name), discPng(32, colour, name === 'tray-ringing.png'));
    writeFileSync(join(here, name.replace('.png', '@2x.png')), discPng(64, colour, name === 'tray-ringing.png'));
  }
  writeFileSync(join(here, 'icon.png'), discPng(512, [21, 101, 192], true));
  console.log('icons written to', here);
}
