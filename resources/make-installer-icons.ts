// The installers' icons from the same drawing as icon.png: icon.icns (macOS) and icon.ico
// (Windows), each holding PNG images at every size the OS asks for. `npx tsx resources/make-installer-icons.ts`.
// With these files electron-builder uses them as they are; from icon.png alone it would download
// a conversion tool from GitHub at packaging time.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { discPng } from './make-icons.ts';

const APP_COLOUR: [number, number, number] = [21, 101, 192];
const png = (size: number) => discPng(size, APP_COLOUR, true);

/** ICNS: 'icns', total length, then (type, length incl. 8-byte header, PNG) entries. */
export function icns(): Buffer {
  // PNG-carrying types: icp4 16, icp5 32, icp6 64, ic07 128, ic08 256, ic09 512, ic10 1024 (512@2x),
  // ic11 32 (16@2x), ic12 64 (32@2x), ic13 256 (128@2x), ic14 512 (256@2x).
  const types: [string, number][] = [
    ['icp4', 16], ['icp5', 32], ['icp6', 64], ['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic10', 1024],
    ['ic11', 32], ['ic12', 64], ['ic13', 256], ['ic14', 512],
  ];
  const entries = types.map(([type, size]) => {
    const data = png(size);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + entries.reduce((n, e) => n + e.length, 0), 4);
  return Buffer.concat([head, ...entries]);
}

/** ICO: header, one 16-byte directory entry per image, then the PNG images (Windows Vista and later). */
export function ico(sizes = [16, 24, 32, 48, 64, 128, 256]): Buffer {
  const images = sizes.map(png);
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // icon
  header.writeUInt16LE(sizes.length, 4);
  let offset = 6 + 16 * sizes.length;
  const dir = sizes.map((size, i) => {
    const e = Buffer.alloc(16);
    e[0] = size >= 256 ? 0 : size; // 0 means 256
    e[1] = size >= 256 ? 0 : size;
    e.writeUInt16LE(1, 4); // colour planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(images[i]!.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += images[i]!.length;
    return e;
  });
  return Buffer.concat([header, ...dir, ...images]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const here = import.meta.dirname;
  writeFileSync(join(here, 'icon.icns'), icns());
  writeFileSync(join(here, 'icon.ico'), ico());
  console.log('icon.icns and icon.ico written to', here);
}
