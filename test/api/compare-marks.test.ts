// What the Compare view marks: repeated passages only where they are news (within one document,
// or shared with a report that is not the other side of the pair), and in passages mode the runs
// of sentences no link holds, each beside the row it follows in its own document.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tandem } from '../../src/api/service.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir();
let tandem: Tandem;
let de = 0, en = 0, other = 0;

const GERMAN = [
  'Der Minister kam am Montag in Peking an.',
  'Er traf seinen Amtskollegen Wang Yi.',
  'Die Gespräche dauerten drei Stunden.',
  'Beide Länder unterzeichneten ein Handelsabkommen über Getreide.',
  'Die Gespräche dauerten drei Stunden lang.',
];
const MT = ['The minister arrived in Beijing on Monday.', 'He met his colleague Wang Yi.', 'The talks took three hours.', 'Both countries signed a trade agreement on grain.', 'The talks lasted three hours.'];
const ENGLISH = ['The minister arrived in Beijing on Monday.', 'He met his counterpart Wang Yi.', 'The talks lasted three hours.', 'Both countries signed a grain trade agreement.', 'The talks went on for three hours.'];
const OTHER = ['Markets in Chicago fell on Tuesday.', 'Traders pointed to the weather in Brazil.', 'Both countries signed a grain trade agreement.', 'Analysts expect more volatility in the spring.', 'Prices for soybeans rose slightly.'];

beforeAll(async () => {
  tandem = await Tandem.open({ dbPath: join(dir, 'tandem.db'), modelsDir: join(dir, 'models') });
  const file = (name: string, lines: string[]) => (writeFileSync(join(dir, name), lines.join('\n')), join(dir, name));
  await tandem.importMemory(file('mt.tsv', GERMAN.map((g, i) => `${g}\t${MT[i]}`)), { lang: 'de' });
  de = (await tandem.ingest([file('de.txt', GERMAN)], { oneSentencePerLine: true, lang: 'de' })).documents[0]!.id!;
  en = (await tandem.ingest([file('en.txt', ENGLISH)], { oneSentencePerLine: true, lang: 'en' })).documents[0]!.id!;
  other = (await tandem.ingest([file('other.txt', OTHER)], { oneSentencePerLine: true, lang: 'en' })).documents[0]!.id!;
  // Passages as the matcher stores them: the translation pair shares almost everything, the German
  // report repeats itself (2 ~ 4), and shares one sentence with a third report.
  await tandem.store.replaceMatches({
    fingerprints: [de, en, other].map((id) => ({ documentId: id, sourceHash: `test-${id}`, data: '{}' })),
    matches: [],
    passages: [
      { a: { doc: de, sentences: [0, 1, 2, 3, 4] }, b: { doc: en, sentences: [0, 1, 2, 3, 4] }, score: 0.9 },
      { a: { doc: de, sentences: [2] }, b: { doc: de, sentences: [4] }, score: 0.8 },
      { a: { doc: de, sentences: [3] }, b: { doc: other, sentences: [2] }, score: 0.7 },
    ],
  });
});
afterAll(() => tandem.close());

describe('compare marks', () => {
  it('marks a repeated passage within a document or shared with a third report, never the pair on screen', async () => {
    const al = await tandem.align(de, en);
    const view = await tandem.compare(al.id);
    expect(view.rows.map((r) => [r.bead.a, r.bead.b])).toEqual([[[0], [0]], [[1], [1]], [[2], [2]], [[3], [3]], [[4], [4]]]);
    expect(view.rows.map((r) => r.repeated)).toEqual([
      { a: false, b: false },
      { a: false, b: false },
      { a: true, b: false },
      { a: true, b: false },
      { a: true, b: false },
    ]);
    // A document reviewed against its own English: its passage with the English report is news there.
    const single = await tandem.compare((await tandem.align(en, en)).id);
    expect(single.rows.map((r) => r.repeated.a)).toEqual([true, true, true, true, true]);
    expect(view.unmatched).toEqual([]);
  });

  it('keeps the sentences passages mode leaves unmatched as runs beside the rows they follow', async () => {
    const al = await tandem.align(de, other, 'passages');
    const view = await tandem.compare(al.id);
    expect(view.rows.map((r) => [r.bead.a, r.bead.b])).toEqual([[[3], [2]]]);
    const runs = view.unmatched.map((u) => ({ side: u.side, at: u.at, place: u.place, sentences: u.sentences.map((s) => s.index) }));
    const pos = view.rows[0]!.bead.pos;
    expect(runs).toEqual([
      { side: 'a', at: pos, place: 'before', sentences: [0, 1, 2] },
      { side: 'a', at: pos, place: 'after', sentences: [4] },
      { side: 'b', at: pos, place: 'before', sentences: [0, 1] },
      { side: 'b', at: pos, place: 'after', sentences: [3, 4] },
    ]);
    // every sentence of both reports is on screen once: in a row or in a run
    for (const [side, count] of [['a', GERMAN.length], ['b', OTHER.length]] as const) {
      const shown = [...view.rows.flatMap((r) => r[side].map((s) => s.index)), ...view.unmatched.filter((u) => u.side === side).flatMap((u) => u.sentences.map((s) => s.index))];
      expect(shown.sort()).toEqual([...Array(count).keys()]);
    }
    expect(view.unmatched[0]!.sentences[0]).toMatchObject({ text: GERMAN[0], english: MT[0] });
  });
});
