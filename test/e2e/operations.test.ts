// The aligner's operations in Compare, in Debian's Chromium against `tandem serve`: shift a
// sentence per side, insert and remove a gap, split a source sentence at the caret, fix a source
// sentence, jump to low-scoring rows, filter the rows. Every decision is made with the keys,
// found again after a reload, and undone with U. Screenshots go to test-results/screenshots/.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tandem } from '../../src/api/service.ts';
import type { RunningServer } from '../../src/server/index.ts';
import { tempDir } from '../support/tmp.ts';
import { CHROMIUM, closeUi, ensureRendererBuilt, openUi, SCREENSHOTS } from './renderer.ts';

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`[e2e] ${CHROMIUM} is missing: skipping the operations tests (apt-get install -y chromium)`);

const dir = tempDir('tandem-ops-');
const GERMAN = [
  'Der Minister kam am Montag in Peking an.', 'Er traf seinen Amtskollegen Wang Yi.', 'Die Gespräche dauerten drei Stunden.',
  'Beide Seiten lobten die Zusammenarbeit.', 'Danach reiste er nach Moskau zurück.',
];
const MT = ['The minister arrived in Beijing on Monday.', 'He met his colleague Wang Yi.', 'The talks took three hours.', 'Both sides praised the cooperation.', 'Then he travelled back to Moscow.'];
const ENGLISH = ['The minister arrived in Beijing on Monday.', 'He met his counterpart Wang Yi.', 'The talks lasted three hours.', 'Both delegations spoke warmly of working together.', 'Afterwards he travelled back to Moscow.'];
const FIXED = 'Der Minister kam am Dienstag in Peking an.';

describe.skipIf(!haveChromium)('alignment operations in Chromium', () => {
  let tandem: Tandem;
  let server: RunningServer;
  let context: BrowserContext;
  let page: Page;
  let alignmentId = 0;
  const problems: string[] = [];
  /** How often the page loaded the whole alignment: decisions answer with their rows instead. */
  let compareLoads = 0;

  /** Each row as "A sentences|kind", read from the page. */
  const shape = () => page.getByTestId('cmp-row').evaluateAll((rows) => rows.map((r) => {
    const a = [...r.querySelectorAll('[data-side="a"] [data-testid="original"]')].map((s) => s.getAttribute('data-sentence')).join('+');
    return `${a}|${r.getAttribute('data-kind')}`;
  }));
  const row = (i: number) => page.locator(`[data-testid="cmp-row"][data-row="${i}"]`);
  const reload = async () => {
    await page.reload();
    await page.getByTestId('cmp-row').first().waitFor();
  };
  const undo = async (expected: string[]) => {
    await page.keyboard.press('u');
    await expect.poll(shape).toEqual(expected);
  };

  beforeAll(async () => {
    ensureRendererBuilt();
    mkdirSync(SCREENSHOTS, { recursive: true });
    tandem = await Tandem.open({ dbPath: join(dir, 'tandem.db'), modelsDir: join(dir, 'models') });
    writeFileSync(join(dir, 'de.txt'), GERMAN.join('\n'));
    writeFileSync(join(dir, 'en.txt'), ENGLISH.join('\n'));
    writeFileSync(join(dir, 'mt.tsv'), GERMAN.map((g, i) => `${g}\t${MT[i]}`).join('\n'));
    await tandem.importMemory(join(dir, 'mt.tsv'), { lang: 'de' });
    const de = (await tandem.ingest([join(dir, 'de.txt')], { oneSentencePerLine: true, lang: 'de', title: 'Minister in Peking' })).documents[0]!.id!;
    const en = (await tandem.ingest([join(dir, 'en.txt')], { oneSentencePerLine: true, lang: 'en', title: 'Minister in Beijing' })).documents[0]!.id!;
    alignmentId = (await tandem.align(de, en)).id;
    ({ server, context, page } = await openUi(tandem, join(dir, 'profile'), problems));
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/query/compare') compareLoads++;
    });
    await page.goto(`${server.url}#/compare/${alignmentId}`);
    await page.getByTestId('cmp-row').first().waitFor();
  });
  afterAll(async () => {
    await closeUi({ context, server }, tandem);
  });

  const START = ['0|1-1', '1|1-1', '2|1-1', '3|1-1', '4|1-1'];

  it('shifts a sentence down on side B and up on side A, each found after a reload and undone', async () => {
    expect(await shape()).toEqual(START);
    await row(0).click();
    await page.keyboard.press('ArrowRight');
    expect(await row(0).locator('[data-side="b"]').getAttribute('data-chosen')).toBe('true');
    await page.keyboard.press('Shift+ArrowDown');
    await expect.poll(shape).toEqual(['0|1-0', '1|1-2', '2|1-1', '3|1-1', '4|1-1']);
    await page.screenshot({ path: join(SCREENSHOTS, '30-shifted-row.png') });
    await reload();
    expect(await shape()).toEqual(['0|1-0', '1|1-2', '2|1-1', '3|1-1', '4|1-1']);
    expect(await row(0).locator('[data-side="b"]').getAttribute('class')).toContain('empty-cell');
    await undo(START);

    await row(2).click();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Shift+ArrowUp');
    await expect.poll(shape).toEqual(['0|1-1', '1+2|2-1', '|0-1', '3|1-1', '4|1-1']);
    await reload();
    expect(await shape()).toEqual(['0|1-1', '1+2|2-1', '|0-1', '3|1-1', '4|1-1']);
    await undo(START);
  });

  it('inserts a gap on side A and removes it again, each found after a reload', async () => {
    await row(1).click();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('g');
    const gapped = ['0|1-1', '|0-1', '1|1-1', '2|1-1', '3|1-1', '4|1-0'];
    await expect.poll(shape).toEqual(gapped);
    await reload();
    expect(await shape()).toEqual(gapped);
    await row(1).click();
    await page.keyboard.press('Backspace');
    await expect.poll(shape).toEqual(START);
    await reload();
    expect(await shape()).toEqual(START);
    await undo(gapped);
    await undo(START);
  });

  it('splits a source sentence at the caret; the split is there after a reload, marked, and undone', async () => {
    await row(1).click();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('t');
    const editor = page.getByTestId('source-editor');
    await editor.waitFor();
    const caret: number = GERMAN[1]!.indexOf('Wang');
    await editor.evaluate((el, at) => (el as unknown as { setSelectionRange: (a: number, b: number) => void }).setSelectionRange(at, at), caret);
    const loads = compareLoads;
    await page.keyboard.press('Control+Enter');
    const split = ['0|1-1', '1+2|2-1', '3|1-1', '4|1-1', '5|1-1'];
    await expect.poll(shape).toEqual(split);
    // The split renumbers sentences: its answer is every row (marked full), not a reload.
    expect(compareLoads).toBe(loads);
    await undo(START);
    expect(compareLoads).toBe(loads);
    await row(1).click();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('t');
    await editor.waitFor();
    await editor.evaluate((el, at) => (el as unknown as { setSelectionRange: (a: number, b: number) => void }).setSelectionRange(at, at), caret);
    await page.keyboard.press('Control+Enter');
    await expect.poll(shape).toEqual(split);
    await reload();
    expect(await shape()).toEqual(split);
    const parts = row(1).locator('[data-side="a"] [data-testid="original"]');
    expect(await parts.allTextContents()).toEqual(['2Er traf seinen Amtskollegensplit', '3Wang Yi.split']);
    expect(await row(1).getByTestId('revised').first().getAttribute('title')).toContain(`ingested: ${GERMAN[1]}`);
    await undo(START);
    await reload();
    expect(await shape()).toEqual(START);
  });

  it('fixes a source sentence; the fix and its origin are there after a reload, and undone', async () => {
    await row(0).click();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('t');
    const editor = page.getByTestId('source-editor');
    await editor.fill(FIXED);
    const loads = compareLoads;
    await page.keyboard.press('Enter');
    const original = row(0).locator('[data-side="a"] [data-testid="original"]');
    await expect.poll(() => original.textContent()).toBe(`1${FIXED}fixed`);
    expect(compareLoads).toBe(loads);
    await reload();
    expect(await original.textContent()).toBe(`1${FIXED}fixed`);
    expect(await row(0).getByTestId('revised').getAttribute('title')).toMatch(new RegExp(`^Fixed in review.*ingested: ${GERMAN[0]}$`, 'u'));
    const beforeUndo = compareLoads;
    await page.keyboard.press('u');
    await expect.poll(() => original.textContent()).toBe(`1${GERMAN[0]}`);
    expect(compareLoads).toBe(beforeUndo);
  });

  it('jumps to rows scoring below the threshold with ] and [', async () => {
    const scores = (await tandem.alignment(alignmentId)).beads.map((b) => b.score);
    const low = scores.indexOf(Math.min(...scores));
    expect(low).toBe(3);
    await page.getByTestId('score-threshold').fill(String(Math.min(...scores) + 0.001));
    await row(0).click();
    await page.keyboard.press(']');
    await expect.poll(() => page.locator('[data-testid="cmp-row"][aria-current="true"]').getAttribute('data-row')).toBe(String(low));
    await page.keyboard.press(']');
    await expect.poll(() => page.locator('[data-testid="compare-meta"] [role="status"]').textContent()).toMatch(/No row scoring below/u);
    await row(4).click();
    await page.keyboard.press('[');
    await expect.poll(() => page.locator('[data-testid="cmp-row"][aria-current="true"]').getAttribute('data-row')).toBe(String(low));
  });

  it('filters rows by status, kind and score, keeping the focused row', async () => {
    await row(0).click();
    await page.keyboard.press('a');
    await page.keyboard.press('a');
    await expect.poll(() => page.locator('[data-testid="cmp-row"][data-status="accepted"]').count()).toBe(2);
    await row(3).click();
    await page.keyboard.press('f');
    await page.getByTestId('filter-status').selectOption('pending');
    await expect.poll(() => page.getByTestId('cmp-row').count()).toBe(3);
    expect(await page.getByTestId('filter-count').textContent()).toBe('3 of 5 rows');
    // The focused row (the fourth) is still focused, now as the second row shown.
    expect(await page.locator('[data-testid="cmp-row"][aria-current="true"]').getAttribute('data-row')).toBe('1');
    // Rows keep their numbers in the whole alignment (the two accepted rows, 1 and 2, are hidden).
    expect(await page.locator('[data-testid="cmp-row"] .cmp-pos').allTextContents()).toEqual(['3', '4', '5']);
    expect(await page.locator('[data-testid="cmp-row"][aria-current="true"]').getAttribute('aria-rowindex')).toBe('4');
    expect(await page.getByRole('grid', { name: 'Aligned rows' }).getAttribute('aria-rowcount')).toBe('5');
    await page.screenshot({ path: join(SCREENSHOTS, '31-filter.png') });
    // Accepting a row keeps it on screen until the filter changes.
    await page.keyboard.press('Escape');
    await page.keyboard.press('a');
    await expect.poll(() => page.locator('[data-testid="cmp-row"][data-status="accepted"]').count()).toBe(1);
    expect(await page.getByTestId('cmp-row').count()).toBe(3);
    await page.getByTestId('filter-low').check();
    await expect.poll(() => page.getByTestId('cmp-row').count()).toBe(0);
    await page.getByTestId('filter-status').selectOption('all');
    await expect.poll(() => page.getByTestId('cmp-row').count()).toBe(1);
    await page.getByTestId('filter-low').uncheck();
    await page.getByTestId('filter-kind').selectOption('one');
    await expect.poll(() => page.getByTestId('cmp-row').count()).toBe(5);
    await page.getByTestId('filter-kind').selectOption('all');
    expect(problems).toEqual([]);
  });
});
