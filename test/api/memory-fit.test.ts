// Translation memory where segmentation differs, on a real SQLite store with the generated tiny
// model installed: a memory line holding two sentences that ingest splits, a sentence the memory
// holds as two entries, HTML character references decoded on import, and the import report.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tandem } from '../../src/api/service.ts';
import { installTinyModels } from '../support/models.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir();
const modelsDir = join(dir, 'models');
let tandem: Tandem;

beforeAll(async () => {
  const manifestPath = await installTinyModels(modelsDir, ['de']);
  tandem = await Tandem.open({ dbPath: join(dir, 'tandem.db'), modelsDir, manifestPath });
});
afterAll(() => tandem.close());

const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('memory import report', () => {
  it('decodes HTML character references once, counts them, and says what was skipped and why', async () => {
    const tmx = file('mt.tmx', `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" datatype="plaintext" segtype="sentence" adminlang="en" srclang="de" o-tmf="x"/>
<body>
<tu><tuv xml:lang="de"><seg>Nadals Sieg war klar.</seg></tuv><tuv xml:lang="en"><seg>Nadal&amp;#39;s victory was &amp;quot;clear&amp;quot;.</seg></tuv></tu>
<tu><tuv xml:lang="de"><seg>AT&amp;T kauft Aktien.</seg></tuv><tuv xml:lang="en"><seg>AT&amp;amp;T buys shares.</seg></tuv></tu>
<tu><tuv xml:lang="de"><seg>Schreiben Sie &amp;amp; statt &amp;.</seg></tuv><tuv xml:lang="en"><seg>Write &amp;amp; instead of &amp;.</seg></tuv></tu>
<tu><tuv xml:lang="de"><seg>Ohne Englisch.</seg></tuv></tu>
<tu><tuv xml:lang="fr"><seg>Bonjour.</seg></tuv><tuv xml:lang="en"><seg>Hello.</seg></tuv></tu>
<tu><tuv xml:lang="de"><seg>   </seg></tuv><tuv xml:lang="en"><seg>Empty.</seg></tuv></tu>
</body></tmx>`);
    const report = await tandem.importMemory(tmx);
    expect(report).toMatchObject({ read: 6, imported: 3, decoded: 2, byLang: { de: 3 } });
    expect(report.skipped).toEqual(expect.arrayContaining([
      { reason: 'no English side', count: 1 },
      { reason: expect.stringMatching(/^language fr: not one Tandem translates/), count: 1 },
      { reason: 'source or English is empty', count: 1 },
    ]));
    const [doc] = (await tandem.ingest([file('nadal.txt', 'Nadals Sieg war klar.\n\nAT&T kauft Aktien.\n\nSchreiben Sie &amp; statt &.\n')], { lang: 'de' })).documents;
    await tandem.translate({ documentIds: [doc!.id!] });
    expect((await tandem.sentences(doc!.id!)).map((s) => [s.translation, s.origin])).toEqual([
      ['Nadal\'s victory was "clear".', 'imported'],
      ['AT&T buys shares.', 'imported'],
      // the same reference on both sides is the text itself: kept
      ['Write &amp; instead of &.', 'imported'],
    ]);
  });
});

describe('memory across segmentation', () => {
  it('shares an entry that holds two sentences over the two sentences ingest made of it', async () => {
    await tandem.importMemory(file('two.tsv', [
      'Der Minister reiste am Montag nach Peking. Dort traf er seinen Amtskollegen.\tThe minister travelled to Beijing on Monday. There he met his counterpart.',
      'Die Gespräche dauerten lange. Beide lobten sie.\tThe talks lasted long.',
    ].join('\n')), { lang: 'de' });
    const [doc] = (await tandem.ingest([file('visit.txt', 'Der Minister reiste am Montag nach Peking. Dort traf er seinen Amtskollegen.\n\nDie Gespräche dauerten lange. Beide lobten sie.\n')], { lang: 'de' })).documents;
    const report = await tandem.translate({ documentIds: [doc!.id!] });
    const sentences = await tandem.sentences(doc!.id!);
    expect(sentences.map((s) => s.text)).toEqual(['Der Minister reiste am Montag nach Peking.', 'Dort traf er seinen Amtskollegen.', 'Die Gespräche dauerten lange.', 'Beide lobten sie.']);
    expect(sentences.slice(0, 2).map((s) => [s.translation, s.origin, s.provenance])).toEqual([
      ['The minister travelled to Beijing on Monday.', 'imported', 'entry joins 2 sentences: part 1 of 2 · two.tsv'],
      ['There he met his counterpart.', 'imported', 'entry joins 2 sentences: part 2 of 2 · two.tsv'],
    ]);
    // One English sentence for two German ones cannot be cut without guessing: the model translates them.
    expect(sentences.slice(2).map((s) => s.origin)).toEqual(['model', 'model']);
    expect(report).toMatchObject({ fittedFromMemory: 2, byModel: 2, translated: 4 });
  });

  it('joins the entries that together make one sentence', async () => {
    await tandem.importMemory(file('halves.tsv', 'Er sagte: \tHe said:\n"Wir bleiben."\t"We stay."\n'), { lang: 'de' });
    const [doc] = (await tandem.ingest([file('said.txt', 'Er sagte: "Wir bleiben."\n')], { lang: 'de' })).documents;
    const report = await tandem.translate({ documentIds: [doc!.id!] });
    expect((await tandem.sentences(doc!.id!)).map((s) => [s.text, s.translation, s.origin, s.provenance])).toEqual([
      ['Er sagte: "Wir bleiben."', 'He said: "We stay."', 'imported', '2 entries joined · halves.tsv'],
    ]);
    expect(report).toMatchObject({ fittedFromMemory: 1, byModel: 0 });
  });

  it('costs nothing when run again and keeps the fitted English', async () => {
    const again = await tandem.translate();
    expect(again).toMatchObject({ fittedFromMemory: 0, byModel: 0 });
    expect(await tandem.store.integrityCheck()).toBe('ok');
  });
});
