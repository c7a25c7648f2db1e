// The app's own tools in Debian's Chromium against `tandem serve`: translation-memory import from
// the dialog and by dropping a file (progress, Cancel, the report), the Models screen (every missing
// file, adding a model folder, deleting a model), finished jobs folded into one line, and the message
// an open tab shows when the server stops and comes back with a new token.
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tandem } from '../../src/api/service.ts';
import { startServer, type RunningServer } from '../../src/server/index.ts';
import { installTinyModels, prepareTinyModels } from '../support/models.ts';
import { tempDir } from '../support/tmp.ts';
import { CHROMIUM, ensureRendererBuilt, launchBrowser, SCREENSHOTS, watchPage } from './renderer.ts';

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`[e2e] ${CHROMIUM} is missing: skipping the app tools tests (apt-get install -y chromium)`);

const dir = tempDir('tandem-tools-');
const dbDir = join(dir, 'db');
const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, name) });

describe.skipIf(!haveChromium)('the app tools in Chromium', () => {
  let tandem: Tandem;
  let server: RunningServer;
  let page: Page;
  let close: () => Promise<void>;
  const problems: string[] = [];

  beforeAll(async () => {
    ensureRendererBuilt();
    mkdirSync(SCREENSHOTS, { recursive: true });
    const modelsDir = join(dir, 'models');
    const manifestPath = await installTinyModels(modelsDir, ['de']);
    tandem = await Tandem.open({ dbPath: join(dbDir, 'tandem.db'), modelsDir, manifestPath });
    server = await startServer({ tandem, maxUploadBytes: 64 * 1024 * 1024 });
    const context = await launchBrowser(join(dir, 'profile'));
    page = context.pages()[0] ?? (await context.newPage());
    watchPage(page, problems);
    close = async () => {
      await context.close();
      await server.close();
      await tandem.close();
    };
    await page.goto(server.url);
    await page.getByText('Connected', { exact: true }).waitFor();
  });
  afterAll(() => close?.());

  it('imports a TSV memory from the dialog and reports what was read, skipped and decoded', async () => {
    const tsv = join(dir, 'mt-output.tsv');
    writeFileSync(tsv, ['Nadals Sieg war klar.\tNadal&#39;s victory was clear.', 'Leer\t', 'Der Minister reiste nach Peking.\tThe minister travelled to Beijing.', ''].join('\n'));
    await page.getByTestId('open-memory-import').click();
    const dialog = page.getByTestId('memory-dialog');
    await dialog.waitFor();
    // focus starts in the dialog, on its first control
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } | null } }).document.activeElement?.textContent)).toBe('Choose file…');
    const chooser = page.waitForEvent('filechooser');
    await dialog.getByRole('button', { name: 'Choose file…' }).click();
    await (await chooser).setFiles(tsv);
    await dialog.getByTestId('memory-problem').getByText(/is TSV: say which language/u).waitFor();
    expect(await dialog.getByTestId('memory-import').isDisabled()).toBe(true);
    await dialog.getByTestId('memory-lang').selectOption('de');
    await dialog.getByTestId('memory-import').click();
    const report = dialog.getByTestId('memory-report');
    await report.waitFor();
    expect(await report.textContent()).toContain('2 of 3 pairs imported — German: 2');
    expect(await dialog.getByTestId('memory-decoded').textContent()).toMatch(/^1 pair held HTML character references/u);
    expect(await dialog.getByTestId('memory-skipped').textContent()).toBe('1 skipped: source or English is empty');
    await shot(page, '60-memory-import-report.png');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // the imported English, decoded, on a document with that sentence
    const article = join(dir, 'nadal.txt');
    writeFileSync(article, 'Nadals Sieg war klar.\n');
    const [doc] = (await tandem.ingest([article], { lang: 'de' })).documents;
    await tandem.translate({ documentIds: [doc!.id!] });
    await page.goto(`${server.url}#/document/${doc!.id}`);
    const english = page.getByTestId('english').first();
    await english.getByText("Nadal's victory was clear.").waitFor();
    expect(await english.getByTestId('origin').textContent()).toBe('MEMORY');
  });

  it('tags English in the document view: MODEL, MEMORY, DOCUMENT (with what each means)', async () => {
    const article = join(dir, 'mixed.txt');
    writeFileSync(article, 'Nadals Sieg war klar.\n\nDas Wetter bleibt heute trocken.\n');
    const english = join(dir, 'english.txt');
    writeFileSync(english, 'The weather stays dry today.\n');
    const [de] = (await tandem.ingest([article], { lang: 'de' })).documents;
    await tandem.translate({ documentIds: [de!.id!] });
    await page.goto(`${server.url}#/document/${de!.id}`);
    await page.getByTestId('english').nth(1).getByTestId('origin').waitFor();
    expect(await page.getByTestId('origin').evaluateAll((els) => els.map((e) => [e.textContent, e.getAttribute('title')]))).toEqual([
      ['MEMORY', 'from the translation memory (an imported file); mt-output.tsv'],
      ['MODEL', 'machine translation by the local model'],
    ]);
    await shot(page, '59-origin-tags.png');
    // an English document: its own text once, with no English column to fill and nothing marked untranslated
    // (beside another document, in Compare, its side is the English, tagged DOCUMENT)
    const [doc] = (await tandem.ingest([english], { lang: 'en' })).documents;
    expect(doc).toMatchObject({ status: 'ingested', lang: 'en' });
    await page.goto(`${server.url}#/document/${doc!.id}`);
    const row = page.getByTestId('sentence').first();
    await row.waitFor();
    expect(await row.locator('.s-original').textContent()).toBe('The weather stays dry today.');
    expect(await page.getByTestId('english').count()).toBe(0);
    expect(await page.locator('.sentence.untranslated').count()).toBe(0);
    // beside the German report in Compare, the English document's side is tagged DOCUMENT
    const alignment = await tandem.align(de!.id!, doc!.id!);
    await page.goto(`${server.url}#/compare/${alignment.id}`);
    await page.getByTestId('cmp-row').first().waitFor();
    await expect.poll(() => page.locator('[data-testid="cmp-row"] [data-origin="document"]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="cmp-row"] [data-origin="document"]').first().textContent()).toBe('DOCUMENT');
  });

  it('opens the dialog with a TMX file dropped on the window, and cancels a long import', async () => {
    // a memory big enough that the import is still running when Cancel is pressed
    const rows = Array.from({ length: 400_000 }, (_, i) => `Satz Nummer ${i} im Gedächtnis.\tSentence number ${i} in memory.`);
    const big = join(dir, 'big.tsv');
    writeFileSync(big, rows.join('\n'));
    const tmx = '<?xml version="1.0"?><tmx version="1.4"><header srclang="de" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="t" creationtoolversion="1"/><body>'
      + '<tu><tuv xml:lang="de"><seg>Guten Tag.</seg></tuv><tuv xml:lang="en"><seg>Good day.</seg></tuv></tu></body></tmx>';
    const transfer = await page.evaluateHandle((text) => {
      // Runs in the page (the test's own tsconfig has no DOM types).
      const w = globalThis as unknown as { DataTransfer: new () => { items: { add(f: unknown): void } }; File: new (parts: unknown[], name: string, o: object) => unknown };
      const dt = new w.DataTransfer();
      dt.items.add(new w.File([text], 'dropped.tmx', { type: 'application/xml' }));
      return dt;
    }, tmx);
    await page.dispatchEvent('main', 'dragenter', { dataTransfer: transfer });
    await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
    const dialog = page.getByTestId('memory-dialog');
    expect(await dialog.getByTestId('memory-file').textContent()).toBe('dropped.tmx');
    // an article import did not start for it
    expect(await page.getByTestId('import-report').count()).toBe(0);
    await dialog.getByTestId('memory-import').click();
    await dialog.getByTestId('memory-report').getByText('1 of 1 pairs imported — German: 1').waitFor();

    const chooser = page.waitForEvent('filechooser');
    await dialog.getByRole('button', { name: 'Choose file…' }).click();
    await (await chooser).setFiles(big);
    await dialog.getByTestId('memory-lang').selectOption('de');
    await dialog.getByTestId('memory-import').click();
    await dialog.getByTestId('memory-progress').waitFor();
    await shot(page, '61-memory-import-progress.png');
    await dialog.getByTestId('memory-cancel').click();
    await dialog.getByTestId('memory-cancelled').waitFor();
    expect(await dialog.getByTestId('memory-cancelled').textContent()).toMatch(/cancelled; \d+ pairs of big\.tsv were imported before/u);
    const imported = (await tandem.store.memorySize())['imported']!;
    expect(imported).toBeLessThan(400_000 + 3);
    await page.keyboard.press('Escape');
  });

  it('folds finished jobs into one line that opens into the list', async () => {
    const line = page.getByTestId('finished-jobs');
    await line.waitFor();
    expect(Number(await line.getAttribute('data-count'))).toBeGreaterThanOrEqual(3);
    expect(await line.getAttribute('data-state')).toBe('cancelled');
    expect(await page.locator('.jobs .job').count()).toBe(1);
    await page.getByTestId('finished-toggle').click();
    const list = page.getByTestId('finished-list');
    await list.waitFor();
    expect(await list.locator('li').count()).toBe(Number(await line.getAttribute('data-count')) - 1);
    await shot(page, '62-jobs-expanded.png');
    await page.getByTestId('finished-toggle').click();
    await list.waitFor({ state: 'detached' });
  });

  it('lists every missing file, adds a model folder from the inbox, refuses one outside it, and deletes a model', async () => {
    await page.goto(`${server.url}#/models`);
    const nl = page.locator('[data-testid="model"][data-lang="nl"]');
    await nl.waitFor();
    expect(await nl.getAttribute('data-state')).toBe('missing');
    expect(await nl.getByTestId('missing-files').locator('li').count()).toBe(6);
    await nl.getByTestId('add-folder').click();
    await shot(page, '63-models-add-form.png');
    const source = (await prepareTinyModels(join(dir, 'models', '..', 'tiny-models-sticky'))).sourceDir('nl');
    // not a full path: said at once, nothing sent
    await nl.getByTestId('folder-path').fill('opus-mt-nl-en');
    await nl.getByRole('button', { name: 'Add', exact: true }).click();
    expect(await nl.getByTestId('add-error').textContent()).toMatch(/is not a full path/u);
    // outside the inbox: the bridge refuses, and says where the folder must be
    await nl.getByTestId('folder-path').fill(source);
    await nl.getByRole('button', { name: 'Add', exact: true }).click();
    await nl.getByTestId('add-error').getByText(/is not in the inbox; in browser mode Tandem reads only from its inbox folder/u).waitFor();
    await shot(page, '63-models-add-refused.png');
    // copied into the inbox: added
    const inInbox = join(dbDir, 'inbox', 'opus-mt-nl-en');
    cpSync(source, inInbox, { recursive: true });
    await nl.getByTestId('folder-path').fill(inInbox);
    await nl.getByRole('button', { name: 'Add', exact: true }).click();
    await page.locator('[data-testid="model"][data-lang="nl"][data-state="installed"]').waitFor();
    await page.locator('[data-testid="finished-jobs"][data-job="addModel"]').getByText('Xenova/opus-mt-nl-en added for nl (6 files)').waitFor();
    await shot(page, '64-models-added.png');

    const de = page.locator('[data-testid="model"][data-lang="de"]');
    await de.getByTestId('delete-model').click();
    const confirm = de.getByTestId('delete-confirm');
    expect(await confirm.textContent()).toMatch(/Delete Xenova\/opus-mt-de-en \(.+ on disk\)\?.*translations it already made stay in the memory/su);
    await shot(page, '65-models-delete-confirm.png');
    await confirm.getByTestId('delete-yes').click();
    await page.locator('[data-testid="model"][data-lang="de"][data-state="missing"]').waitFor();
    expect(existsSync(join(dir, 'models', 'Xenova', 'opus-mt-de-en'))).toBe(false);
  });

  it('says the server stopped, then that it came back with a new token and which address to open', async () => {
    const port = server.port;
    await server.close();
    const banner = page.getByTestId('connection');
    await page.locator('[data-testid="connection"][data-problem="unreachable"]').waitFor();
    expect(await banner.textContent()).toMatch(/not answering at 127\.0\.0\.1:\d+ — retrying/u);
    await shot(page, '66-server-stopped.png');
    server = await startServer({ tandem, port });
    await page.locator('[data-testid="connection"][data-problem="token"]').waitFor();
    expect(await banner.textContent()).toMatch(/Tandem was restarted: this tab’s access token is no longer valid.*Open the new address/su);
    await shot(page, '67-server-new-token.png');
    // the new address works
    await page.goto(server.url);
    await page.getByText('Connected', { exact: true }).waitFor();
    expect(await page.getByTestId('connection').count()).toBe(0);
    expect(problems.filter((p) => !/401|Failed to load resource|ERR_CONNECTION_REFUSED|EventSource/u.test(p))).toEqual([]);
  });
});
