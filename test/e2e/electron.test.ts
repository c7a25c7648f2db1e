// Smoke test of the real Electron app (playwright-core's _electron): it launches the built app
// (package.json "main": dist/electron/main.js, which starts the built engine host in a utility
// process) on a fresh user-data folder and checks the first screen: the library fills with the
// bundled samples, the bridge is exactly the client's methods, and Node is not there.
// It builds first the way the README builds (`npm run build`), so it never runs a stale bundle.
// Runs only where the Electron binary exists; CI here installs with ELECTRON_SKIP_BINARY_DOWNLOAD=1.
// (It drives an unpackaged app: a packaged one has the inspector fuse off, which _electron needs.)
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_KEYS } from '../../src/api/client.ts';
import { tempDir } from '../support/tmp.ts';

/** What `electron .` loads: Electron's main and preload, the engine host and its worker, the UI. */
const BUILT = ['dist/electron/main.js', 'dist/electron/preload.cjs', 'dist/engine/engine-host.js', 'dist/engine/marian-worker.js', 'dist/renderer/index.html'];

const root = join(import.meta.dirname, '..', '..');

/** The Electron binary, found the way the `electron` package does, without triggering its download. */
function electronBinary(): string | null {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const rel = readFileSync(pathFile, 'utf8').trim();
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkg, 'dist');
  const bin = join(dist, rel);
  return existsSync(bin) ? bin : null;
}

const binary = electronBinary();
if (!binary) console.warn('[e2e] the Electron binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD): skipping the Electron smoke test; the same UI is tested in Chromium through `tandem serve`');

describe.skipIf(!binary)('the Electron app', () => {
  let app: ElectronApplication;
  let page: Page;
  const userData = tempDir('tandem-electron-');

  beforeAll(async () => {
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
    for (const f of BUILT) expect(existsSync(join(root, f)), `${f} (npm run build)`).toBe(true);
    const args = [root];
    if (process.platform === 'linux' && process.getuid?.() === 0) args.unshift('--no-sandbox');
    app = await _electron.launch({ executablePath: binary!, args, env: { ...process.env, TANDEM_USER_DATA: userData }, timeout: 60_000 });
    page = await app.firstWindow();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('opens on the library with the bundled samples, through the preload bridge only', async () => {
    await page.getByText('Connected', { exact: true }).waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('doc-row').count(), { timeout: 60_000 }).toBe(5);
    const globals = await page.evaluate(() => {
      const w = globalThis as unknown as Record<string, unknown>;
      const bridge = w.tandem as Record<string, unknown> | undefined;
      return { require: typeof w.require, process: typeof w.process, bridge: bridge ? Object.keys(bridge).sort() : null };
    });
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', bridge: BRIDGE_KEYS });
    // No new windows, no remote content.
    expect(await page.evaluate(() => (globalThis as unknown as { open(u: string): unknown }).open('https://example.com') === null)).toBe(true);
    expect(app.windows().length).toBe(1);
    await page.screenshot({ path: join(root, 'test-results', 'screenshots', '20-electron-library.png') });
  });
});
