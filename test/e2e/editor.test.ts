// The Compare editor, the exact diff text and focus in Debian's Chromium against `tandem serve`:
// a 2-1 row edited sentence by sentence and saved as one decision (one undo step), Esc asking
// before changed drafts are lost, every side's rendered English equal to the stored English,
// the grid semantics, and where the focus goes after the editor, undo, help and Export. Every
// decision is followed by a reload that finds it. Screenshots go to test-results/screenshots/.
import { mkdirSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tandem } from '../../src/api/service.ts';
import type { RunningServer } from '../../src/server/index.ts';
import { APP_KEYS, EDITOR_KEYS, ROW_KEYS } from '../../renderer/src/views/compare/keys.ts';
import { tempDir } from '../support/tmp.ts';
import { CHROMIUM, closeUi, ensureRendererBuilt, openUi, SCREENSHOTS } from './renderer.ts';

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`[e2e] ${CHROMIUM} is missing: skipping the editor tests (install it with: apt-get install -y chromium)`);

const dir = tempDir('tandem-editor-');
const GERMAN = ['Der Minister kam am Montag in Peking an.', 'Er traf seinen Amtskollegen Wang Yi.', 'Die Gespräche dauerten drei Stunden.', 'Danach reiste er nach Moskau zurück.'];
const MT = ['The minister arrived in Beijing on Monday.', 'He met his colleague Wang Yi.', 'The talks took three hours.', 'Then he travelled back to Moscow.'];
const ENGLISH = ['The minister arrived in Beijing on Monday and met his counterpart Wang Yi.', 'The talks lasted three hours.', 'Afterwards he travelled back to Moscow.'];
// Two reports whose English differs only in spacing and punctuation: where the old diff garbled it.
const DE2 = ['Es wurde intern besprochen.', 'Er gewann den Preis in Atlanta.', 'Das sind die Ergebnisse.'];
const NL2 = ['Het werd intern besproken.', 'Hij won de prijs in Atlanta.', 'Dit zijn de resultaten.'];
const DE2_EN = ['It was discussed internally but not decided.', 'He won the award, Atlanta said.', 'These are the results.'];
const NL2_EN = ['It was discussed internally, but not decided.', 'He won the award Atlanta said.', 'These are  the results .'];
const FIRST = 'The minister reached Beijing on Monday.';
const SECOND = 'There he met his counterpart Wang Yi.';

describe.skipIf(!haveChromium)('the Compare editor, diff text and focus in Chromium', () => {
  let tandem: Tandem;
  let server: RunningServer;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  let pair = 0;
  let spacing = 0;
  let twoOne = 0;

  const row = (i: number) => page.locator(`[data-testid="cmp-row"][data-row="${i}"]`);
  const current = () => page.locator('[data-testid="cmp-row"][aria-current="true"]').getAttribute('data-row');
  /** The focus is on the grid, which names the focused row as its active descendant: that row's index. */
  const focusOnRow = async () => {
    const focused = page.locator(':focus');
    if ((await focused.count()) !== 1) return 'nothing has the focus';
    const [role, active] = [await focused.getAttribute('role'), await focused.getAttribute('aria-activedescendant')];
    if (role !== 'grid' || !active) return `focus on ${await focused.evaluate((e) => e.tagName)} ${role ?? ''}`;
    const named = page.locator(`[id="${active}"]`);
    return (await named.getAttribute('aria-current')) === 'true' ? named.getAttribute('data-row') : 'active descendant is not the current row';
  };
  const focusedText = () => page.locator(':focus').textContent();
  const open = async (alignmentId: number) => {
    await page.goto(`${server.url.replace(/\/\?token=.*$/u, '')}/?token=${server.token}#/compare/${alignmentId}`);
    await page.getByTestId('cmp-row').first().waitFor();
  };
  const goTo = async (i: number) => {
    await page.keyboard.press('Home');
    for (let k = 0; k < i; k++) await page.keyboard.press('j');
    await expect.poll(current).toBe(String(i));
  };
  const settled = () => expect.poll(() => page.locator('.saving').count()).toBe(0);

  beforeAll(async () => {
    ensureRendererBuilt();
    mkdirSync(SCREENSHOTS, { recursive: true });
    tandem = await Tandem.open({ dbPath: join(dir, 'db', 'tandem.db'), modelsDir: join(dir, 'models') });
    const files: Record<string, string> = {
      'de.txt': GERMAN.join('\n'), 'en.txt': ENGLISH.join('\n'), 'de2.txt': DE2.join('\n'), 'nl2.txt': NL2.join('\n'),
      'de.tsv': [...GERMAN.map((g, i) => `${g}\t${MT[i]}`), ...DE2.map((g, i) => `${g}\t${DE2_EN[i]}`)].join('\n'),
      'nl.tsv': NL2.map((g, i) => `${g}\t${NL2_EN[i]}`).join('\n'),
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    await tandem.importMemory(join(dir, 'de.tsv'), { lang: 'de' });
    await tandem.importMemory(join(dir, 'nl.tsv'), { lang: 'nl' });
    const ingest = async (file: string, lang: 'de' | 'en' | 'nl') => (await tandem.ingest([join(dir, file)], { oneSentencePerLine: true, lang })).documents[0]!.id!;
    const [de, en, de2, nl2] = [await ingest('de.txt', 'de'), await ingest('en.txt', 'en'), await ingest('de2.txt', 'de'), await ingest('nl2.txt', 'nl')];
    const al = await tandem.align(de, en);
    pair = al.id;
    twoOne = al.beads.findIndex((b) => b.a.length === 2 && b.b.length === 1);
    spacing = (await tandem.align(de2, nl2)).id;
    ({ server, context, page } = await openUi(tandem, join(dir, 'profile'), problems));
  });
  afterAll(async () => {
    await closeUi({ context, server }, tandem);
  });

  it('edits both sentences of a 2-1 row with Tab and saves them with Enter as one decision', async () => {
    expect(twoOne).toBe(0);
    await open(pair);
    await expect.poll(focusOnRow).toBe('0');
    await page.keyboard.press('e');
    const editor = page.getByTestId('editor');
    await expect.poll(() => editor.getAttribute('aria-label')).toBe('English of sentence 1 (left)');
    await editor.fill(FIRST);
    await page.keyboard.press('Tab');
    await expect.poll(() => editor.getAttribute('aria-label')).toBe('English of sentence 2 (left)');
    await editor.fill(SECOND);
    await expect.poll(() => page.getByTestId('changed-count').textContent()).toContain('2 changed');
    // Shift+Tab back: the first draft is still there.
    await page.keyboard.press('Shift+Tab');
    await expect.poll(() => editor.inputValue()).toBe(FIRST);
    // The other sentence shows its draft, marked as not saved yet.
    expect(await row(0).getByTestId('draft').textContent()).toBe(`${SECOND}draft`);
    await page.screenshot({ path: join(SCREENSHOTS, '29-compare-2-1-row-two-drafts.png') });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('editor').count()).toBe(0);
    await expect.poll(focusOnRow).toBe('0');
    await expect.poll(() => row(0).getByTestId('diff-a').textContent()).toBe(`${FIRST} ${SECOND}`);
    await expect.poll(() => page.getByTestId('announce').textContent()).toBe('Row 1: English of 2 sentences saved');
    await settled();
    await page.screenshot({ path: join(SCREENSHOTS, '30-compare-2-1-row-edited.png') });

    await page.reload();
    await row(0).waitFor();
    expect(await row(0).getByTestId('diff-a').textContent()).toBe(`${FIRST} ${SECOND}`);
    // One undo step takes both back; a reload finds them gone.
    await page.keyboard.press('u');
    await expect.poll(() => row(0).getByTestId('diff-a').textContent()).toBe(`${MT[0]} ${MT[1]}`);
    await settled();
    await page.reload();
    await row(0).waitFor();
    expect(await row(0).getByTestId('diff-a').textContent()).toBe(`${MT[0]} ${MT[1]}`);
    expect(await row(0).locator('.origin-human').count()).toBe(0);
  });

  it('asks before Esc discards changed drafts, inside the page', async () => {
    await open(pair);
    await goTo(1);
    // Esc without a change closes at once, and the focus is back on the row.
    await page.keyboard.press('e');
    await page.getByTestId('editor').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('editor').count()).toBe(0);
    await expect.poll(focusOnRow).toBe('1');

    await page.keyboard.press('e');
    await page.getByTestId('editor').fill('A draft the analyst may still want.');
    await page.keyboard.press('Escape');
    const confirm = page.getByRole('alertdialog');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('Discard the changed sentence of this row?');
    await expect.poll(() => focusedText()).toBe('Keep editing');
    await page.screenshot({ path: join(SCREENSHOTS, '31-compare-confirm-discard.png') });
    // Esc (or Keep editing) goes back to the draft, untouched.
    await page.keyboard.press('Escape');
    await expect.poll(() => confirm.count()).toBe(0);
    await expect.poll(() => page.locator(':focus').getAttribute('data-testid')).toBe('editor');
    expect(await page.getByTestId('editor').inputValue()).toBe('A draft the analyst may still want.');
    // Esc, Tab to Discard, Enter: the draft is gone and nothing was saved.
    await page.keyboard.press('Escape');
    await confirm.waitFor();
    await page.keyboard.press('Tab');
    await expect.poll(() => focusedText()).toBe('Discard');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('editor').count()).toBe(0);
    await expect.poll(focusOnRow).toBe('1');
    await page.reload();
    await row(1).waitFor();
    expect(await row(1).textContent()).not.toContain('A draft the analyst may still want.');
    expect(await row(1).getByTestId('diff-a').textContent()).toBe(MT[2]);
  });

  it('renders each side of every row exactly as the stored English', async () => {
    await open(spacing);
    const view = await tandem.compare(spacing);
    expect(view.rows.length).toBe(3);
    for (const [i, r] of view.rows.entries()) {
      for (const side of ['a', 'b'] as const) {
        expect(await row(i).getByTestId(`diff-${side}`).textContent()).toBe(r[side].map((s) => s.english).join(' '));
      }
    }
    expect(await row(0).getByTestId('diff-a').textContent()).toBe('It was discussed internally but not decided.');
    expect(await row(1).getByTestId('diff-a').textContent()).toBe('He won the award, Atlanta said.');
    expect(await row(2).getByTestId('diff-b').textContent()).toBe('These are  the results .');
    await page.screenshot({ path: join(SCREENSHOTS, '32-compare-exact-diff.png') });
  });

  it('is a grid: rows with their index in the whole list, the focused row named, decisions announced', async () => {
    await open(pair);
    const grid = page.getByRole('grid', { name: 'Aligned rows' });
    const count = await page.getByTestId('cmp-row').count();
    expect(await grid.getAttribute('aria-rowcount')).toBe(String(count));
    expect(await row(1).getAttribute('role')).toBe('row');
    expect(await row(1).getAttribute('aria-rowindex')).toBe('2');
    expect(await row(1).getByRole('gridcell').count()).toBe(2);
    expect(await row(1).getByRole('rowheader').getAttribute('aria-label')).toMatch(/^Row 2, pending, /u);
    await goTo(1);
    expect(await grid.getAttribute('aria-activedescendant')).toBe(await row(1).getAttribute('id'));
    expect(await row(1).getAttribute('aria-selected')).toBe('true');

    // R moves on; U undoes it and goes back to the row it was made on.
    await page.keyboard.press('r');
    await expect.poll(current).toBe('2');
    await expect.poll(() => page.getByTestId('announce').textContent()).toBe('Row 2 rejected');
    await page.keyboard.press('u');
    await expect.poll(current).toBe('1');
    await expect.poll(() => row(1).getAttribute('data-status')).toBe('pending');
    await expect.poll(() => page.getByTestId('announce').textContent()).toBe('Undone: reject on row 2');
    await expect.poll(focusOnRow).toBe('1');
    // N wraps: from the last row to the first pending one.
    await page.keyboard.press('a');
    await expect.poll(current).toBe('2');
    await settled();
    await page.keyboard.press('End');
    await page.keyboard.press('n');
    await expect.poll(current).toBe('0');
    await page.keyboard.press('n');
    await expect.poll(current).toBe('2');
    await page.reload();
    await row(1).waitFor();
    expect(await row(1).getAttribute('data-status')).toBe('accepted');
    expect(await row(0).getAttribute('data-status')).toBe('pending');
  });

  it('lists every key in the help, which takes the focus and gives it back; Export gives it back too', async () => {
    await open(pair);
    await expect.poll(focusOnRow).toBe('0');
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard' });
    await help.waitFor();
    await expect.poll(() => page.locator('[role="dialog"] :focus').count()).toBe(1);
    const listed = await help.getByTestId('help-key').locator('kbd').allTextContents();
    for (const def of [...ROW_KEYS, ...EDITOR_KEYS, ...APP_KEYS]) expect(listed).toContain(def.label);
    for (const label of ['PgUp', 'PgDn', 'Ctrl+E']) expect(listed).toContain(label);
    await page.screenshot({ path: join(SCREENSHOTS, '33-compare-help.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => help.count()).toBe(0);
    await expect.poll(focusOnRow).toBe('0');

    // Ctrl+E from the rows, Esc: back on the rows.
    await page.keyboard.press('Control+e');
    const dialog = page.getByRole('dialog', { name: /Export/u });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(focusOnRow).toBe('0');
    // The toolbar's Export… button: back on the button.
    await page.getByRole('button', { name: 'Export…' }).click();
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => focusedText()).toBe('Export…');
    expect(problems).toEqual([]);
  });
});
