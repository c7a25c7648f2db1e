// Full-text search in the store, on a real SQLite file: diacritics and spelled-out letters fold,
// English is the sentence's best translation, the indexes follow ingest, post-edits, source edits,
// undo and document deletes, and no query text is ever FTS syntax.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store, type NewDocument } from '../../src/store/index.ts';
import { foldWord, SPELLED_OUT_LETTERS } from '../../src/store/search-query.ts';
import { ApiError } from '../../src/common/index.ts';
import { tempDir } from '../support/tmp.ts';
import { rawExec, rawQuery } from '../support/sqlite.ts';

const dir = tempDir();

function doc(hash: string, lang: string, sentences: string[], title = hash): NewDocument {
  let at = 0;
  const spans = sentences.map((text) => {
    const s = { paragraph: 0, start: at, end: at + text.length, text, memoryKey: text.toLowerCase() };
    at += text.length + 1;
    return s;
  });
  const text = sentences.join(' ');
  return {
    contentHash: hash, path: `/x/${hash}.txt`, fileName: `${hash}.txt`, format: 'text', encoding: 'UTF-8', byteSize: text.length,
    status: 'ingested', lang, langConfidence: 1, detectedLang: lang, title, published: null, text, warnings: [],
    paragraphs: [{ start: 0, end: text.length, text, dropped: null }], sentences: spans, dates: [],
  };
}

const search = (store: Store, query: string, more: { lang?: string; side?: 'original' | 'english' | 'both'; limit?: number } = {}) =>
  store.search({ query, side: more.side ?? 'both', limit: more.limit ?? 50, lang: more.lang });

const marked = (hit: { segments: { text: string; hit: boolean }[] }) => hit.segments.map((s) => (s.hit ? `[${s.text}]` : s.text)).join('');

async function fixture(name: string) {
  const store = await Store.open(join(dir, `${name}.db`));
  const de = await store.insertDocument(doc(`${name}-de`, 'de', [
    'Lawrow reiste nach Pjöngjang.', 'Der Außenminister sprach mit Kim.', 'Das Wetter war schlecht.',
  ], 'Lawrow in Pjöngjang'));
  const is = await store.insertDocument(doc(`${name}-is`, 'is', ['Guðni fór til Þingvalla.', 'Lawrow kom ekki.']));
  const nl = await store.insertDocument(doc(`${name}-nl`, 'nl', ['Het weer in Pjongjang was slecht.']));
  await store.saveTranslations([
    { sourceLang: 'de', memoryKey: 'lawrow reiste nach pjöngjang.', sourceText: 'Lawrow reiste nach Pjöngjang.', english: 'Lavrov travelled to Pyongyang.', origin: 'model', modelId: 'm', modelRevision: '1' },
    { sourceLang: 'de', memoryKey: 'das wetter war schlecht.', sourceText: 'Das Wetter war schlecht.', english: 'The weather was bad.', origin: 'model', modelId: 'm', modelRevision: '1' },
  ]);
  return { store, de, is, nl };
}

describe('search (store)', () => {
  it('finds originals with diacritics folded, marks the hits, and filters by language and side', async () => {
    const { store, de, nl } = await fixture('fold');
    const hits = (await search(store, 'pjongjang')).hits;
    expect(hits.map((h) => [h.documentId, h.side, h.sentence])).toEqual(expect.arrayContaining([[de, 'original', 0], [nl, 'original', 0]]));
    expect(hits).toHaveLength(2);
    expect(marked(hits.find((h) => h.documentId === de)!)).toBe('Lawrow reiste nach [Pjöngjang].');
    expect(hits.find((h) => h.documentId === de)).toMatchObject({ title: 'Lawrow in Pjöngjang', lang: 'de', other: 'Lavrov travelled to Pyongyang.' });

    expect((await search(store, 'Pjöngjang', { lang: 'nl' })).hits.map((h) => h.documentId)).toEqual([nl]);
    expect(marked((await search(store, 'aussenminister')).hits[0]!)).toBe('Der [Außenminister] sprach mit Kim.');
    expect(marked((await search(store, 'Außenminister')).hits[0]!)).toBe('Der [Außenminister] sprach mit Kim.');
    expect(marked((await search(store, 'gudni thingvalla')).hits[0]!)).toBe('[Guðni] fór til [Þingvalla].');

    const english = await search(store, 'pyongyang');
    expect(english.hits.map((h) => [h.documentId, h.side, h.sentence, marked(h), h.other])).toEqual([[de, 'english', 0, 'Lavrov travelled to [Pyongyang].', 'Lawrow reiste nach Pjöngjang.']]);
    expect((await search(store, 'pyongyang', { side: 'original' })).hits).toEqual([]);
    expect((await search(store, 'lawrow', { side: 'english' })).hits).toEqual([]);
    await store.close();
  });

  it('folds every spelled-out letter the same way on the index side (migration 0006) and the query side', async () => {
    const store = await Store.open(join(dir, 'letters.db'));
    const words = SPELLED_OUT_LETTERS.map((c) => `x${c}y`);
    await store.insertDocument(doc('letters', 'is', words.map((w) => `${w}.`)));
    for (const [i, w] of words.entries()) {
      const hits = (await search(store, foldWord(w))).hits;
      expect(hits.map((h) => h.sentence), `${w} as ${foldWord(w)}`).toContain(i);
      expect(hits.find((h) => h.sentence === i)!.segments.find((s) => s.hit)?.text).toBe(w);
    }
    await store.close();
  });

  it('ranks by relevance, takes prefixes and phrases, and says when there are more hits than the limit', async () => {
    const store = await Store.open(join(dir, 'rank.db'));
    await store.insertDocument(doc('rank', 'de', ['Berlin und noch viele andere Wörter hier im Satz.', 'Berlin Berlin.', 'Berliner Luft.']));
    const all = await search(store, 'berlin');
    expect(all.hits.map((h) => h.sentence)).toEqual([1, 0]);
    expect(all.more).toBe(false);
    const one = await search(store, 'berlin', { limit: 1 });
    expect(one.hits.map((h) => h.sentence)).toEqual([1]);
    expect(one.more).toBe(true);
    const prefix = await search(store, 'berl*');
    expect(prefix.hits.map((h) => h.sentence).sort()).toEqual([0, 1, 2]);
    expect(marked(prefix.hits.find((h) => h.sentence === 2)!)).toBe('[Berliner] Luft.');
    expect((await search(store, '"andere Wörter"')).hits.map((h) => h.sentence)).toEqual([0]);
    expect((await search(store, '"Wörter andere"')).hits).toEqual([]);
    await store.close();
  });

  it('never lets query text act as FTS syntax, and refuses a query without words with a clear message', async () => {
    const { store, de } = await fixture('syntax');
    // Operators, parentheses, stray quotes and stars are text: the words left are searched for, all of them.
    const cases: [string, string[]][] = [
      ['"Lawrow', ['lawrow']], ['Lawrow"', ['lawrow']], ['*Lawrow', ['lawrow']], ['(Lawrow)', ['lawrow']], ['^Lawrow', ['lawrow']],
      ['Lawrow -', ['lawrow']], ['{text}: Lawrow', ['text', 'lawrow']], ['NEAR(Lawrow', ['near', 'lawrow']], ['Lawrow OR', ['lawrow', 'or']],
      ['text:Lawrow', ['text', 'lawrow']], ['Lawrow AND NOT', ['lawrow', 'and', 'not']], ["Lawrow's", ['lawrow', 's']],
    ];
    for (const [q, terms] of cases) {
      const r = await search(store, q);
      expect(r.terms, q).toEqual(terms);
      if (terms.length === 1) expect(r.hits.map((h) => h.documentId), q).toContain(de);
      else expect(r.hits, q).toEqual([]);
    }
    for (const q of ['NOT', 'NEAR(', 'AND', '"OR"']) expect((await search(store, q)).hits, q).toEqual([]);
    for (const q of ['"', '***', '( )', '-', '""']) {
      await expect(search(store, q), q).rejects.toThrow(/has no word or number to look for/);
    }
    await expect(search(store, 'L*')).rejects.toBeInstanceOf(ApiError);
    await store.close();
  });

  it('follows post-edits, source edits, undo and document deletes', async () => {
    const { store, de, nl } = await fixture('follow');
    const path = join(dir, 'follow.db');
    // A human edit replaces the model English as the sentence's English: the model wording no longer finds it.
    await store.saveTranslations([{ sourceLang: 'de', memoryKey: 'das wetter war schlecht.', sourceText: 'Das Wetter war schlecht.', english: 'The weather was awful.', origin: 'human' }]);
    expect((await search(store, 'awful')).hits.map((h) => [h.documentId, h.sentence])).toEqual([[de, 2]]);
    expect((await search(store, 'bad')).hits).toEqual([]);

    // A source edit in review (logged, undoable) changes what the original finds.
    await rawExec(path, `INSERT INTO alignments (id, a_doc, b_doc, mode, source_hash) VALUES (1, ${de}, ${de}, 'translation', 'x');
      INSERT INTO beads (alignment_id, pos, a_sentences, b_sentences, score, kind) VALUES (1, 0, '[0]', '[0]', 1, '1-1');`);
    await store.editSource(1, de, 0, 'Lawrow reiste nach Peking.', 'lawrow reiste nach peking.', { by: 't', why: 'fix' }, null);
    expect((await search(store, 'peking')).hits.map((h) => [h.documentId, h.sentence])).toEqual([[de, 0]]);
    expect((await search(store, 'pjongjang')).hits.map((h) => h.documentId)).toEqual([nl]);
    await store.undoReview(1);
    expect((await search(store, 'peking')).hits).toEqual([]);
    expect((await search(store, 'pjongjang')).hits.map((h) => h.documentId).sort()).toEqual([de, nl].sort());

    // Deleting a document (its sentences go by ON DELETE CASCADE) takes it out of both indexes; the memory stays.
    await store.close();
    await rawExec(path, `PRAGMA foreign_keys = ON; DELETE FROM documents WHERE id = ${de};`);
    const again = await Store.open(path);
    expect((await search(again, 'pjongjang')).hits.map((h) => h.documentId)).toEqual([nl]);
    expect((await search(again, 'awful')).hits).toEqual([]);
    expect(await again.integrityCheck()).toBe('ok');
    await again.close();
    const indexed = await rawQuery<{ n: number }>(path, 'SELECT count(*) AS n FROM sentence_search');
    const sentences = await rawQuery<{ n: number }>(path, 'SELECT count(*) AS n FROM sentences');
    expect(indexed[0]!.n).toBe(sentences[0]!.n);
  });

  it('finds the best hits that pass the filters even when better-ranked index rows are filtered out', async () => {
    const store = await Store.open(join(dir, 'pages.db'));
    // 300 short Dutch sentences rank above the one long German sentence for "berlin".
    await store.insertDocument(doc('pages-nl', 'nl', Array.from({ length: 300 }, (_, i) => `Berlin ${i}.`)));
    const de = await store.insertDocument(doc('pages-de', 'de', ['Heute war in der großen Stadt Berlin wieder sehr viel los, sagte er.']));
    expect((await search(store, 'berlin', { lang: 'de', limit: 1 })).hits.map((h) => [h.documentId, h.sentence])).toEqual([[de, 0]]);
    // The English side: 300 model translations hidden by human edits, one that is still shown.
    await store.saveTranslations(Array.from({ length: 300 }, (_, i) => ({ sourceLang: 'nl', memoryKey: `berlin ${i}.`, sourceText: `Berlin ${i}.`, english: `Berlin ${i}.`, origin: 'model' as const, modelId: 'm', modelRevision: '1' })));
    await store.saveTranslations(Array.from({ length: 300 }, (_, i) => ({ sourceLang: 'nl', memoryKey: `berlin ${i}.`, sourceText: `Berlin ${i}.`, english: `The capital ${i}.`, origin: 'human' as const })));
    await store.saveTranslations([{ sourceLang: 'de', memoryKey: 'heute war in der großen stadt berlin wieder sehr viel los, sagte er.', sourceText: 'x', english: 'Today there was once again a lot going on in the big city of Berlin, he said.', origin: 'model', modelId: 'm', modelRevision: '1' }]);
    const english = await search(store, 'berlin', { side: 'english', limit: 5 });
    expect(english.hits.map((h) => [h.documentId, h.sentence, h.side])).toEqual([[de, 0, 'english']]);
    expect(english.more).toBe(false);
    await store.close();
  });

  it('clips a long sentence around its hits', async () => {
    const store = await Store.open(join(dir, 'long.db'));
    const filler = Array.from({ length: 120 }, (_, i) => `wort${i}`).join(' ');
    await store.insertDocument(doc('long', 'de', [`${filler} Pjöngjang ${filler}.`]));
    const [hit] = (await search(store, 'pjongjang')).hits;
    const text = marked(hit!);
    expect(text.startsWith('…')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
    expect(text).toContain(' [Pjöngjang] ');
    expect(text.length).toBeLessThan(400);
    await store.close();
  });
});
