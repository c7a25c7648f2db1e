// The review workflow in Debian's Chromium against `tandem serve` (in-process) with the generated
// tiny models: import the samples, translate, run Match, open a story, confirm a pair, open it in
// Compare, accept three rows with the keyboard, undo one decision, post-edit one English sentence,
// reload, and find every decision still there. Screenshots go to test-results/screenshots/.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tandem } from '../../src/api/service.ts';
import type { RunningServer } from '../../src/server/index.ts';
import { installTinyModels } from '../support/models.ts';
import { tempDir } from '../support/tmp.ts';
import { CHROMIUM, closeUi, ensureRendererBuilt, openUi, SAMPLE_FILES, SCREENSHOTS } from './renderer.ts';

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`[e2e] ${CHROMIUM} is missing: skipping the review tests (install it with: apt-get install -y chromium; .ci/run does)`);

const samples = SAMPLE_FILES;
const shots = SCREENSHOTS;
const dir = tempDir('tandem-review-');

const EDITED = 'The analyst rewrote this sentence by hand.';

describe.skipIf(!haveChromium)('reviewing stories and alignments in Chromium', () => {
  let tandem: Tandem;
  let server: RunningServer;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  const accepted = ['1', '2', '3'];
  const editedRow = '4';

  beforeAll(async () => {
    ensureRendererBuilt();
    mkdirSync(shots, { recursive: true });
    const modelsDir = join(dir, 'models');
    const manifestPath = await installTinyModels(modelsDir, ['de', 'nl', 'is']);
    tandem = await Tandem.open({ dbPath: join(dir, 'db', 'tandem.db'), modelsDir, manifestPath });
    ({ server, context, page } = await openUi(tandem, join(dir, 'profile'), problems));
  });
  afterAll(async () => {
    await closeUi({ context, server }, tandem);
  });

  it('imports and translates the samples', async () => {
    await page.goto(server.url);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import files…' }).click();
    await (await chooser).setFiles(samples);
    await expect.poll(() => page.getByTestId('doc-row').count(), { timeout: 30_000 }).toBe(5);
    await page.getByRole('button', { name: 'Translate', exact: true }).click();
    await page.locator('.jobs [data-job="translate"][data-state="done"]').waitFor({ timeout: 90_000 });
  });

  it('runs Match from the Stories view and shows clusters and pairs with their evidence', async () => {
    await page.keyboard.press('Control+3');
    await page.waitForURL(/#\/stories$/u);
    await page.getByRole('button', { name: 'Run Match' }).click();
    await page.locator('.jobs [data-job="match"][data-state="done"]').waitFor({ timeout: 60_000 });
    await page.getByTestId('match-summary').waitFor();
    // The looser story view groups the two Russia–North Korea reports (and more) into one cluster.
    await page.getByRole('button', { name: 'Same story' }).click();
    await page.getByTestId('cluster').first().click();
    await expect.poll(() => page.getByTestId('cluster-docs').locator('li').count()).toBeGreaterThan(1);
    await expect.poll(() => page.getByTestId('pair').count()).toBeGreaterThan(0);
    const first = page.getByTestId('pair').first();
    expect(await first.getAttribute('data-level')).toMatch(/^(duplicate|same_event|same_story)$/u);
    expect(await first.getByTestId('evidence').locator('.chip').count()).toBeGreaterThan(1);
    expect(await first.locator('.chip[data-kind="names"]').count()).toBe(1);
    expect(await first.locator('.chip[data-decisive="true"]').count()).toBe(1);
    expect(await first.locator('.chip').first().getAttribute('data-decisive')).toBe('true');
    expect(await first.locator('.chip[data-decisive="true"]').getAttribute('data-direction')).toBe('for');
    // one sentence says why, in words: no ids, stems or raw objects
    expect(await first.getByTestId('pair-summary').textContent()).toMatch(/^(Duplicate|Same event|Same story): /u);
    expect(await first.getByTestId('evidence').textContent()).not.toMatch(/\[object Object\]|aligned_features|#\d/u);

    // The threshold hides weaker pairs.
    const before = await page.getByTestId('pair').count();
    await page.getByTestId('threshold').fill('1');
    await expect.poll(() => page.getByTestId('pair').count()).toBe(0);
    await page.getByTestId('threshold').fill('0');
    await expect.poll(() => page.getByTestId('pair').count()).toBe(before);

    // Confirm a pair: saved at once and shown as confirmed.
    await first.getByRole('button', { name: /Confirm/u }).click();
    await expect.poll(() => page.getByTestId('pair').first().getAttribute('data-decision')).toBe('confirm');
    await page.screenshot({ path: join(shots, '11-stories.png') });
  });

  it('opens a pair in Compare and reviews rows with the keyboard', async () => {
    await page.getByTestId('pair').first().getByTestId('pair-compare').click();
    await page.waitForURL(/#\/compare\/\d+$/u);
    await page.getByTestId('cmp-row').first().waitFor();
    expect(await page.getByTestId('cmp-row').count()).toBeGreaterThan(4);
    await page.screenshot({ path: join(shots, '12-compare.png') });

    // J moves down; A accepts the focused row and moves on.
    await page.keyboard.press('j');
    await expect.poll(() => page.locator('[data-testid="cmp-row"][aria-current="true"]').getAttribute('data-row')).toBe('1');
    for (let i = 0; i < 3; i++) await page.keyboard.press('a');
    for (const row of accepted) await expect.poll(() => page.locator(`[data-testid="cmp-row"][data-row="${row}"]`).getAttribute('data-status')).toBe('accepted');
    // A fourth decision, undone with U.
    await page.keyboard.press('r');
    await expect.poll(() => page.locator('[data-testid="cmp-row"][data-row="4"]').getAttribute('data-status')).toBe('rejected');
    await page.keyboard.press('u');
    await expect.poll(() => page.locator('[data-testid="cmp-row"][data-row="4"]').getAttribute('data-status')).toBe('pending');
    await expect.poll(() => page.getByTestId('review-counts').textContent()).toContain('3 accepted');

    // U went back to the row it undid; E edits the English of the focused row; Enter saves.
    await expect.poll(() => page.locator('[data-testid="cmp-row"][aria-current="true"]').getAttribute('data-row')).toBe('4');
    await page.keyboard.press('e');
    const editor = page.getByTestId('editor');
    await editor.waitFor();
    await expect.poll(() => page.locator('.editor-machine').textContent()).toContain('machine');
    await editor.fill(EDITED);
    await page.screenshot({ path: join(shots, '13-compare-editing.png') });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('editor').count()).toBe(0);
    await expect.poll(() => page.locator(`[data-testid="cmp-row"][data-row="${editedRow}"]`).textContent()).toContain(EDITED);
    await expect.poll(() => page.locator('.saving').count()).toBe(0);

    await page.keyboard.press('?');
    await page.getByTestId('help').waitFor();
    await page.screenshot({ path: join(shots, '14-compare-help.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('help').count()).toBe(0);
  });

  it('finds every decision still there after a reload', async () => {
    await page.reload();
    await page.getByTestId('cmp-row').first().waitFor();
    for (const row of accepted) expect(await page.locator(`[data-testid="cmp-row"][data-row="${row}"]`).getAttribute('data-status')).toBe('accepted');
    expect(await page.locator(`[data-testid="cmp-row"][data-row="${editedRow}"]`).getAttribute('data-status')).toBe('pending');
    const edited = page.locator(`[data-testid="cmp-row"][data-row="${editedRow}"]`);
    expect(await edited.textContent()).toContain(EDITED);
    expect(await edited.locator('.origin-human').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('review-counts').textContent()).toContain('3 accepted');
    // The story decision too.
    await page.keyboard.press('Control+3');
    await page.getByRole('button', { name: 'Same story' }).click();
    await expect.poll(() => page.locator('[data-testid="pair"][data-decision="confirm"]').count()).toBe(1);
  });

  it('reviews one article against its own English from the Document view', async () => {
    await page.keyboard.press('Control+1');
    await page.getByTestId('doc-row').first().click();
    await page.waitForURL(/#\/document\/\d+$/u);
    await page.getByTestId('review-translation').click();
    await page.waitForURL(/#\/compare\/\d+$/u);
    await page.getByTestId('cmp-row').first().waitFor();
    await page.keyboard.press('a');
    await expect.poll(() => page.locator('[data-testid="cmp-row"][data-row="0"]').getAttribute('data-status')).toBe('accepted');
    await page.screenshot({ path: join(shots, '15-review-translation.png') });
    expect(problems).toEqual([]);
  });
});
