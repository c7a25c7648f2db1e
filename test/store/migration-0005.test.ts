// Upgrade test for migration 0005 (review operations): a database at version 4 made from the
// released migrations, with an alignment, its review log and sentences as Tandem 4 wrote them, is
// opened by this Tandem. The log survives its rebuild (so old decisions still undo), sentences
// read back unrevised, and the new operations are logged and undone on the upgraded file.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/store/index.ts';
import { migrations } from '../../src/store/migrations/index.ts';
import { tempDir } from '../support/tmp.ts';
import { rawExec as exec, rawQuery as query } from '../support/sqlite.ts';

const dir = tempDir();

async function version4Database(path: string): Promise<void> {
  const upTo4 = migrations.filter((m) => m.version <= 4);
  expect(upTo4.map((m) => m.version)).toEqual([1, 2, 3, 4]);
  await exec(path, `${upTo4.map((m) => m.sql).join('\n')}
    PRAGMA journal_mode = WAL;
    PRAGMA user_version = 4;
    INSERT INTO documents (id, content_hash, path, file_name, format, encoding, byte_size, status, lang, lang_confidence, detected_lang, text)
      VALUES (1, 'h1', '/a.txt', 'a.txt', 'lines', 'utf-8', 20, 'ingested', 'de', 1, 'de', 'Eins zwei. Drei vier.');
    INSERT INTO paragraphs (id, document_id, idx, start, end, text) VALUES (1, 1, 0, 0, 21, 'Eins zwei. Drei vier.');
    INSERT INTO sentences (document_id, paragraph_id, idx, start, end, text, memory_key)
      VALUES (1, 1, 0, 0, 10, 'Eins zwei.', 'eins zwei.'), (1, 1, 1, 11, 21, 'Drei vier.', 'drei vier.');
    INSERT INTO alignments (id, a_doc, b_doc, mode, source_hash, reviewed) VALUES (1, 1, 1, 'translation', 'x', 1);
    INSERT INTO beads (id, alignment_id, pos, a_sentences, b_sentences, score, kind, status)
      VALUES (1, 1, 0, '[0]', '[0]', 1, '1-1', 'accepted'), (2, 1, 1, '[1]', '[1]', 1, '1-1', 'pending');
    INSERT INTO review_log (id, alignment_id, action, before, after, created_at)
      VALUES (1, 1, 'accept', '{"beads":[{"id":1,"pos":0,"a":[0],"b":[0],"score":1,"kind":"1-1","status":"pending","origin":"auto"}]}',
              '{"beads":[{"id":1,"pos":0,"a":[0],"b":[0],"score":1,"kind":"1-1","status":"accepted","origin":"auto"}]}', '2024-05-16T10:00:00.000Z');
  `);
}

describe('migration 0005: review operations', () => {
  it('keeps the review log and the sentences of a version-4 database, and old decisions still undo', async () => {
    const path = join(dir, 'v4.db');
    await version4Database(path);
    const log = await query<Record<string, unknown>>(path, 'SELECT * FROM review_log ORDER BY id');
    const store = await Store.open(path);
    expect(await store.schemaVersion()).toBe(migrations.at(-1)!.version);
    expect(await store.integrityCheck()).toBe('ok');
    expect((await store.sentences(1)).map((s) => [s.text, s.revision])).toEqual([['Eins zwei.', null], ['Drei vier.', null]]);
    await store.close();
    expect(await query(path, 'SELECT * FROM review_log ORDER BY id')).toEqual(log);
    const indexes = (await query<{ name: string }>(path, `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'review_log'`)).map((r) => r.name);
    expect(indexes).toContain('review_log_alignment');

    const again = await Store.open(path);
    expect((await again.undoReview(1))?.action).toBe('accept');
    expect((await again.alignment(1))!.beads[0]!.status).toBe('pending');
    await again.close();
  });

  it('logs and undoes the new operations on the upgraded file', async () => {
    const path = join(dir, 'v4-new.db');
    await version4Database(path);
    const store = await Store.open(path);
    const who = { by: 'tester', why: 'review' };
    await store.splitSentence(1, 1, 0, [
      { text: 'Eins', memoryKey: 'eins', start: 0, end: 4 },
      { text: 'zwei.', memoryKey: 'zwei.', start: 5, end: 10 },
    ], who);
    expect((await store.sentences(1)).map((s) => [s.index, s.text, s.start, s.end])).toEqual([[0, 'Eins', 0, 4], [1, 'zwei.', 5, 10], [2, 'Drei vier.', 11, 21]]);
    expect((await store.alignment(1))!.beads.map((b) => [b.a, b.b, b.status])).toEqual([[[0, 1], [0, 1], 'pending'], [[2], [2], 'pending']]);
    await store.editSource(1, 1, 2, 'Drei fünf.', 'drei fünf.', who, null);
    expect((await store.sentences(1))[2]!.revision).toMatchObject({ kind: 'edit', original: 'Drei vier.', by: 'tester', why: 'review' });
    expect((await store.undoReview(1))?.action).toBe('edit-source');
    expect((await store.undoReview(1))?.action).toBe('split-sentence');
    expect((await store.sentences(1)).map((s) => [s.text, s.end, s.revision])).toEqual([['Eins zwei.', 10, null], ['Drei vier.', 21, null]]);
    expect((await store.alignment(1))!.beads.map((b) => [b.a, b.b, b.status])).toEqual([[[0], [0], 'accepted'], [[1], [1], 'pending']]);
    await store.close();
    const actions = await query<{ action: string; undone: number }>(path, 'SELECT action, undone FROM review_log ORDER BY id');
    expect(actions).toEqual([{ action: 'accept', undone: 0 }, { action: 'split-sentence', undone: 1 }, { action: 'edit-source', undone: 1 }]);
  });
});
