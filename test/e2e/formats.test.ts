// The Library imports PDF, Word, MHTML and e-mail files in Chromium: the file chooser offers
// them, and files chosen or dropped are ingested through the bridge; a scanned PDF is listed
// among the problems with its reason.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tandem } from '../../src/api/service.ts';
import { makePdf } from '../support/documents.ts';
import { DUTCH_DOCX, GERMAN_PDF } from '../support/format-articles.ts';
import { tempDir } from '../support/tmp.ts';
import { CHROMIUM, closeUi, ensureRendererBuilt, openUi, SCREENSHOTS, type UiSession } from './renderer.ts';

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`[e2e] ${CHROMIUM} is missing: skipping the browser tests (install it with: apt-get install -y chromium; .ci/run does)`);

const dir = tempDir('tandem-formats-ui-');

describe.skipIf(!haveChromium)('importing PDF and Word files in the Library', () => {
  let tandem: Tandem;
  let ui: UiSession;
  const problems: string[] = [];

  beforeAll(async () => {
    ensureRendererBuilt();
    mkdirSync(SCREENSHOTS, { recursive: true });
    tandem = await Tandem.open({ dbPath: join(dir, 'tandem.db'), modelsDir: join(dir, 'models') });
    ui = await openUi(tandem, join(dir, 'profile'), problems);
  });
  afterAll(async () => {
    await closeUi(ui, tandem);
  });

  it('the file chooser offers them and imports a PDF and a DOCX, a scan among the problems', async () => {
    const { page, server } = ui;
    await page.goto(server.url);
    await page.getByText('The library is empty').waitFor();
    const accept = (await page.locator('input[type=file]').getAttribute('accept')) ?? '';
    expect(accept.split(',')).toEqual(expect.arrayContaining(['.pdf', '.docx', '.mht', '.mhtml', '.eml']));

    const files = { 'lawrow.pdf': GERMAN_PDF, 'xi.docx': DUTCH_DOCX, 'scan.pdf': makePdf([{ image: true }]) };
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import files…' }).click();
    await (await chooser).setFiles(Object.keys(files).map((name) => join(dir, name)));

    const problemsList = page.getByTestId('import-problems');
    await problemsList.waitFor();
    await expect.poll(() => problemsList.locator('li').count()).toBe(1);
    expect(await problemsList.textContent()).toContain('scan.pdf: scanned PDF without a text layer (run OCR first)');
    await expect.poll(() => page.getByTestId('doc-row').count()).toBe(2);
    const langs = await page.getByTestId('doc-lang').evaluateAll((els) => els.map((e) => e.getAttribute('data-lang')));
    expect(langs.sort()).toEqual(['de', 'nl']);
    await page.getByText('Lawrow besucht Pjöngjang').first().waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'formats-01-imported.png') });
    expect(problems).toEqual([]);
  });
});
