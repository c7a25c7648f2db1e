// The Library in Debian's Chromium against `tandem serve` (in-process): English originals and
// partly translated documents say so, an unsupported French document shows its language and its
// text can be read, columns sort (aria-sort, by keyboard too), filters narrow the list and are
// kept across views, list keys work right after Ctrl+1, and documents are deleted after a
// confirmation that counts what goes with them.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tandem } from '../../src/api/service.ts';
import type { RunningServer } from '../../src/server/index.ts';
import { installTinyModels } from '../support/models.ts';
import { tempDir } from '../support/tmp.ts';
import { CHROMIUM, closeUi, ensureRendererBuilt, openUi, SAMPLE_FILES, SCREENSHOTS } from './renderer.ts';

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`[e2e] ${CHROMIUM} is missing: skipping the Library tests (install it with: apt-get install -y chromium; .ci/run does)`);

const dir = tempDir('tandem-library-ui-');
const shots = SCREENSHOTS;

const ENGLISH = [
  'The foreign ministers of Russia and China met in Beijing on Tuesday to discuss trade and security.',
  'Both sides said the talks had been constructive and that they would meet again next year.',
  'Analysts in Washington expressed concern about the growing partnership between the two countries.',
  'The meeting lasted more than four hours and ended with a joint statement on regional stability.',
].join(' ');
const FRENCH = [
  'Les ministres des Affaires étrangères de la Russie et de la Chine se sont rencontrés mardi à Pékin.',
  'Les deux parties ont déclaré que les discussions avaient été constructives et qu’elles se reverraient l’année prochaine.',
  'Les analystes de Washington se sont inquiétés du partenariat croissant entre les deux pays.',
  'La réunion a duré plus de quatre heures et s’est terminée par une déclaration commune sur la stabilité régionale.',
].join(' ');

describe.skipIf(!haveChromium)('the Library in Chromium', () => {
  let tandem: Tandem;
  let server: RunningServer;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  const id: Record<string, number> = {};

  const rows = () => page.getByTestId('doc-row');
  const rowOf = (doc: number) => page.locator(`[data-testid="doc-row"][data-doc="${doc}"]`);
  const shownIds = async () => (await rows().evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-doc')))));
  const header = (key: string) => page.getByTestId(`sort-${key}`);
  const focusedTestId = () => page.locator(':focus').getAttribute('data-testid');
  const ariaSort = (key: string) => header(key).locator('xpath=..').getAttribute('aria-sort');

  beforeAll(async () => {
    ensureRendererBuilt();
    mkdirSync(shots, { recursive: true });
    const modelsDir = join(dir, 'models');
    const manifestPath = await installTinyModels(modelsDir, ['de', 'nl', 'is']);
    tandem = await Tandem.open({ dbPath: join(dir, 'tandem.db'), modelsDir, manifestPath });
    const files = join(dir, 'files');
    mkdirSync(files);
    writeFileSync(join(files, 'english.txt'), `Ministers meet in Beijing\n\n${ENGLISH}\n`);
    writeFileSync(join(files, 'french.txt'), `Les ministres se rencontrent à Pékin\n\n${FRENCH}\n`);
    // two sentences of sample 003 (translated below, so their English is in memory) and two new ones, under a byline
    const s003 = readFileSync(SAMPLE_FILES[3]!, 'utf8');
    const first = (await tandem.ingest([SAMPLE_FILES[3]!])).documents[0]!;
    const known = (await tandem.sentences(first.id!)).slice(0, 2).map((s) => s.text);
    expect(s003.length).toBeGreaterThan(0);
    writeFileSync(join(files, 'partial.txt'), `Lawrow in Pjöngjang\n\nVon Hans Müller, 14. Januar 2008\n\n${known.join(' ')} Der Besuch dauerte zwei Tage und endete ohne gemeinsame Erklärung. Beobachter in Seoul sprachen von einem symbolischen Treffen.\n`);
    for (const d of (await tandem.ingest([...SAMPLE_FILES, join(files, 'english.txt'), join(files, 'french.txt'), join(files, 'partial.txt')])).documents) {
      id[d.path.split('/').pop()!.slice(0, 3)] = d.id!;
    }
    await tandem.translate({ documentIds: [first.id!] });
    await tandem.match();
    // an alignment of 000 with its English and one reviewed decision: the delete below counts them
    const al = await tandem.align(id['000']!, id['000']!);
    await tandem.review(al.id, al.beads[0]!.id, 'accept');
    ({ server, context, page } = await openUi(tandem, join(dir, 'profile'), problems));
  });
  afterAll(async () => {
    await closeUi({ context, server }, tandem);
  });

  it('says Original English, Translated done/total and the unsupported language by name; the total leaves English out', async () => {
    await page.goto(server.url);
    await expect.poll(() => rows().count()).toBe(8);
    const status = (doc: number) => rowOf(doc).getByTestId('doc-status');
    expect(await status(id.eng!).textContent()).toBe('Original English');
    expect(await status(id.par!).textContent()).toBe('Translated 2/4');
    expect(await status(id['001']!).textContent()).toBe('Untranslated');
    expect(await status(id['003']!).textContent()).toBe('Translated');
    expect(await status(id.fre!).textContent()).toBe('Unsupported: fr');
    const fr = rowOf(id.fre!).getByTestId('doc-lang');
    expect(await fr.locator('.lang-code').textContent()).toBe('fr');
    expect(await fr.locator('.sub').textContent()).toBe('French · detected');
    expect(await rowOf(id.eng!).getByTestId('doc-translated').count()).toBe(0);
    // the byline date is the document's date
    expect(await rowOf(id.par!).locator('.tabular').first().textContent()).toBe('2008-01-14');
    const docs = await tandem.documents();
    const toTranslate = docs.filter((d) => d.lang !== 'en' && d.status === 'ingested');
    const sentences = toTranslate.reduce((n, d) => n + d.sentenceCount, 0);
    const done = toTranslate.reduce((n, d) => n + Math.min(d.translatedCount, d.sentenceCount), 0);
    expect(await page.getByTestId('library-totals').textContent()).toBe(`8 documents · ${sentences} sentences to translate · ${Math.round((done / sentences) * 100)}% translated · 1 original English`);
    await page.screenshot({ path: join(shots, 'library-01-labels.png') });
  });

  it('lets J/K, Enter work right after Ctrl+1 from another view, without a click', async () => {
    await page.keyboard.press('Control+5');
    await page.getByRole('heading', { name: 'Models' }).waitFor();
    await page.keyboard.press('Control+1');
    await expect.poll(() => rows().count()).toBe(8);
    await expect.poll(() => focusedTestId()).toBe('doc-list');
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    const second = (await shownIds())[1]!;
    expect(await rowOf(second).getAttribute('data-active')).toBe('true');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`#/document/${second}$`, 'u'));
    await page.keyboard.press('Control+1');
    await expect.poll(() => rowOf(second).getAttribute('data-active')).toBe('true'); // the cursor is kept
    await page.keyboard.press('j');
    await expect.poll(async () => rowOf((await shownIds())[2]!).getAttribute('data-active')).toBe('true');
  });

  it('sorts by a column with aria-sort, by mouse and by keyboard, and reverses on a second press', async () => {
    expect(await ariaSort('id')).toBe('ascending');
    expect(await ariaSort('title')).toBe('none');
    await header('title').click();
    expect(await ariaSort('title')).toBe('ascending');
    expect(await ariaSort('id')).toBe('none');
    const titles = async () => rows().locator('.cell-title .title').allTextContents();
    const asc = await titles();
    expect(asc).toEqual([...asc].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base', numeric: true })));
    await header('title').focus();
    await page.keyboard.press('Enter');
    expect(await ariaSort('title')).toBe('descending');
    expect(await titles()).toEqual([...asc].reverse());
    await page.keyboard.press('Tab'); // to the next header: Language
    await page.keyboard.press('Space');
    expect(await ariaSort('language')).toBe('ascending');
    const langs = await rows().getByTestId('doc-lang').locator('.lang-code').allTextContents();
    expect(langs).toEqual([...langs].sort());
    await header('sentences').click();
    expect(await ariaSort('sentences')).toBe('descending');
    const counts = await rows().locator('.num.tabular').allTextContents();
    expect(counts.map(Number)).toEqual(counts.map(Number).sort((a, b) => b - a));
    await page.screenshot({ path: join(shots, 'library-02-sorted.png') });
    await header('date').click();
    expect(await ariaSort('date')).toBe('descending');
    const dates = (await rows().evaluateAll((els) => els.map((e) => e.children[3]!.textContent ?? '')));
    const dated = dates.filter((d) => /^\d{4}/u.test(d));
    expect(dated).toEqual([...dated].sort().reverse());
    expect(dates.slice(dated.length).every((d) => d === 'no date')).toBe(true); // undated last
  });

  it('filters by language, status and date range, and keeps the filters while switching views', async () => {
    await page.getByTestId('filter-lang').selectOption('de');
    const docs = await tandem.documents();
    const de = docs.filter((d) => d.lang === 'de').map((d) => d.id).sort((a, b) => a - b);
    expect((await shownIds()).sort((a, b) => a - b)).toEqual(de);
    await page.getByTestId('filter-status').selectOption('partial');
    expect(await shownIds()).toEqual([id.par]);
    await page.getByTestId('filter-lang').selectOption('');
    await page.getByTestId('filter-status').selectOption('english');
    expect(await shownIds()).toEqual([id.eng]);
    await page.getByTestId('filter-status').selectOption('');
    await page.getByTestId('filter-from').fill('2024-01-01');
    await page.getByTestId('filter-to').fill('2024-12-31');
    const in2024 = docs.filter((d) => d.published && d.published >= '2024-01-01' && d.published <= '2024-12-31').map((d) => d.id).sort((a, b) => a - b);
    expect(in2024.length).toBeGreaterThan(0);
    expect(in2024.length).toBeLessThan(8);
    await expect.poll(async () => (await shownIds()).sort((a, b) => a - b)).toEqual(in2024);
    expect(await page.getByTestId('library-shown').textContent()).toBe(`${in2024.length} of 8 shown`);
    await page.screenshot({ path: join(shots, 'library-03-filtered.png') });

    await page.keyboard.press('Control+3');
    await page.getByRole('heading', { name: 'Stories' }).waitFor();
    await page.keyboard.press('Control+1');
    await expect.poll(async () => (await shownIds()).sort((a, b) => a - b)).toEqual(in2024);
    expect(await page.getByTestId('filter-from').inputValue()).toBe('2024-01-01');
    expect(await ariaSort('date')).toBe('descending');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => rows().count()).toBe(8);
  });

  it('shows the text of the French document, which Tandem does not translate, and an English original without an English column', async () => {
    await rowOf(id.fre!).click();
    await page.getByTestId('unsupported-notice').waitFor();
    const text = (await page.getByTestId('plain-paragraph').allTextContents()).join(' ');
    expect(text).toContain('Les ministres des Affaires étrangères');
    expect(await page.getByTestId('doc-meta').textContent()).toMatch(/^fr French \(detected\)/u);
    await page.screenshot({ path: join(shots, 'library-04-french-document.png') });
    await page.keyboard.press('Control+1');
    await expect.poll(() => rows().count()).toBe(8);
    // an English original is read as it is: no English column waiting for a translation
    await rowOf(id.eng!).click();
    await page.getByTestId('sentence').first().waitFor();
    expect(await page.getByTestId('english').count()).toBe(0);
    expect(await page.getByTestId('doc-meta').textContent()).toContain('original English');
    await page.keyboard.press('Control+1');
    await expect.poll(() => rows().count()).toBe(8);
  });

  it('deletes two selected documents after a confirmation that counts what goes with them; Esc cancels', async () => {
    await header('id').click(); // # ascending again
    expect(await ariaSort('id')).toBe('ascending');
    await page.getByTestId('doc-list').focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('j'); // 003 came in first: 000 is the second row
    await page.keyboard.press('Space');
    await page.keyboard.press('Shift+j');
    const [a, b] = (await shownIds()).slice(1, 3) as [number, number];
    expect([a, b]).toEqual([id['000'], id['001']]);
    await expect.poll(() => page.locator('.row-selected').count()).toBe(2);
    expect(await page.getByTestId('library-delete').textContent()).toBe('Delete 2…');
    const expected = await tandem.store.deletionCounts([a, b]);
    expect(expected.alignments).toBe(1);
    expect(expected.reviewDecisions).toBe(1);

    await page.keyboard.press('Delete');
    const dialog = page.getByTestId('delete-dialog');
    await dialog.getByTestId('delete-what').waitFor();
    expect(await dialog.getByTestId('delete-what').textContent()).toBe(`Delete 2 documents (${expected.sentences} sentences):`);
    const matches = `${expected.matches} match${expected.matches === 1 ? '' : 'es'}`;
    expect(await dialog.getByTestId('delete-with').textContent()).toBe(
      `1 alignment, 1 review decision, 0 story decisions, ${matches}, ${expected.passages} repeated passage${expected.passages === 1 ? '' : 's'} and ${expected.storyMemberships} story memberships go with them. The translation memory stays.`,
    );
    expect(await page.locator(':focus').textContent()).toBe('Cancel');
    await page.screenshot({ path: join(shots, 'library-05-delete-confirm.png') });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await rows().count()).toBe(8);
    await expect.poll(() => focusedTestId()).toBe('doc-list');

    await page.keyboard.press('Delete');
    await dialog.getByTestId('delete-with').waitFor();
    await dialog.getByTestId('delete-confirm').click();
    await page.getByTestId('library-notice').getByText('Deleted 2 documents.').waitFor();
    await expect.poll(() => rows().count()).toBe(6);
    expect((await tandem.documents()).map((d) => d.id)).not.toEqual(expect.arrayContaining([a]));
    expect((await tandem.documents()).some((d) => d.id === b)).toBe(false);
    await expect.poll(() => focusedTestId()).toBe('doc-list');
    await page.screenshot({ path: join(shots, 'library-06-deleted.png') });

    // the cursor moved to the row after the deleted ones; delete it with the toolbar button
    const ids = await shownIds();
    expect(ids[0]).toBe(id['003']);
    const first = Number(await page.locator('[data-testid="doc-row"][data-active="true"]').getAttribute('data-doc'));
    expect(first).toBe(ids[1]);
    await page.getByTestId('library-delete').click();
    await dialog.getByTestId('delete-what').getByText(/Delete 1 document \(\d+ sentences?\):/u).waitFor();
    await dialog.getByTestId('delete-confirm').click();
    await expect.poll(() => rows().count()).toBe(5);
    expect((await tandem.documents()).some((d) => d.id === first)).toBe(false);
    expect(problems).toEqual([]);
  });
});
