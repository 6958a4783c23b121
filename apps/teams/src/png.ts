import { crc32, deflateSync } from 'node:zlib';

/** An RGBA colour, each channel 0–255. */
export type Rgba = readonly [number, number, number, number];

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A square RGBA PNG whose pixel (x, y) is `paint(x, y)`. */
export function encodePng(size: number, paint: (x: number, y: number) => Rgba): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, no filter method, no interlace
  const rows = Buffer.alloc(size * (1 + 4 * size));
  for (let y = 0; y < size; y++) {
    const start = y * (1 + 4 * size);
    rows[start] = 0; // filter: none
    for (let x = 0; x < size; x++) rows.set(paint(x, y), start + 1 + 4 * x);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/** Three rising bars (a performance chart) on `background`, in `ink`, inside a margin of the icon. */
function bars(size: number, ink: Rgba, background: Rgba): (x: number, y: number) => Rgba {
  const margin = Math.round(size * 0.2);
  const width = (size - 2 * margin) / 3;
  return (x, y) => {
    const bar = Math.floor((x - margin) / width);
    if (x < margin || x >= size - margin || bar > 2) return background;
    const gap = (x - margin) - bar * width < width * 0.18;
    const top = size - margin - ((size - 2 * margin) * (bar + 1)) / 3;
    return !gap && y >= top && y < size - margin ? ink : background;
  };
}

/** Teams' colour icon: 192×192, the full-colour app icon. */
export function colorIcon(): Buffer {
  return encodePng(192, bars(192, [255, 255, 255, 255], [0, 102, 204, 255]));
}

/** Teams' outline icon: 32×32, white on a transparent background. */
export function outlineIcon(): Buffer {
  return encodePng(32, bars(32, [255, 255, 255, 255], [0, 0, 0, 0]));
}
