// Upgrade test for migration 0002 (matching, stories, alignments, review), in the Signal Desktop
// manner: a database at version 1 made from the released migration 0001, with rows as Tandem 1
// wrote them (documents, paragraphs, sentences, dates, translations, jobs), is opened by this
// Tandem; every row must survive and read back, and the new tables must work with the old rows.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/store/index.ts';
import { migrations } from '../../src/store/migrations/index.ts';
import { tempDir } from '../support/tmp.ts';
import { rawExec as exec, rawQuery as query } from '../support/sqlite.ts';

const dir = tempDir();


const DE = 'Lawrow ist in Pjöngjang eingetroffen. Er trifft Kim Jong Un am Donnerstag.\n\nKommentar (0)';
const NL = 'Lavrov is in Pyongyang aangekomen.';
const OLD_TABLES = ['documents', 'paragraphs', 'sentences', 'dates', 'translations', 'jobs'];

async function version1Database(path: string): Promise<void> {
  const upTo1 = migrations.filter((m) => m.version <= 1);
  expect(upTo1.map((m) => m.version)).toEqual([1]);
  await exec(path, `${upTo1[0]!.sql}
    PRAGMA journal_mode = WAL;
    PRAGMA user_version = 1;
    INSERT INTO documents (id, content_hash, path, file_name, format, encoding, byte_size, status, lang, lang_confidence, detected_lang, title, published, text, warnings, created_at)
      VALUES (1, 'h-de', '/in/lawrow.txt', 'lawrow.txt', 'text', 'UTF-8', 95, 'ingested', 'de', 0.98, 'de', 'Lawrow in Pjöngjang', '2023-10-18', '${DE}', '[]', '2023-10-18T09:00:00.000Z'),
             (2, 'h-nl', '/in/lavrov.html', 'lavrov.html', 'html', 'windows-1252', 1400, 'ingested', 'nl', 0.95, 'nl', 'Lavrov in Pyongyang', '2023-10-19', '${NL}', '["short text"]', '2023-10-19T09:00:00.000Z'),
             (3, 'h-fr', '/in/fr.txt', 'fr.txt', 'text', 'UTF-8', 30, 'unsupported', NULL, 0.9, 'fr', NULL, NULL, 'Lavrov est arrivé.', '[]', '2023-10-19T10:00:00.000Z');
    INSERT INTO paragraphs (id, document_id, idx, start, end, text, dropped)
      VALUES (10, 1, 0, 0, 74, 'Lawrow ist in Pjöngjang eingetroffen. Er trifft Kim Jong Un am Donnerstag.', NULL),
             (11, 1, 1, 76, 89, 'Kommentar (0)', 'comments'),
             (20, 2, 0, 0, 34, '${NL}', NULL);
    INSERT INTO sentences (id, document_id, paragraph_id, idx, start, end, text, memory_key)
      VALUES (100, 1, 10, 0, 0, 37, 'Lawrow ist in Pjöngjang eingetroffen.', 'lawrow ist in pjöngjang eingetroffen.'),
             (101, 1, 10, 1, 38, 74, 'Er trifft Kim Jong Un am Donnerstag.', 'er trifft kim jong un am donnerstag.'),
             (200, 2, 20, 0, 0, 34, '${NL}', 'lavrov is in pyongyang aangekomen.');
    INSERT INTO dates (document_id, iso, precision, kind, start, end, text)
      VALUES (1, '2023-10-19', 'day', 'weekday', 63, 73, 'Donnerstag');
    INSERT INTO translations (source_lang, memory_key, source_text, english, origin, model_id, model_revision, provenance, created_at)
      VALUES ('de', 'lawrow ist in pjöngjang eingetroffen.', 'Lawrow ist in Pjöngjang eingetroffen.', 'Lavrov has arrived in Pyongyang.', 'model', 'Xenova/opus-mt-de-en', 'r1', NULL, '2023-10-18T09:01:00.000Z'),
             ('de', 'lawrow ist in pjöngjang eingetroffen.', 'Lawrow ist in Pjöngjang eingetroffen.', 'Lavrov arrived in Pyongyang.', 'human', '', '', 'review', '2023-10-18T09:05:00.000Z'),
             ('nl', 'lavrov is in pyongyang aangekomen.', '${NL}', 'Lavrov has arrived in Pyongyang.', 'imported', '', '', 'memory.tmx', '2023-10-19T09:01:00.000Z');
    INSERT INTO jobs (id, kind, status, total, done, detail, started_at, finished_at)
      VALUES (1, 'translate', 'done', 3, 3, NULL, '2023-10-18T09:00:30.000Z', '2023-10-18T09:01:00.000Z'),
             (2, 'translate', 'cancelled', 5, 2, '2 of 5 saved', '2023-10-19T09:00:30.000Z', '2023-10-19T09:00:40.000Z');
  `);
}

describe('migration 0002: matching, stories, alignments and review', () => {
  it('keeps every row of a version-1 database and reads it back', async () => {
    const path = join(dir, 'v1.db');
    await version1Database(path);
    const before = await Promise.all(OLD_TABLES.map((t) => query<Record<string, unknown>>(path, `SELECT * FROM ${t} ORDER BY rowid`)));

    const store = await Store.open(path);
    expect(await store.schemaVersion()).toBe(migrations.at(-1)!.version);
    expect(await store.integrityCheck()).toBe('ok');
    expect(await store.listDocuments()).toEqual([
      expect.objectContaining({ id: 1, fileName: 'lawrow.txt', format: 'text', lang: 'de', title: 'Lawrow in Pjöngjang', published: '2023-10-18', warnings: [], sentenceCount: 2, translatedCount: 1, createdAt: '2023-10-18T09:00:00.000Z' }),
      expect.objectContaining({ id: 2, fileName: 'lavrov.html', format: 'html', encoding: 'windows-1252', lang: 'nl', warnings: ['short text'], sentenceCount: 1, translatedCount: 1 }),
      expect.objectContaining({ id: 3, status: 'unsupported', lang: null, detectedLang: 'fr', sentenceCount: 0 }),
    ]);
    expect(await store.documentText(1)).toBe(DE);
    expect(await store.paragraphs(1)).toEqual([
      { index: 0, start: 0, end: 74, text: 'Lawrow ist in Pjöngjang eingetroffen. Er trifft Kim Jong Un am Donnerstag.', dropped: null },
      { index: 1, start: 76, end: 89, text: 'Kommentar (0)', dropped: 'comments' },
    ]);
    // the human translation still wins over the model's, and the imported one is still found
    expect((await store.sentences(1)).map((s) => [s.id, s.index, s.paragraph, s.translation, s.origin])).toEqual([
      [100, 0, 0, 'Lavrov arrived in Pyongyang.', 'human'],
      [101, 1, 0, null, null],
    ]);
    expect((await store.sentences(2)).map((s) => [s.translation, s.origin])).toEqual([['Lavrov has arrived in Pyongyang.', 'imported']]);
    for (const s of await store.sentences(1)) expect(DE.slice(s.start, s.end)).toBe(s.text);
    for (const p of await store.paragraphs(1)) expect(DE.slice(p.start, p.end)).toBe(p.text);
    expect(await store.memorySize()).toEqual({ human: 1, imported: 1, model: 1 });
    expect((await store.matchInputs()).map((d) => [d.id, d.eventDates])).toEqual([[1, ['2023-10-19']], [2, []]]);
    expect(await store.translationRuns()).toEqual([
      { id: 1, status: 'done', total: 3, done: 3, detail: null },
      { id: 2, status: 'cancelled', total: 5, done: 2, detail: '2 of 5 saved' },
    ]);
    // nothing to translate again for the pinned revision except the sentence never translated
    expect((await store.sentencesToTranslate({ de: { modelId: 'Xenova/opus-mt-de-en', revision: 'r1' }, nl: { modelId: 'Xenova/opus-mt-nl-en', revision: 'r1' } })).map((s) => s.text))
      .toEqual(['Er trifft Kim Jong Un am Donnerstag.']);
    await store.close();

    // the old tables hold the very same rows, column for column (jobs is translation_runs since
    // 0004, without its kind column)
    const after = await Promise.all(OLD_TABLES.map((t) => query<Record<string, unknown>>(path, `SELECT * FROM ${t === 'jobs' ? 'translation_runs' : t} ORDER BY rowid`)));
    // Later migrations: 0004 drops jobs.kind, 0005 adds the (null) revision columns of sentences.
    const revisionColumns = new Set(['original_text', 'revision', 'revised_by', 'revised_at', 'revised_why']);
    const withoutRevisions = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).filter(([k, v]) => !(revisionColumns.has(k) && v === null)));
    expect(after.map((rows, i) => (OLD_TABLES[i] === 'sentences' ? rows.map(withoutRevisions) : rows)))
      .toEqual(before.map((rows, i) => (OLD_TABLES[i] === 'jobs' ? rows.map(({ kind: _kind, ...r }) => r) : rows)));
  });

  it('lets the new tables refer to the old rows: matches, stories, decisions, alignments and review', async () => {
    const path = join(dir, 'v1-new.db');
    await version1Database(path);
    const store = await Store.open(path);
    expect(await store.fingerprints()).toEqual(new Map());
    expect(await store.matches()).toEqual([]);
    await store.replaceMatches({
      fingerprints: [{ documentId: 1, sourceHash: 's1', data: '{}' }, { documentId: 2, sourceHash: 's2', data: '{}' }],
      matches: [{ a: 2, b: 1, score: 0.7, level: 'same_event', basis: 'translation', evidence: [], summary: 'Same event.' }],
      passages: [{ a: { doc: 1, sentences: [0] }, b: { doc: 2, sentences: [0] }, score: 0.9 }],
    });
    expect((await store.matches()).map((m) => [m.a, m.b, m.level])).toEqual([[1, 2, 'same_event']]);
    await store.saveStories('event', [{ id: 'e1', documents: [1, 2] }]);
    await store.addStoryDecision({ kind: 'confirm', a: 2, b: 1 });
    expect(await store.storyDecisions()).toEqual([{ kind: 'confirm', a: 1, b: 2 }]);
    const alignment = await store.saveAlignment({ aDoc: 1, bDoc: 2, mode: 'monotonic', sourceHash: 'x', beads: [{ a: [0], b: [0], score: 0.9, kind: '1-1' }, { a: [1], b: [], score: 0, kind: '1-0' }] });
    const [first] = (await store.alignment(alignment))!.beads;
    await store.reviewBeads(alignment, 'accept', [first!], [{ ...first!, status: 'accepted' }]);
    expect((await store.alignment(alignment))!.reviewed).toBe(true);
    expect(await store.exportAlignments({ status: ['accepted'] })).toEqual([{ id: alignment, aDoc: 1, bDoc: 2, mode: 'monotonic', aLang: 'de', bLang: 'nl', beads: 1 }]);
    expect(await query(path, 'PRAGMA foreign_key_check')).toEqual([]);
    await store.close();
  });
});
