// Matching, stories and alignment through the service, on the samples and on a constructed
// translation pair, with incremental re-runs and analyst decisions that runs never overwrite.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tandem } from '../../src/api/service.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir();
const samples = join(import.meta.dirname, '..', '..', 'samples');
let tandem: Tandem;
const id: Record<string, number> = {};

beforeAll(async () => {
  tandem = await Tandem.open({ dbPath: join(dir, 'tandem.db'), modelsDir: join(dir, 'models') });
  for (const d of (await tandem.ingest([samples])).documents) id[d.path.split('/').pop()!.slice(0, 3)] = d.id!;
});
afterAll(() => tandem.close());

const pair = <P extends { a: number; b: number }>(pairs: P[], x: number, y: number) => pairs.find((p) => (p.a === x && p.b === y) || (p.a === y && p.b === x));

describe('matching through the service', () => {
  it('relates the samples with evidence, finds 000 repeating itself, and calls nothing a duplicate', async () => {
    const report = await tandem.match();
    expect(report.compared).toBe(5);
    expect(report.pairs.some((p) => p.level === 'duplicate')).toBe(false);
    for (const [x, y] of [['000', '002'], ['003', '004']] as const) {
      const p = pair(report.pairs, id[x]!, id[y]!);
      expect(p, `${x}~${y}`).toBeDefined();
      expect(['same_story', 'same_event']).toContain(p!.level);
      expect(p!.evidence.length).toBeGreaterThan(0);
    }
    const within = report.passages.filter((p) => p.a.doc === id['000'] && p.b.doc === id['000']);
    expect(within.length).toBeGreaterThan(0);
    const longest = within.reduce((m, p) => (p.a.sentences.length > m.a.sentences.length ? p : m));
    expect(longest.a.sentences.length).toBeGreaterThanOrEqual(7);
    expect(longest.b.sentences[0]).toBeGreaterThan(longest.a.sentences.at(-1)!);
  });

  it('re-runs incrementally: nothing changed, nothing compared; a new or retranslated document alone', async () => {
    const before = await tandem.match();
    expect(before.compared).toBe(0);
    const extra = join(dir, 'extra.txt');
    writeFileSync(extra, 'Der russische Außenminister Sergej Lawrow traf am 18. Oktober in Pjöngjang ein.\nEr dankte Nordkorea für die Unterstützung im Krieg in der Ukraine.\n');
    const [doc] = (await tandem.ingest([extra])).documents;
    const after = await tandem.match();
    expect(after.compared).toBe(1);
    expect(pair(after.pairs, doc!.id!, id['003']!)).toBeDefined();
    // Pairs among the old documents are untouched.
    const old = (ps: typeof after.pairs) => ps.filter((p) => p.a !== doc!.id && p.b !== doc!.id);
    expect(old(after.pairs)).toEqual(old(before.pairs));

    const tsv = join(dir, 'memory.tsv');
    writeFileSync(tsv, 'Er dankte Nordkorea für die Unterstützung im Krieg in der Ukraine.\tHe thanked North Korea for its support in the war in Ukraine.\n');
    await tandem.importMemory(tsv, { lang: 'de' });
    expect((await tandem.match()).compared).toBe(1);
  });

  it('keeps analyst story decisions across later runs', async () => {
    const a = id['003']!;
    const b = id['004']!;
    const together = (views: { story: { documents: number[] }[] }) => views.story.some((s) => s.documents.includes(a) && s.documents.includes(b));
    expect(together(await tandem.stories())).toBe(true);
    await tandem.decideStory({ kind: 'reject', a, b });
    expect(together(await tandem.stories())).toBe(false);
    await tandem.match();
    expect(together(await tandem.stories())).toBe(false);
    await tandem.decideStory({ kind: 'confirm', a, b });
    expect(together(await tandem.stories())).toBe(true);
  });

  it('aligns a source document with its English translation, through imported memory as the bridge', async () => {
    const german = ['Der Minister kam am Montag in Peking an.', 'Er traf seinen Amtskollegen Wang Yi.', 'Die Gespräche dauerten drei Stunden.', 'Danach reiste er nach Moskau zurück.'];
    const english = ['The minister arrived in Beijing on Monday.', 'He met his counterpart Wang Yi.', 'An unrelated line about the weather in Paris.', 'The talks lasted three hours.', 'Afterwards he travelled back to Moscow.'];
    writeFileSync(join(dir, 'src.txt'), german.join('\n'));
    writeFileSync(join(dir, 'en.txt'), english.join('\n'));
    writeFileSync(join(dir, 'mt.tsv'), german.map((g, i) => `${g}\t${['The minister arrived in Beijing on Monday.', 'He met his colleague Wang Yi.', 'The talks took three hours.', 'Then he travelled back to Moscow.'][i]}`).join('\n'));
    await tandem.importMemory(join(dir, 'mt.tsv'), { lang: 'de' });
    const [src] = (await tandem.ingest([join(dir, 'src.txt')], { oneSentencePerLine: true, lang: 'de' })).documents;
    const [en] = (await tandem.ingest([join(dir, 'en.txt')], { oneSentencePerLine: true, lang: 'en' })).documents;
    const alignment = await tandem.align(src!.id!, en!.id!);
    expect(alignment.beads.map((b) => [b.a, b.b])).toEqual([[[0], [0]], [[1], [1]], [[], [2]], [[2], [3]], [[3], [4]]]);
    expect(alignment.beads.filter((b) => b.a.length && b.b.length).every((b) => b.score > 0.5)).toBe(true);
    // Stored: asking again returns the same alignment without recomputing it.
    expect((await tandem.align(src!.id!, en!.id!)).id).toBe(alignment.id);
  });
});
