// The Library's search in Debian's Chromium against `tandem serve`: / and Ctrl+F focus the field,
// typing searches, hits show their words marked (stored text as text, never markup), arrows move
// through them, and Enter opens the document scrolled to that sentence and marked.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tandem } from '../../src/api/service.ts';
import { tempDir } from '../support/tmp.ts';
import { CHROMIUM, closeUi, ensureRendererBuilt, openUi, SAMPLE_FILES, SCREENSHOTS, type UiSession } from './renderer.ts';

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`[e2e] ${CHROMIUM} is missing: skipping the browser tests (install it with: apt-get install -y chromium)`);
const dir = tempDir('tandem-search-ui-');
/** Runs in the page: whether the element has the focus. */
const focused = (el: unknown) => el === (el as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement;

describe.skipIf(!haveChromium)('search in the Library (Chromium)', () => {
  let tandem: Tandem;
  let ui: UiSession;
  const problems: string[] = [];
  let markup = 0;

  beforeAll(async () => {
    ensureRendererBuilt();
    mkdirSync(SCREENSHOTS, { recursive: true });
    tandem = await Tandem.open({ dbPath: join(dir, 'tandem.db'), modelsDir: join(dir, 'models') });
    await tandem.ingest(SAMPLE_FILES);
    const file = join(dir, 'markup.txt');
    writeFileSync(file, 'Kim <img src=x onerror="window.pwned=1"> sprach in Pjöngjang.\n');
    const report = await tandem.ingest([file], { lang: 'de', oneSentencePerLine: true });
    markup = report.documents[0]!.id!;
    const [s] = await tandem.store.sentences(markup);
    await tandem.store.saveTranslations([{ sourceLang: 'de', memoryKey: s!.memoryKey, sourceText: s!.text, english: 'Kim spoke in Pyongyang.', origin: 'imported' }]);
    ui = await openUi(tandem, join(dir, 'profile'), problems);
  });
  afterAll(() => closeUi(ui ?? {}, tandem));

  it('focuses the field with /, searches as you type, and marks the words in each hit', async () => {
    const { page, server } = ui;
    await page.goto(server.url);
    await page.getByTestId('doc-row').first().waitFor();
    await page.getByRole('listbox', { name: 'Documents' }).focus();
    await page.keyboard.press('/');
    const field = page.getByTestId('search-input');
    expect(await field.evaluate(focused)).toBe(true);
    await page.keyboard.type('pjongjang');
    await page.getByTestId('search-status').getByText(/\d+ hits?/u).waitFor();
    const hits = page.getByTestId('search-hit');
    expect(await hits.count()).toBeGreaterThan(3);
    const marks = await page.locator('.search-hit mark').allTextContents();
    expect(new Set(marks)).toEqual(new Set(['Pjöngjang']));
    // Stored text is shown as text: the sentence's markup is visible and never became an element.
    const withMarkup = page.locator(`[data-testid="search-hit"][data-doc="${markup}"]`);
    expect(await withMarkup.getByTestId('hit-text').textContent()).toBe('Kim <img src=x onerror="window.pwned=1"> sprach in Pjöngjang.');
    expect(await page.locator('.search-panel img').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
    await page.screenshot({ path: join(SCREENSHOTS, 'search-01-hits.png') });
  });

  it('moves through the hits with the arrows and opens the chosen one at its sentence', async () => {
    const { page } = ui;
    const hits = page.getByTestId('search-hit');
    expect(await hits.nth(0).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    const chosen = hits.nth(1);
    expect(await chosen.getAttribute('aria-selected')).toBe('true');
    const doc = Number(await chosen.getAttribute('data-doc'));
    const sentence = Number(await chosen.getAttribute('data-sentence'));
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`#/document/${doc}/${sentence}$`, 'u'));
    const row = page.locator(`[data-testid="sentence"][data-index="${sentence}"]`);
    await row.and(page.locator('[data-search-target="true"]')).waitFor();
    expect(await row.getAttribute('aria-current')).toBe('true');
    expect(await row.textContent()).toMatch(/Pjöngjang/u);
    const box = (await row.boundingBox())!;
    const body = (await page.getByTestId('doc-body').boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(body.y);
    expect(box.y + box.height).toBeLessThanOrEqual(body.y + body.height);
    await page.screenshot({ path: join(SCREENSHOTS, 'search-02-opened-at-sentence.png') });
  });

  it('finds English with Ctrl+F from the Library, and says clearly when a query has no words', async () => {
    const { page } = ui;
    await page.keyboard.press('Control+1');
    await page.getByTestId('doc-row').first().waitFor();
    await page.keyboard.press('Control+f');
    const field = page.getByTestId('search-input');
    expect(await field.evaluate(focused)).toBe(true);
    await page.getByLabel('Search in').selectOption('english');
    await field.fill('Pyongyang');
    await page.keyboard.press('Enter');
    await page.getByTestId('search-status').getByText('1 hit ·').waitFor();
    expect(await page.getByTestId('search-hit').getAttribute('data-doc')).toBe(String(markup));
    expect(await page.locator('.search-hit mark').allTextContents()).toEqual(['Pyongyang']);
    await page.getByText('in the English').waitFor();

    await field.fill('"*"');
    await page.getByRole('alert').getByText(/has no word or number to look for/u).waitFor();
    expect(await page.getByTestId('search-hit').count()).toBe(0);
    await field.fill('Zanzibar');
    await page.getByTestId('search-status').getByText('No sentence holds zanzibar').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'search-03-no-hits.png') });
    // The one request answered 400 is the query without words; nothing else went wrong on the page.
    expect(problems).toEqual(['console: Failed to load resource: the server responded with a status of 400 (Bad Request)']);
  });
});
