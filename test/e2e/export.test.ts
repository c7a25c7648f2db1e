// The Export dialog in Debian's Chromium against `tandem serve` (in-process) with the generated
// tiny models: import and translate the samples, review rows of an alignment in Compare (and of a
// second one through the api), export from the dialog as TMX and as a filtered TSV, and check that
// `tandem export` with the same filters on the same database writes the same bytes. The download
// endpoint serves those bytes and nothing outside the exports folder.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tandem } from '../../src/api/service.ts';
import type { RunningServer } from '../../src/server/index.ts';
import { installTinyModels } from '../support/models.ts';
import { elements, find, parseXml, textOf } from '../export/xml-check.ts';
import { tempDir } from '../support/tmp.ts';
import { CHROMIUM, closeUi, ensureRendererBuilt, openUi, SAMPLE_FILES, SCREENSHOTS } from './renderer.ts';

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`[e2e] ${CHROMIUM} is missing: skipping the export dialog tests (install it with: apt-get install -y chromium; .ci/run does)`);

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'tandem.js');
const samples = SAMPLE_FILES;
const shots = SCREENSHOTS;
const dir = tempDir('tandem-export-ui-');


describe.skipIf(!haveChromium)('the Export dialog in Chromium, against the CLI', () => {
  let tandem: Tandem;
  let server: RunningServer;
  let context: BrowserContext;
  let page: Page;
  let modelsDir: string;
  let manifestPath: string;
  let dbPath: string;
  let pair: { id: number; a: number; b: number };
  let tmxFile: string;
  let tsvFile: string;
  let docs: { de: number; nl: number };
  const problems: string[] = [];

  /** `tandem` on the server's database, as an analyst would run it beside the app. */
  function cli(args: string[]) {
    const r = spawnSync(process.execPath, [bin, '--db', dbPath, '--models', modelsDir, '--manifest', manifestPath, '--json', ...args], { cwd: dir, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as { file: string; pairs: number; bytes: number };
  }

  const dialog = () => page.getByTestId('export-dialog');

  async function exportFromDialog(): Promise<string> {
    await expect.poll(() => dialog().getByTestId('export-count').getAttribute('data-pairs')).toMatch(/^[1-9]\d*$/u);
    await dialog().getByTestId('export-start').click();
    await dialog().getByTestId('export-report').waitFor({ timeout: 30_000 });
    return (await dialog().getByTestId('export-file').textContent())!;
  }

  beforeAll(async () => {
    ensureRendererBuilt();
    mkdirSync(shots, { recursive: true });
    modelsDir = join(dir, 'models');
    manifestPath = await installTinyModels(modelsDir, ['de', 'nl', 'is']);
    dbPath = join(dir, 'db', 'tandem.db');
    tandem = await Tandem.open({ dbPath, modelsDir, manifestPath });
    const ingested = await tandem.ingest(samples);
    await tandem.translate({});
    const byLang = (l: string) => ingested.documents.filter((d) => d.lang === l).map((d) => d.id);
    // A German report against its own English (reviewed in the browser below), and the Dutch one
    // (three rows accepted, one rejected through the api). The tiny models' English is random, so
    // two reports in different languages align only into 1-0 / 0-1 rows, which are not pairs.
    const [de] = byLang('de');
    const [nl] = byLang('nl');
    docs = { de: de!, nl: nl! };
    const aligned = await tandem.align(de!, de!);
    pair = { id: aligned.id, a: de!, b: de! };
    const own = await tandem.align(nl!, nl!);
    for (const bead of own.beads.slice(0, 3)) await tandem.review(own.id, bead.id, 'accept');
    await tandem.review(own.id, own.beads[3]!.id, 'reject');

    ({ server, context, page } = await openUi(tandem, join(dir, 'profile'), problems));
  });
  afterAll(async () => {
    await closeUi({ context, server }, tandem);
  });

  it('reviews rows in Compare, opens the dialog with Ctrl+E on that pair, traps focus, and closes on Esc', async () => {
    const base = server.url.replace(/\/\?token=.*$/u, '');
    await page.goto(`${base}/?token=${server.token}#/compare/${pair.id}`);
    await page.getByTestId('cmp-row').first().waitFor();
    // Accept rows 0-2, reject row 3.
    for (let i = 0; i < 3; i++) await page.keyboard.press('a');
    await page.keyboard.press('r');
    await expect.poll(() => page.getByTestId('review-counts').textContent()).toContain('3 accepted');
    await expect.poll(() => page.locator('.saving').count()).toBe(0);

    await page.keyboard.press('Control+e');
    await dialog().waitFor();
    // Preselected: the two documents of the pair; the live count says what would be exported.
    await expect.poll(() => dialog().getByTestId('export-docs').locator('.chip').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-doc'))).sort())).toEqual([pair.a]);
    await expect.poll(() => dialog().getByTestId('export-count').getAttribute('data-pairs')).toBe('3');
    expect(await page.locator(':focus').getAttribute('data-testid')).toBe('export-format');

    // Tab and Shift+Tab stay inside; keys never reach Compare underneath.
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press(i % 5 === 4 ? 'Shift+Tab' : 'Tab');
      expect(await page.locator('[data-testid="export-dialog"] :focus').count()).toBe(1);
    }
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog().count()).toBe(0);
    await expect.poll(() => page.getByTestId('review-counts').textContent()).toContain('3 accepted');
    await expect.poll(() => page.getByTestId('review-counts').textContent()).toContain('1 rejected');
  });

  it('exports the pair as TMX from the dialog: the same bytes as `tandem export`', async () => {
    await page.getByRole('button', { name: 'Export…' }).click();
    await dialog().waitFor();
    await expect.poll(() => dialog().getByTestId('export-docs').locator('.chip').count()).toBe(1);
    tmxFile = await exportFromDialog();
    expect(tmxFile).toMatch(/[\\/]exports[\\/]tandem-doc-\d+-accepted\.tmx$/u);
    expect(dirname(tmxFile)).toBe(join(dir, 'db', 'exports'));
    const report = await dialog().getByTestId('export-report').textContent();
    expect(report).toContain('3 pairs');
    expect(report).toMatch(/no characters dropped|characters XML cannot carry/u);
    // The status bar shows the finished job too.
    await page.locator('.jobs [data-job="export"][data-state="done"]').waitFor();
    await page.screenshot({ path: join(shots, '16-export-dialog.png') });

    const cliFile = join(dir, 'cli-pair.tmx');
    const r = cli(['export', '--format', 'tmx', '--out', cliFile, '--doc', String(pair.a)]);
    expect(r.pairs).toBe(3);
    expect(readFileSync(tmxFile).equals(readFileSync(cliFile))).toBe(true);

    // The Download link serves the same bytes (token in the link, attachment).
    const href = await dialog().getByTestId('export-download').getAttribute('href');
    expect(href).toMatch(/^\/api\/download\?name=/u);
    const res = await fetch(new URL(href!, server.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="tandem-doc-\d+-accepted\.tmx"/u);
    expect(Buffer.from(await res.arrayBuffer()).equals(readFileSync(tmxFile))).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog().count()).toBe(0);
  });

  it('refuses XLIFF for two source languages with a clear message', async () => {
    await page.keyboard.press('Control+1');
    await page.getByRole('button', { name: 'Export…' }).click();
    await dialog().waitFor();
    // Opened from the Library without a selection: every document.
    expect(await dialog().getByTestId('export-docs').locator('.chip').count()).toBe(0);
    await expect.poll(() => dialog().getByTestId('export-count').getAttribute('data-pairs')).toBe('6');
    await dialog().getByTestId('export-format').selectOption('xliff');
    await expect.poll(() => dialog().getByTestId('export-error').textContent()).toMatch(/XLIFF carries one language pair per file.*German → English, Dutch → English: choose one pair/u);
    expect(await dialog().getByTestId('export-start').isDisabled()).toBe(true);
    await page.screenshot({ path: join(shots, '17-export-dialog-xliff.png') });
    // One language: allowed again.
    await dialog().getByTestId('export-langs').getByRole('checkbox', { name: /nl/u }).uncheck();
    await expect.poll(() => dialog().getByTestId('export-error').count()).toBe(0);
    await expect.poll(() => dialog().getByTestId('export-start').isDisabled()).toBe(false);
    await page.keyboard.press('Escape');
  });

  it('exports a filtered TSV from the dialog: the same bytes as `tandem export` with the same filters', async () => {
    await page.getByRole('button', { name: 'Export…' }).click();
    await dialog().waitFor();
    await dialog().getByTestId('export-format').selectOption('tsv');
    await dialog().getByTestId('export-status').getByRole('radio', { name: 'All but rejected' }).click();
    await dialog().getByTestId('export-min-score').fill('0.5');
    await dialog().getByTestId('export-langs').getByRole('checkbox', { name: /is/u }).uncheck();
    tsvFile = await exportFromDialog();
    expect(tsvFile).toMatch(/tandem-pairs-exclude-rejected\.tsv$/u);

    const cliFile = join(dir, 'cli-filtered.tsv');
    const r = cli(['export', '--format', 'tsv', '--out', cliFile, '--status', 'exclude-rejected', '--min-score', '0.5', '--lang', 'de,nl']);
    expect(r.pairs).toBeGreaterThan(3);
    expect(readFileSync(tsvFile).equals(readFileSync(cliFile))).toBe(true);
    expect(readFileSync(tsvFile, 'utf8').split('\n')[0]).toContain('\t');
    await page.keyboard.press('Escape');
    expect(problems).toEqual([]);
  });

  it('serves downloads from the exports folder only', async () => {
    const base = server.url.replace(/\/\?token=.*$/u, '');
    const get = (name: string, token: string | null = server.token) =>
      fetch(`${base}/api/download?name=${name}`, { headers: token ? { 'X-Tandem-Token': token } : {} });
    const tsvName = tsvFile.split(/[\\/]/u).pop()!;
    const ok = await get(encodeURIComponent(tsvName));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/tab-separated-values/u);
    expect(Buffer.from(await ok.arrayBuffer()).equals(readFileSync(tsvFile))).toBe(true);

    expect((await get(encodeURIComponent(tsvName), null)).status).toBe(401);
    expect((await get(encodeURIComponent(tsvName), 'wrong-token')).status).toBe(401);
    const exportsDir = dirname(tsvFile);
    writeFileSync(join(dir, 'secret.txt'), 'not for download');
    symlinkSync(join(dir, 'secret.txt'), join(exportsDir, 'link.txt'));
    for (const name of ['../tandem.db', '..%2Ftandem.db', '%2E%2E%2Ftandem.db', '..%5Ctandem.db', '../../secret.txt', '..', '.', '%2Fetc%2Fpasswd', 'sub%2F..%2F..%2Ftandem.db', '.hidden.part', 'x%00.tsv', '']) {
      const res = await get(name);
      expect(res.status, name).toBe(400);
      expect(await res.text(), name).not.toContain('SQLite');
    }
    expect((await get('link.txt')).status).toBe(404);
    expect((await get('no-such-file.tmx')).status).toBe(404);
    expect((await fetch(`${base}/api/download?name=${encodeURIComponent(tsvName)}`, { method: 'POST', headers: { 'X-Tandem-Token': server.token } })).status).toBe(405);

    // The path endpoint hands out free names in that folder, never outside it.
    const p = await (await fetch(`${base}/api/export-path?name=${encodeURIComponent('../../evil.tmx')}`, { headers: { 'X-Tandem-Token': server.token } })).json() as { path: string; folder: string };
    expect(p.folder).toBe(exportsDir);
    expect(dirname(p.path)).toBe(exportsDir);
    const again = await (await fetch(`${base}/api/export-path?name=${encodeURIComponent(tsvName)}`, { headers: { 'X-Tandem-Token': server.token } })).json() as { path: string };
    expect(again.path).not.toBe(tsvFile);
    expect((await fetch(`${base}/api/export-path?name=x.tmx`)).status).toBe(401);
  });
  it('chooses a language pair: de-nl needs no English, the preview lists what is skipped and why, and the files hold two languages', async () => {
    // A German and a Dutch report aligned 1-1 on their first three sentences (the tiny models'
    // random English aligns nothing across languages), two rows accepted.
    const alignment = await tandem.store.saveAlignment({ aDoc: docs.de, bDoc: docs.nl, mode: 'monotonic', sourceHash: 'e2e', beads: [0, 1, 2].map((i) => ({ a: [i], b: [i], score: 0.9, kind: '1-1' })) });
    const beads = (await tandem.alignment(alignment)).beads;
    for (const b of beads.slice(0, 2)) await tandem.review(alignment, b.id, 'accept');
    const sentence = async (doc: number, i: number) => (await tandem.sentences(doc))[i]!.text;

    await page.keyboard.press('Control+1');
    await page.getByRole('button', { name: 'Export…' }).click();
    await dialog().waitFor();
    // Each alignment's own pair by default: 3 de-en, 3 nl-en, 2 de-nl; nothing skipped.
    await expect.poll(() => dialog().getByTestId('export-count').getAttribute('data-pairs')).toBe('8');
    await expect.poll(() => dialog().getByTestId('export-count').textContent()).toMatch(/de-en 3, de-nl 2, nl-en 3/u);
    expect(await dialog().getByTestId('export-skipped').count()).toBe(0);

    await dialog().getByTestId('export-pair').selectOption('de-nl');
    await expect.poll(() => dialog().getByTestId('export-count').getAttribute('data-pairs')).toBe('2');
    const other = dialog().getByTestId('export-skipped').locator('li[data-reason="otherPair"]');
    await expect.poll(() => other.getAttribute('data-count')).toBe('6');
    expect(await other.textContent()).toMatch(/6 of another language pair \(de-en: 3, nl-en: 3\)/u);
    await page.screenshot({ path: join(shots, '18-export-dialog-pair.png') });

    const tmx = await exportFromDialog();
    expect(tmx).toMatch(/tandem-pairs-de-nl-accepted\.tmx$/u);
    expect(await dialog().getByTestId('export-report').textContent()).toMatch(/2 pairs.*6 skipped: 6 of another language pair/su);
    const tus = find(parseXml(readFileSync(tmx, 'utf8'), false), 'tu');
    expect(tus).toHaveLength(2);
    const units = tus.map((tu) => elements(tu).filter((e) => e.local === 'tuv').map((v) => [v.attrs['xml:lang'], textOf(elements(v).find((e) => e.local === 'seg')!)]));
    expect(units).toEqual([
      [['de', await sentence(docs.de, 0)], ['nl', await sentence(docs.nl, 0)]],
      [['de', await sentence(docs.de, 1)], ['nl', await sentence(docs.nl, 1)]],
    ]);

    // XLIFF of the pair: its source and target language
    await dialog().getByTestId('export-format').selectOption('xliff');
    await expect.poll(() => dialog().getByTestId('export-error').count()).toBe(0);
    await dialog().getByTestId('export-start').click();
    await expect.poll(async () => (await dialog().getByTestId('export-file').textContent()) ?? '').toMatch(/\.xlf$/u);
    const xlf = parseXml(readFileSync((await dialog().getByTestId('export-file').textContent())!, 'utf8'));
    expect(xlf.attrs).toMatchObject({ srcLang: 'de', trgLang: 'nl' });
    expect(find(xlf, 'segment')).toHaveLength(2);

    // A pair nothing has: 0, with why and what to do, and Export is off.
    await dialog().getByTestId('export-pair').selectOption('is-en');
    await expect.poll(() => dialog().getByTestId('export-count').getAttribute('data-pairs')).toBe('0');
    await expect.poll(() => dialog().getByTestId('export-hint').textContent()).toMatch(/0 pairs: 8 skipped: 8 of another language pair.*Choose a pair they have/u);
    expect(await dialog().getByTestId('export-start').isDisabled()).toBe(true);
    await page.screenshot({ path: join(shots, '19-export-dialog-none.png') });
    await page.keyboard.press('Escape');
    expect(problems).toEqual([]);
  });
});

describe.skipIf(!haveChromium)('the Export dialog with nothing aligned yet', () => {
  let tandem: Tandem;
  let ui: Awaited<ReturnType<typeof openUi>>;
  const problems: string[] = [];
  const fresh = join(dir, 'fresh');

  beforeAll(async () => {
    ensureRendererBuilt();
    tandem = await Tandem.open({ dbPath: join(fresh, 'tandem.db'), modelsDir: join(fresh, 'models') });
    // `tandem run samples` without models: ingested and matched, nothing aligned
    await tandem.ingest(samples);
    await tandem.match();
    ui = await openUi(tandem, join(fresh, 'profile'), problems);
  });
  afterAll(async () => {
    await closeUi(ui ?? {}, tandem);
  });

  it('says why there is nothing to export, aligns every matched pair from the dialog, then exports bilingual units', async () => {
    const { page, server } = ui;
    const dialog = () => page.getByTestId('export-dialog');
    const matched = (await tandem.store.matches()).length;
    expect(matched).toBeGreaterThan(0);
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Export…' }).click();
    await dialog().waitFor();
    await expect.poll(() => dialog().getByTestId('export-count').getAttribute('data-pairs')).toBe('0');
    await expect.poll(() => dialog().getByTestId('export-hint').textContent()).toMatch(/0 pairs: nothing is aligned yet\. Run `tandem align --matched`.*or open a pair in Compare/u);
    expect(await dialog().getByTestId('export-start').isDisabled()).toBe(true);
    await page.screenshot({ path: join(shots, '20-export-dialog-nothing-aligned.png') });

    await dialog().getByTestId('export-align-matched').click();
    await expect.poll(() => dialog().getByTestId('export-align-report').textContent(), { timeout: 60_000 }).toMatch(new RegExp(`^${matched} of ${matched} aligned`, 'u'));
    expect((await tandem.store.alignments()).length).toBe(matched);
    // Aligned but not reviewed: the count says so, and All takes them.
    await expect.poll(() => dialog().getByTestId('export-hint').textContent()).toMatch(/no aligned pair has the review status "accepted" yet/u);
    await dialog().getByTestId('export-status').getByRole('radio', { name: 'All', exact: true }).click();
    await expect.poll(() => dialog().getByTestId('export-count').getAttribute('data-pairs')).toMatch(/^[1-9]\d*$/u);
    const counted = Number(await dialog().getByTestId('export-count').getAttribute('data-pairs'));
    // the German pair of reports (003 ~ 004) is no language pair: listed as skipped
    await expect.poll(() => dialog().getByTestId('export-skipped').locator('li[data-reason="sameLanguage"]').count()).toBe(1);
    await dialog().getByTestId('export-start').click();
    await dialog().getByTestId('export-report').waitFor({ timeout: 30_000 });
    const file = (await dialog().getByTestId('export-file').textContent())!;
    const tus = find(parseXml(readFileSync(file, 'utf8'), false), 'tu');
    expect(tus).toHaveLength(counted);
    for (const tu of tus) {
      const langs = elements(tu).filter((e) => e.local === 'tuv').map((v) => v.attrs['xml:lang']);
      expect(langs).toHaveLength(2);
      expect(langs[0]).not.toBe(langs[1]);
    }
    await page.keyboard.press('Escape');
    expect(problems).toEqual([]);
  });
});
