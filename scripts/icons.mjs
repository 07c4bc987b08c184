// Renders assets/icon.svg into every icon electron-builder needs:
//   assets/icon.png            1024x1024 (source for the others, and a fallback icon)
//   assets/icons/<n>x<n>.png   Linux icon set (16 … 512), each rendered from the SVG, not downscaled
//   assets/icon.ico            Windows (NSIS and the .exe), via png2icons
//   assets/icon.icns           macOS, via png2icons
// The outputs are committed, so a build never needs this script.
// Usage: node scripts/icons.mjs
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import png2icons from 'png2icons';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const assets = join(root, 'assets');
const svg = readFileSync(join(assets, 'icon.svg'));

export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];

function render(size) {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: size },
    background: 'rgba(0,0,0,0)',
    font: { loadSystemFonts: false },
  });
  return resvg.render().asPng();
}

function write(relPath, data) {
  const file = join(assets, relPath);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, data);
  console.log(`${relPath.padEnd(22)} ${String(data.length).padStart(8)} bytes`);
}

const master = render(1024);
write('icon.png', master);

for (const size of LINUX_SIZES) write(join('icons', `${size}x${size}.png`), render(size));

// forWinExe: BMP for 16-48 px (old Explorer dialogs), PNG above; lossless colours.
const ico = png2icons.createICO(master, png2icons.BICUBIC, 0, false, true);
if (!ico) throw new Error('png2icons could not create icon.ico');
write('icon.ico', ico);

const icns = png2icons.createICNS(master, png2icons.BICUBIC, 0);
if (!icns) throw new Error('png2icons could not create icon.icns');
write('icon.icns', icns);
