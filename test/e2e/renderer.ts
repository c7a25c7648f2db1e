// Builds the review UI for the browser tests when dist/renderer is missing or older than its sources.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { Tandem } from '../../src/api/service.ts';
import { startServer, type RunningServer } from '../../src/server/index.ts';

const root = join(import.meta.dirname, '..', '..');
export const RENDERER_DIST = join(root, 'dist', 'renderer');
export const CHROMIUM = '/usr/bin/chromium';

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return t;
}

export function ensureRendererBuilt(): void {
  const index = join(RENDERER_DIST, 'index.html');
  const sources = Math.max(newest(join(root, 'renderer')), statSync(join(root, 'src', 'api', 'contract.ts')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  // NODE_ENV=production: vitest sets "test", which Vite would follow into React's development build
  execFileSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(root, 'renderer', 'vite.config.ts'), '--logLevel', 'warn'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}

/** The bundled sample articles, in file order. */
export const SAMPLE_FILES = readdirSync(join(root, 'samples')).filter((f) => f.endsWith('.txt')).sort().map((f) => join(root, 'samples', f));
export const SCREENSHOTS = join(root, 'test-results', 'screenshots');

/** DESIGN.md's flags: without the background-networking ones Chromium dials out at every start. */
const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Headless Debian Chromium with a fresh profile in `profileDir`, at a fixed desktop size. */
export function launchBrowser(profileDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS, viewport: { width: 1360, height: 860 }, deviceScaleFactor: 1, acceptDownloads: false,
  });
}

/** Collects what would mean a broken page: uncaught errors and CSP violations. */
export function watchPage(page: Page, problems: string[] = []): string[] {
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon/u.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  return problems;
}

/** The bridge serving one engine and a browser on it: what each review suite starts before its tests. */
export interface UiSession {
  server: RunningServer;
  context: BrowserContext;
  page: Page;
}

/** Starts `tandem serve` on `tandem` and a fresh Chromium whose page reports its problems into `problems`. */
export async function openUi(tandem: Tandem, profileDir: string, problems: string[]): Promise<UiSession> {
  const server = await startServer({ tandem });
  const context = await launchBrowser(profileDir);
  const page = context.pages()[0] ?? (await context.newPage());
  watchPage(page, problems);
  return { server, context, page };
}

/** Closes what `openUi` opened, then the engine (whatever got started before a failure). */
export async function closeUi(ui: Partial<UiSession>, tandem?: Tandem): Promise<void> {
  await ui.context?.close();
  await ui.server?.close();
  await tandem?.close();
}
