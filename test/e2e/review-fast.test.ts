// Compare at speed, in Debian's Chromium against `tandem serve` (in-process), on generated and
// written reports with imported English (no model needed): decisions patch the rows they change
// and never reload the alignment (review, a shift, a row edit and their undo; each decision then
// found again after a reload); repeated
// passages are marked only where they are news; passages mode keeps unmatched sentences as
// collapsed runs; a long pair aligns as a job with progress and Cancel, and opens at once once
// stored. Screenshots go to test-results/screenshots/.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tandem } from '../../src/api/service.ts';
import type { RunningServer } from '../../src/server/index.ts';
import { ingestGeneratedPair } from '../support/generated-pair.ts';
import { tempDir } from '../support/tmp.ts';
import { CHROMIUM, closeUi, ensureRendererBuilt, openUi, SCREENSHOTS } from './renderer.ts';

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`[e2e] ${CHROMIUM} is missing: skipping the fast review tests (install it with: apt-get install -y chromium)`);

const dir = tempDir('tandem-review-fast-');
const shots = SCREENSHOTS;
const EDITED = 'The minister met the delegates by hand-edited wording.';
const EDITED_FIRST = 'A first sentence edited by hand.';
const EDITED_SECOND = 'A second sentence edited by hand.';

const GERMAN = ['Der Minister kam am Montag in Peking an.', 'Er traf seinen Amtskollegen Wang Yi.', 'Die Gespräche dauerten drei Stunden.', 'Beide Länder unterzeichneten ein Handelsabkommen über Getreide.', 'Danach reiste er nach Moskau zurück.'];
const MT = ['The minister arrived in Beijing on Monday.', 'He met his colleague Wang Yi.', 'The talks took three hours.', 'Both countries signed a trade agreement on grain.', 'Then he travelled back to Moscow.'];
const OTHER = ['Markets in Chicago fell on Tuesday.', 'Traders pointed to the weather in Brazil.', 'Both countries signed a grain trade agreement.', 'Analysts expect more volatility in the spring.', 'Prices for soybeans rose slightly.'];

describe.skipIf(!haveChromium)('Compare at speed in Chromium', () => {
  let tandem: Tandem;
  let server: RunningServer;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  /** Every api call the page makes, by path. */
  const calls: string[] = [];
  let small: { a: number; b: number; alignment: number };
  let long: { a: number; b: number; passages: number };
  let passages = 0;

  beforeAll(async () => {
    ensureRendererBuilt();
    mkdirSync(shots, { recursive: true });
    tandem = await Tandem.open({ dbPath: join(dir, 'tandem.db'), modelsDir: join(dir, 'models') });
    const s = await ingestGeneratedPair(tandem, dir, 40, 'small');
    small = { ...s, alignment: (await tandem.align(s.a, s.b, 'monotonic')).id };
    // The matcher's passages: the pair shares everything (not news), row 7's German sentence recurs in its own report (news).
    await tandem.store.replaceMatches({
      fingerprints: [s.a, s.b].map((id) => ({ documentId: id, sourceHash: `e2e-${id}`, data: '{}' })),
      matches: [],
      passages: [
        { a: { doc: s.a, sentences: [...Array(40).keys()] }, b: { doc: s.b, sentences: [...Array(40).keys()] }, score: 0.9 },
        { a: { doc: s.a, sentences: [7] }, b: { doc: s.a, sentences: [30] }, score: 0.8 },
      ],
    });
    const file = (name: string, lines: string[]) => (writeFileSync(join(dir, name), lines.join('\n')), join(dir, name));
    await tandem.importMemory(file('mt.tsv', GERMAN.map((g, i) => `${g}\t${MT[i]}`)), { lang: 'de' });
    const de = (await tandem.ingest([file('de.txt', GERMAN)], { oneSentencePerLine: true, lang: 'de' })).documents[0]!.id!;
    const other = (await tandem.ingest([file('other.txt', OTHER)], { oneSentencePerLine: true, lang: 'en' })).documents[0]!.id!;
    passages = (await tandem.align(de, other, 'passages')).id;
    // A long pair whose in-order alignment is not stored yet; its passages alignment (one link) is.
    const l = await ingestGeneratedPair(tandem, dir, 5000, 'long');
    const id = await tandem.store.saveAlignment({ aDoc: l.a, bDoc: l.b, mode: 'passages', sourceHash: 'e2e', beads: [{ a: [0], b: [0], score: 0.9, kind: 'link' }] });
    // reviewed, so it stands as it is: opening the pair in passages mode never recomputes it
    await tandem.review(id, (await tandem.alignment(id)).beads[0]!.id, 'accept');
    long = { ...l, passages: id };
    ({ server, context, page } = await openUi(tandem, join(dir, 'profile'), problems));
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/api/query/') || path.startsWith('/api/jobs/')) calls.push(path);
    });
  }, 180_000);
  afterAll(async () => {
    await closeUi({ context, server }, tandem);
  });

  const row = (i: number) => page.locator(`[data-testid="cmp-row"][data-row="${i}"]`);
  const focusRow = async (i: number) => {
    await row(i).click();
    await expect.poll(() => page.locator('[data-testid="cmp-row"][aria-current="true"]').getAttribute('data-row')).toBe(String(i));
  };
  const settled = () => expect.poll(() => page.locator('.saving').count()).toBe(0);
  const openCompare = async (id: number) => {
    await page.goto(`${server.url.split('#')[0]}#/compare/${id}`);
    await page.getByTestId('cmp-row').first().waitFor();
  };

  it('marks only the passage repeated inside the German report, not the pair on screen', async () => {
    await openCompare(small.alignment);
    await expect.poll(() => page.getByTestId('review-counts').textContent()).toContain('of 40 rows');
    const hatched = await page.locator('[data-testid="cmp-row"]:has(.cmp-cell.repeated)').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row')));
    expect(hatched).toEqual(['7']);
    expect(await row(7).locator('.cmp-cell.repeated').count()).toBe(1);
  });

  it('merges, splits, accepts, edits and undoes by patching rows, never reloading the alignment', async () => {
    await openCompare(small.alignment);
    const compareLoads = () => calls.filter((c) => c === '/api/query/compare').length;
    const loads = compareLoads();
    await focusRow(2);
    await page.keyboard.press('m');
    await expect.poll(() => page.getByTestId('review-counts').textContent()).toContain('of 39 rows');
    await expect.poll(() => row(2).locator('.cmp-gutter').textContent()).toContain('2-2');
    await settled();
    await page.keyboard.press('s');
    await expect.poll(() => row(2).locator('.cmp-gutter').textContent()).toContain('1-1');
    await expect.poll(() => page.getByTestId('review-counts').textContent()).toContain('of 40 rows');
    await settled();
    await page.keyboard.press('m');
    await expect.poll(() => row(2).locator('.cmp-gutter').textContent()).toContain('2-2');
    await settled();
    await page.keyboard.press('u');
    await expect.poll(() => row(2).locator('.cmp-gutter').textContent()).toContain('1-1');
    await expect.poll(() => page.getByTestId('review-counts').textContent()).toContain('of 40 rows');
    await settled();
    await focusRow(5);
    await page.keyboard.press('a');
    await expect.poll(() => row(5).getAttribute('data-status')).toBe('accepted');
    await settled();
    await focusRow(9);
    await page.keyboard.press('e');
    await page.getByTestId('editor').waitFor();
    await page.getByTestId('editor').fill(EDITED);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('editor').count()).toBe(0);
    await settled();
    await expect.poll(() => row(9).textContent()).toContain(EDITED);
    // the row's diff was recomputed by the engine: the edited side differs from the other now
    await expect.poll(() => row(9).locator('mark').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('review-counts').textContent()).toContain('1 accepted');
    // every decision answered with its rows: the alignment was loaded once, when Compare opened
    expect(compareLoads()).toBe(loads);
    expect(calls.filter((c) => c === '/api/query/review').length).toBeGreaterThanOrEqual(4);
    await page.screenshot({ path: join(shots, '40-compare-patched.png') });

    await page.reload();
    await page.getByTestId('cmp-row').first().waitFor();
    await expect.poll(() => page.getByTestId('review-counts').textContent()).toContain('of 40 rows');
    expect(await row(2).locator('.cmp-gutter').textContent()).toContain('1-1');
    expect(await row(5).getAttribute('data-status')).toBe('accepted');
    await expect.poll(() => row(9).textContent()).toContain(EDITED);
  });

  it('shifts a sentence, edits the 2-1 row it made and undoes both by patching rows, never reloading', async () => {
    await openCompare(small.alignment);
    const compareLoads = () => calls.filter((c) => c === '/api/query/compare').length;
    const loads = compareLoads();
    const gutter = (i: number) => row(i).locator('.cmp-gutter').textContent();
    await focusRow(12);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Shift+ArrowUp');
    await expect.poll(() => gutter(11)).toContain('2-1');
    await expect.poll(() => gutter(12)).toContain('0-1');
    await settled();
    await focusRow(11);
    await page.keyboard.press('e');
    const editor = page.getByTestId('editor');
    await editor.waitFor();
    await editor.fill(EDITED_FIRST);
    await page.keyboard.press('Tab');
    await expect.poll(() => editor.getAttribute('aria-label')).toContain('sentence 13');
    await editor.fill(EDITED_SECOND);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('editor').count()).toBe(0);
    await settled();
    await expect.poll(() => row(11).getByTestId('diff-a').textContent()).toBe(`${EDITED_FIRST} ${EDITED_SECOND}`);
    // the shift and the row edit answered with their rows: no reload of the alignment
    expect(compareLoads()).toBe(loads);
    expect(calls).toContain('/api/query/operate');
    expect(calls).toContain('/api/query/editRow');

    // one undo takes back the row edit, the next the shift: both patched in too
    await page.keyboard.press('u');
    await expect.poll(() => row(11).textContent()).not.toContain(EDITED_FIRST);
    expect(await gutter(11)).toContain('2-1');
    await settled();
    await page.keyboard.press('u');
    await expect.poll(() => gutter(11)).toContain('1-1');
    await expect.poll(() => gutter(12)).toContain('1-1');
    await settled();
    expect(compareLoads()).toBe(loads);

    await page.reload();
    await page.getByTestId('cmp-row').first().waitFor();
    await expect.poll(() => gutter(12)).toContain('1-1');
    expect(await gutter(11)).toContain('1-1');
    expect(await row(11).textContent()).not.toContain(EDITED_FIRST);
  });

  it('shows the sentences passages mode leaves unmatched as collapsed runs with their count, expandable', async () => {
    await openCompare(passages);
    expect(await page.getByTestId('cmp-row').count()).toBe(1);
    const runs = page.getByTestId('unmatched-run');
    await expect.poll(() => runs.count()).toBe(4);
    expect(await runs.evaluateAll((rs) => rs.map((r) => `${r.getAttribute('data-side')}${r.getAttribute('data-count')}`))).toEqual(['a3', 'b2', 'a1', 'b2']);
    expect(await page.getByTestId('unmatched-sentence').count()).toBe(0);
    await page.screenshot({ path: join(shots, '41-passages-collapsed.png') });
    await runs.first().getByTestId('unmatched-toggle').click();
    await expect.poll(() => page.getByTestId('unmatched-sentence').count()).toBe(3);
    expect(await runs.first().textContent()).toContain(GERMAN[0]);
    expect(await runs.first().getByTestId('unmatched-toggle').getAttribute('aria-expanded')).toBe('true');
    await page.screenshot({ path: join(shots, '42-passages-expanded.png') });
    await runs.first().getByTestId('unmatched-toggle').click();
    await expect.poll(() => page.getByTestId('unmatched-sentence').count()).toBe(0);
  });

  it('aligns a long pair as a job with progress and Cancel, then opens it at once once stored', async () => {
    // The job's save waits at a gate this test opens once Cancel is clicked, so the job is still
    // running when the analyst cancels it however fast the machine aligns (the real save runs after).
    const save = tandem.store.saveAlignment.bind(tandem.store);
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    tandem.store.saveAlignment = async (...args) => {
      await gate;
      return save(...args);
    };
    await openCompare(long.passages);
    await page.getByRole('button', { name: 'In order' }).click();
    const progress = page.getByTestId('align-progress');
    await progress.waitFor();
    await expect.poll(() => page.getByTestId('align-amount').textContent(), { timeout: 30_000 }).toMatch(/^[1-9]\d*% of the search/u);
    expect(await progress.getByRole('progressbar').getAttribute('aria-valuenow')).not.toBe('0');
    // the engine has answered the cancel (the job's signal is aborted) before the save may go on
    const cancelled = page.waitForResponse((r) => /^\/api\/jobs\/[^/]+\/cancel$/u.test(new URL(r.url()).pathname));
    await page.getByTestId('align-cancel').click();
    expect((await cancelled).ok()).toBe(true);
    open();
    tandem.store.saveAlignment = save;
    await page.getByTestId('align-ended').waitFor();
    expect(await page.getByTestId('align-ended').textContent()).toContain('cancelled');
    expect(await tandem.store.alignmentId(long.a, long.b, 'monotonic')).toBeNull();

    // Again, to the end: Compare opens the new alignment when the job is done.
    await openCompare(long.passages);
    await page.getByRole('button', { name: 'In order' }).click();
    await expect.poll(() => page.getByTestId('align-amount').textContent(), { timeout: 30_000 }).toMatch(/% of the search/u);
    await page.screenshot({ path: join(shots, '43-align-progress.png') });
    await page.waitForURL(/#\/compare\/\d+$/u, { timeout: 60_000 });
    await expect.poll(() => page.getByTestId('compare').getAttribute('data-alignment'), { timeout: 60_000 }).not.toBe(String(long.passages));
    const aligned = Number(await page.getByTestId('compare').getAttribute('data-alignment'));
    expect(aligned).toBe(await tandem.store.alignmentId(long.a, long.b, 'monotonic'));
    await page.getByTestId('cmp-row').first().waitFor();
    await expect.poll(() => page.getByTestId('review-counts').textContent()).toContain('of 5000 rows');
    await page.keyboard.press('a');
    await expect.poll(() => row(0).getAttribute('data-status')).toBe('accepted');
    await settled();

    // Stored now: switching back and forth opens it without another job, and the decision is there after a reload.
    const jobsBefore = calls.filter((c) => c === '/api/jobs/align').length;
    await page.getByRole('button', { name: 'Passages' }).click();
    await expect.poll(() => page.getByTestId('compare').getAttribute('data-alignment')).toBe(String(long.passages));
    await page.getByRole('button', { name: 'In order' }).click();
    await expect.poll(() => page.getByTestId('compare').getAttribute('data-alignment')).toBe(String(aligned));
    expect(calls.filter((c) => c === '/api/jobs/align').length).toBe(jobsBefore);
    expect(await page.getByTestId('align-progress').count()).toBe(0);
    await page.reload();
    await page.getByTestId('cmp-row').first().waitFor();
    await expect.poll(() => row(0).getAttribute('data-status')).toBe('accepted');
    expect(problems).toEqual([]);
  }, 180_000);
});
