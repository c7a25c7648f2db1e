// The review UI in Debian's Chromium (playwright-core) against `tandem serve` in-process, on a
// temporary database with the generated tiny models: import the samples, translate, read a
// document with its English and its flagged boilerplate, reload, and find the same state.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tandem } from '../../src/api/service.ts';
import { startServer, type RunningServer } from '../../src/server/index.ts';
import { installTinyModels } from '../support/models.ts';
import { tempDir } from '../support/tmp.ts';
import { CHROMIUM, ensureRendererBuilt, launchBrowser, SAMPLE_FILES, SCREENSHOTS, watchPage } from './renderer.ts';

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`[e2e] ${CHROMIUM} is missing: skipping the browser tests (install it with: apt-get install -y chromium; .ci/run does)`);

const samples = SAMPLE_FILES;
const shots = SCREENSHOTS;
const dir = tempDir('tandem-ui-');

function launch(name: string): Promise<BrowserContext> {
  return launchBrowser(join(dir, `profile-${name}`));
}

function watch(page: Page): string[] {
  return watchPage(page);
}

describe.skipIf(!haveChromium)('the review UI in Chromium', () => {
  let tandem: Tandem;
  let server: RunningServer;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    ensureRendererBuilt();
    mkdirSync(shots, { recursive: true });
    const modelsDir = join(dir, 'models');
    const manifestPath = await installTinyModels(modelsDir, ['de', 'nl', 'is']);
    tandem = await Tandem.open({ dbPath: join(dir, 'db', 'tandem.db'), modelsDir, manifestPath });
    server = await startServer({ tandem });
    context = await launch('main');
    page = context.pages()[0] ?? (await context.newPage());
    problems = watch(page);
  });
  afterAll(async () => {
    await context?.close();
    await server?.close();
    await tandem?.close();
  });

  it('opens on an empty library with the token from the address', async () => {
    await page.goto(server.url);
    await page.getByText('The library is empty').waitFor();
    await page.getByText('Connected', { exact: true }).waitFor();
    await page.screenshot({ path: join(shots, '01-library-empty.png') });
  });

  it('imports the five samples through the file chooser and lists them with their languages', async () => {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import files…' }).click();
    await (await chooser).setFiles(samples);
    await page.getByTestId('import-report').getByText('Imported: 5 added').waitFor();
    await expect.poll(() => page.getByTestId('doc-row').count()).toBe(5);
    const langs = await page.getByTestId('doc-lang').evaluateAll((els) => els.map((e) => e.getAttribute('data-lang')));
    expect(langs).toEqual(['de', 'is', 'nl', 'de', 'de']);
    const translated = await page.getByTestId('doc-translated').allTextContents();
    expect(translated.every((t) => /^0\/\d+$/u.test(t))).toBe(true);
    await page.screenshot({ path: join(shots, '02-library-imported.png') });
  });

  it('translates with progress in the status area until every sentence has English', async () => {
    await page.getByRole('button', { name: 'Translate', exact: true }).click();
    await page.locator('.jobs [data-job="translate"]').first().waitFor();
    // Catch it mid-way when it is slow enough to be seen (done/total, rate and ETA in the status
    // area), or done: whichever the page shows first, so a fast run does not wait for an ETA.
    const eta = page.locator('.jobs [data-job="translate"][data-state="running"] .job-eta', { hasText: 'ETA' });
    await eta.or(page.locator('.jobs [data-job="translate"][data-state="done"]')).first().waitFor();
    await page.screenshot({ path: join(shots, '03-translating.png') });
    await page.locator('.jobs [data-job="translate"][data-state="done"]').waitFor({ timeout: 60_000 });
    await expect.poll(async () => (await page.getByTestId('doc-translated').allTextContents()).every((t) => { const [a, b] = t.split('/'); return a === b && Number(a) > 0; }), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.locator('.badge-done', { hasText: 'Translated' }).count()).toBe(5);
    await page.screenshot({ path: join(shots, '04-library-translated.png') });
  });

  it('opens a document with its English beside the original and its boilerplate flagged', async () => {
    // 002 (nl) carries page boilerplate: a dateline, navigation, a tagline, photo captions, READ links.
    await page.getByTestId('doc-row').nth(2).click();
    await page.waitForURL(/#\/document\/3$/u);
    await page.getByTestId('sentence').first().waitFor();
    const english = await page.getByTestId('english').allTextContents();
    expect(english.length).toBeGreaterThan(3);
    expect(english.every((t) => t.trim().length > 0 && !t.includes('not translated'))).toBe(true);
    const flagged = page.getByTestId('boilerplate');
    expect(await flagged.count()).toBeGreaterThan(0);
    expect(await flagged.locator('.boiler-reason').evaluateAll((els) => els.map((e) => e.getAttribute('data-reason')))).toEqual(expect.arrayContaining(['dateline', 'navigation', 'site_tagline']));
    await page.screenshot({ path: join(shots, '05-document-both.png') });

    // J/K move through sentences; O/E/B switch the columns.
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    await expect.poll(() => page.locator('[data-testid="sentence"][aria-current="true"]').getAttribute('data-index')).toBe('2');
    await page.keyboard.press('e');
    expect(await page.locator('.s-original').count()).toBe(0);
    await page.keyboard.press('o');
    expect(await page.getByTestId('english').count()).toBe(0);
    await page.keyboard.press('b');
    // Expand the first set-aside paragraph.
    await flagged.first().getByRole('button').click();
    await flagged.first().locator('.boiler-text').waitFor();
    await page.screenshot({ path: join(shots, '06-document-boilerplate-open.png') });
  });

  it('shows the same state after a reload', async () => {
    // The list is virtualized: compare the first sentences, from the top, with the boilerplate collapsed.
    await page.getByTestId('boilerplate').first().getByRole('button').click();
    await page.getByTestId('doc-body').evaluate((el) => { el.scrollTop = 0; });
    // Collapsed, and the list drawn from its first row with at least five English sentences.
    const atTop = async () => (await page.locator('.boiler-text').count()) === 0
      && (await page.locator('[data-testid="doc-body"] .vrow').first().getAttribute('data-index')) === '0'
      && (await page.getByTestId('english').count()) >= 5;
    await expect.poll(atTop).toBe(true);
    const before = (await page.getByTestId('english').allTextContents()).slice(0, 5);
    expect(before.every((t) => t.trim().length > 0)).toBe(true);
    await page.reload();
    await expect.poll(atTop).toBe(true);
    expect((await page.getByTestId('english').allTextContents()).slice(0, 5)).toEqual(before);
    await page.keyboard.press('Control+1');
    await expect.poll(() => page.getByTestId('doc-row').count()).toBe(5);
    const translated = await page.getByTestId('doc-translated').allTextContents();
    expect(translated.every((t) => { const [a, b] = t.split('/'); return a === b; })).toBe(true);
    // The finished jobs are still listed in the status area.
    await page.locator('.jobs [data-job="translate"][data-state="done"]').waitFor();
  });

  it('lists the installed models', async () => {
    await page.keyboard.press('Control+5');
    await expect.poll(() => page.getByTestId('model').count()).toBe(3);
    const states = await page.getByTestId('model').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-lang')}:${e.getAttribute('data-state')}`));
    expect(states.sort()).toEqual(['de:installed', 'is:installed', 'nl:installed']);
    await page.screenshot({ path: join(shots, '07-models-installed.png') });
    await page.keyboard.press('Control+2');
    await page.getByTestId('sentence').first().waitFor();
    expect(problems).toEqual([]);
  });
});

describe.skipIf(!haveChromium)('the review UI without models, offline', () => {
  let tandem: Tandem;
  let server: RunningServer;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ensureRendererBuilt();
    // The tiny manifest points its hub at 127.0.0.1:9, where nothing answers: a machine offline.
    const manifestPath = await installTinyModels(join(dir, 'unused-models'), []);
    tandem = await Tandem.open({ dbPath: join(dir, 'offline', 'tandem.db'), modelsDir: join(dir, 'offline', 'models'), manifestPath });
    server = await startServer({ tandem });
    context = await launch('offline');
    page = context.pages()[0] ?? (await context.newPage());
  });
  afterAll(async () => {
    await context?.close();
    await server?.close();
    await tandem?.close();
  });

  it('says what to do for missing models, and shows a clear offline state when fetching fails', async () => {
    await page.goto(`${server.url}#/models`);
    await expect.poll(() => page.getByTestId('model').count()).toBe(3);
    await page.getByText('tandem models fetch --lang de').waitFor();
    await page.getByRole('button', { name: 'Fetch missing models' }).click();
    await page.getByTestId('fetch-offline').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(shots, '08-models-offline.png') });
  });

  it('imports dropped files and lists every rejected one with its reason', async () => {
    await page.keyboard.press('Control+1');
    await page.getByText('The library is empty').waitFor();
    const dataTransfer = await page.evaluateHandle((texts: { name: string; body: number[] }[]) => {
      // Runs in the page (the test's own tsconfig has no DOM types).
      const w = globalThis as unknown as { DataTransfer: new () => { items: { add(f: unknown): void } }; File: new (parts: unknown[], name: string, o: object) => unknown };
      const dt = new w.DataTransfer();
      for (const t of texts) dt.items.add(new w.File([new Uint8Array(t.body)], t.name, { type: 'text/plain' }));
      return dt;
    }, [
      { name: 'empty.txt', body: [] },
      { name: 'binary.txt', body: [0, 1, 2, 3, 0, 0, 255, 254, 0, 7, 0, 0, 0, 9, 0, 0, 1, 2, 0, 0] },
      { name: 'bericht.txt', body: [...Buffer.from('Der Bundestag hat am Donnerstag über den Haushalt beraten. Die Opposition kritisierte die geplanten Kürzungen scharf. Der Finanzminister verteidigte seinen Entwurf.\n', 'utf8')] },
    ]);
    await page.dispatchEvent('body', 'dragenter', { dataTransfer });
    await page.locator('.drop-overlay').waitFor();
    await page.screenshot({ path: join(shots, '09-drop-overlay.png') });
    await page.dispatchEvent('body', 'drop', { dataTransfer });
    const problemsList = page.getByTestId('import-problems');
    await problemsList.waitFor();
    await expect.poll(() => problemsList.locator('li').count()).toBe(2);
    const text = await problemsList.textContent();
    expect(text).toContain('empty.txt');
    expect(text).toContain('binary.txt');
    await expect.poll(() => page.getByTestId('doc-row').count()).toBe(1);
    expect(await page.getByTestId('doc-lang').getAttribute('data-lang')).toBe('de');
    await page.screenshot({ path: join(shots, '10-import-errors.png') });
  });
});
