#!/usr/bin/env node
// Renders build/icon.svg to the PNG sizes the installers use (build/icons/<n>x<n>.png, 16 to 1024)
// in headless Chromium, driven by playwright-core as the end-to-end tests drive it. electron-builder
// takes the Linux icon set from build/icons/ and makes the macOS .icns and the Windows .ico from
// the 1024 px PNG. Run it after changing the SVG and commit the PNGs: installers are built on
// machines that need not have Chromium.
//   node scripts/make-icons.mjs        (CHROMIUM=/path/to/chromium to use another browser)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const svg = readFileSync(join(root, 'build', 'icon.svg'), 'utf8');
const out = join(root, 'build', 'icons');
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1024, height: 1024 } });
  await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
  const icon = page.locator('svg');
  for (const n of SIZES) {
    await icon.evaluate((el, size) => {
      el.setAttribute('width', String(size));
      el.setAttribute('height', String(size));
      el.style.display = 'block';
    }, n);
    const png = await icon.screenshot({ omitBackground: true, animations: 'disabled' });
    // A PNG's IHDR holds width and height at bytes 16-23: check the size came out exact.
    const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    if (w !== n || h !== n) throw new Error(`${n}x${n}.png came out ${w}x${h}`);
    writeFileSync(join(out, `${n}x${n}.png`), png);
    console.log(`build/icons/${n}x${n}.png  ${png.length} bytes`);
  }
} finally {
  await browser.close();
}
