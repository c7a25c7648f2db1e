// What Compare renders of each side's English is exactly the stored English, character for
// character, for every row of the test corpora: the five samples with tiny-model English (every
// pair, in order and as passages, and each against its own English), the export fixture (memory,
// model and human English, hostile text), and English that differs only in spacing and punctuation.
// The side text is taken through the renderer's own function (renderer/src/views/compare/diffText.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tandem } from '../../src/api/service.ts';
import { sideRuns } from '../../renderer/src/views/compare/diffText.ts';
import { SAMPLE_FILES } from '../e2e/renderer.ts';
import { buildFixture } from '../export/fixture.ts';
import { installTinyModels } from '../support/models.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir();
let tandem: Tandem;
let fixture: Tandem;

type Compare = Awaited<ReturnType<Tandem['compare']>>;

/** Every row with a diff: [rendered, stored] for each side, and how many rows were checked. */
function sides(c: Compare): { checked: number; mismatches: string[] } {
  const mismatches: string[] = [];
  let checked = 0;
  for (const row of c.rows) {
    if (!row.diff) continue;
    checked++;
    for (const side of ['a', 'b'] as const) {
      const rendered = sideRuns(row.diff, side).map((r) => r.text).join('');
      const stored = row[side].map((s) => s.english).join(' ');
      if (rendered !== stored) mismatches.push(`${c.alignment.id}/${row.bead.pos}/${side}: ${JSON.stringify(rendered)} != ${JSON.stringify(stored)}`);
    }
  }
  return { checked, mismatches };
}

async function checkAll(t: Tandem, alignmentIds: number[]): Promise<number> {
  let checked = 0;
  for (const id of alignmentIds) {
    for (const options of [{}, { ignoreCase: true }, { ignorePunctuation: true }, { ignoreCase: true, ignorePunctuation: true }]) {
      const r = sides(await t.compare(id, options));
      expect(r.mismatches).toEqual([]);
      checked += r.checked;
    }
  }
  return checked;
}

beforeAll(async () => {
  const modelsDir = join(dir, 'models');
  const manifestPath = await installTinyModels(modelsDir, ['de', 'nl', 'is']);
  tandem = await Tandem.open({ dbPath: join(dir, 'samples.db'), modelsDir, manifestPath });
  mkdirSync(join(dir, 'fixture'));
  fixture = (await buildFixture(join(dir, 'fixture'))).tandem;
});
afterAll(async () => {
  await tandem?.close();
  await fixture?.close();
});

describe('the rendered English of every row is the stored English', () => {
  it('on the samples with tiny-model English, every pair in both modes and each article alone', async () => {
    const docs = (await tandem.ingest(SAMPLE_FILES)).documents.map((d) => d.id!);
    await tandem.translate();
    const ids: number[] = [];
    for (const a of docs) {
      ids.push((await tandem.align(a, a)).id);
      for (const b of docs) if (a < b) for (const mode of ['monotonic', 'passages'] as const) ids.push((await tandem.align(a, b, mode)).id);
    }
    expect(await checkAll(tandem, ids)).toBeGreaterThan(200);
  });

  it('on the export fixture and on English that differs only in spacing and punctuation', async () => {
    const ids = (await fixture.store.alignments()).map((a) => a.id);
    expect(await checkAll(fixture, ids)).toBeGreaterThan(5);

    const de = ['Es wurde intern besprochen.', 'Er gewann den Preis in Atlanta.', 'Das sind die Ergebnisse.'];
    const nl = ['Het werd intern besproken.', 'Hij won de prijs in Atlanta.', 'Dit zijn de resultaten.'];
    const deEn = ['It was discussed internally but not decided.', 'He won the award, Atlanta said.', 'These are the results.'];
    const nlEn = ['It was discussed internally, but not decided.', 'He won the award Atlanta said.', 'These are  the results .'];
    writeFileSync(join(dir, 'ws-de.txt'), de.join('\n'));
    writeFileSync(join(dir, 'ws-nl.txt'), nl.join('\n'));
    writeFileSync(join(dir, 'ws-de.tsv'), de.map((s, i) => `${s}\t${deEn[i]}`).join('\n'));
    writeFileSync(join(dir, 'ws-nl.tsv'), nl.map((s, i) => `${s}\t${nlEn[i]}`).join('\n'));
    await fixture.importMemory(join(dir, 'ws-de.tsv'), { lang: 'de' });
    await fixture.importMemory(join(dir, 'ws-nl.tsv'), { lang: 'nl' });
    const a = (await fixture.ingest([join(dir, 'ws-de.txt')], { oneSentencePerLine: true, lang: 'de' })).documents[0]!.id!;
    const b = (await fixture.ingest([join(dir, 'ws-nl.txt')], { oneSentencePerLine: true, lang: 'nl' })).documents[0]!.id!;
    const al = await fixture.align(a, b);
    expect(await checkAll(fixture, [al.id])).toBe(4 * 3);
    const first = (await fixture.compare(al.id)).rows[0]!;
    expect(sideRuns(first.diff!, 'a').map((r) => r.text).join('')).toBe(deEn[0]);
    expect(sideRuns(first.diff!, 'b').filter((r) => r.changed).map((r) => r.text)).toEqual([', ']);
  });
});
