// Passages mode shows the sentences no row holds as runs beside the row they follow. A merge
// replaces the rows a run was anchored to; the view patches the merged row in without reloading,
// so it anchors the runs again against its rows (renderer/src/views/compare/anchor-unmatched.ts).
// Here: the patched rows with the runs anchored again equal what a reload of the alignment shows.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patchRows } from '../../src/common/patch-rows.ts';
import { Tandem } from '../../src/api/service.ts';
import { anchorUnmatched } from '../../renderer/src/views/compare/anchor-unmatched.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir();
let tandem: Tandem;
let de = 0, nl = 0;

const GERMAN = ['Die Börse in Frankfurt öffnete schwach.', 'Der Minister kam am Montag in Peking an.', 'Er traf seinen Amtskollegen Wang Yi.', 'Am Abend gab es ein Essen.', 'Danach flog er zurück.'];
const DUTCH = ['De minister kwam maandag aan in Peking.', 'Hij ontmoette zijn ambtgenoot Wang Yi.', 'In Amsterdam regende het.', 'De beurs sloot hoger.'];

beforeAll(async () => {
  tandem = await Tandem.open({ dbPath: join(dir, 'tandem.db'), modelsDir: join(dir, 'models') });
  const file = (name: string, lines: string[]) => (writeFileSync(join(dir, name), lines.join('\n')), join(dir, name));
  de = (await tandem.ingest([file('de.txt', GERMAN)], { oneSentencePerLine: true, lang: 'de' })).documents[0]!.id!;
  nl = (await tandem.ingest([file('nl.txt', DUTCH)], { oneSentencePerLine: true, lang: 'nl' })).documents[0]!.id!;
  await tandem.store.replaceMatches({
    fingerprints: [de, nl].map((id) => ({ documentId: id, sourceHash: `test-${id}`, data: '{}' })),
    matches: [],
    passages: [{ a: { doc: de, sentences: [1, 2] }, b: { doc: nl, sentences: [0, 1] }, score: 0.9 }],
  });
});
afterAll(() => tandem.close());

const runs = (us: { side: string; at: number | null; place: string; sentences: { index: number }[] }[]) =>
  us.map((u) => ({ side: u.side, at: u.at, place: u.place, sentences: u.sentences.map((s) => s.index) }));

describe('unmatched runs after a patched decision', () => {
  it('anchors the runs to the merged row as a reload would, where the anchors the view held pointed at rows now gone', async () => {
    const al = await tandem.align(de, nl, 'passages');
    const before = await tandem.compare(al.id);
    expect(before.rows.map((r) => [r.bead.a, r.bead.b])).toEqual([[[1], [0]], [[2], [1]]]);
    const merged = await tandem.review(al.id, before.rows[0]!.bead.id, 'merge');
    expect(merged.full).toBeUndefined();
    const patched = patchRows(before.rows, merged);
    const reload = await tandem.compare(al.id);
    expect(patched.map((r) => r.bead)).toEqual(reload.rows.map((r) => r.bead));
    // The runs as the view held them name rows the merge removed.
    const shownAt = new Set(patched.map((r) => r.bead.pos));
    expect(before.unmatched.some((u) => !shownAt.has(u.at!))).toBe(true);
    expect(runs(anchorUnmatched(before.unmatched, patched))).toEqual(runs(reload.unmatched));
    expect(runs(reload.unmatched).every((u) => shownAt.has(u.at!))).toBe(true);
  });
});
