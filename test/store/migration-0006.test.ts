// Upgrade test for migration 0006 (full-text search): a database at version 5 made from the
// released migrations, with documents, an edited sentence and translations as Tandem 5 wrote
// them, is opened by this Tandem. The indexes are filled from what is there (the edited text, not
// the ingested one; the best English), and follow writes made after the upgrade.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/store/index.ts';
import { migrations } from '../../src/store/migrations/index.ts';
import { tempDir } from '../support/tmp.ts';
import { rawExec as exec, rawQuery as query } from '../support/sqlite.ts';

const dir = tempDir();

async function version5Database(path: string): Promise<void> {
  const upTo5 = migrations.filter((m) => m.version <= 5);
  expect(upTo5.map((m) => m.version)).toEqual([1, 2, 3, 4, 5]);
  await exec(path, `${upTo5.map((m) => m.sql).join('\n')}
    PRAGMA journal_mode = WAL;
    PRAGMA user_version = 5;
    INSERT INTO documents (id, content_hash, path, file_name, format, encoding, byte_size, status, lang, lang_confidence, detected_lang, title, text)
      VALUES (1, 'h1', '/a.txt', 'a.txt', 'lines', 'utf-8', 60, 'ingested', 'de', 1, 'de', 'Besuch', 'Lawrow in Pjöngjang. Der Außenminister kam.'),
             (2, 'h2', '/b.txt', 'b.txt', 'lines', 'utf-8', 20, 'ingested', 'is', 1, 'is', NULL, 'Guðni fór.');
    INSERT INTO paragraphs (id, document_id, idx, start, end, text) VALUES (1, 1, 0, 0, 45, 'x'), (2, 2, 0, 0, 10, 'Guðni fór.');
    INSERT INTO sentences (document_id, paragraph_id, idx, start, end, text, memory_key, original_text, revision, revised_by)
      VALUES (1, 1, 0, 0, 20, 'Lawrow in Pjöngjang.', 'lawrow in pjöngjang.', NULL, NULL, NULL),
             (1, 1, 1, 21, 45, 'Der Außenminister kam.', 'der außenminister kam.', 'Der Ausenminister kam.', 'edit', 'ana'),
             (2, 2, 0, 0, 10, 'Guðni fór.', 'guðni fór.', NULL, NULL, NULL);
    INSERT INTO translations (source_lang, memory_key, source_text, english, origin, model_id, model_revision)
      VALUES ('de', 'lawrow in pjöngjang.', 'Lawrow in Pjöngjang.', 'Lavrov in Pyongyang.', 'model', 'm', '1'),
             ('de', 'lawrow in pjöngjang.', 'Lawrow in Pjöngjang.', 'Lavrov in the North Korean capital.', 'human', '', '');
  `);
}

describe('migration 0006: full-text search', () => {
  it('indexes the sentences and English of a version-5 database, and the upgraded file keeps them in step', async () => {
    const path = join(dir, 'v5.db');
    await version5Database(path);
    const before = await query<Record<string, unknown>>(path, 'SELECT * FROM sentences ORDER BY id');
    const store = await Store.open(path);
    expect(await store.schemaVersion()).toBe(6);
    expect(await store.integrityCheck()).toBe('ok');
    const find = async (q: string) => (await store.search({ query: q, side: 'both', limit: 10 })).hits.map((h) => [h.documentId, h.sentence, h.side]);
    expect(await find('pjongjang')).toEqual([[1, 0, 'original']]);
    expect(await find('aussenminister')).toEqual([[1, 1, 'original']]);
    expect(await find('ausenminister')).toEqual([]);
    expect(await find('gudni')).toEqual([[2, 0, 'original']]);
    // The human English is the sentence's English; the model's wording is indexed but finds nothing.
    expect(await find('korean capital')).toEqual([[1, 0, 'english']]);
    expect(await find('pyongyang')).toEqual([]);

    await store.saveTranslations([{ sourceLang: 'is', memoryKey: 'guðni fór.', sourceText: 'Guðni fór.', english: 'Gudni left.', origin: 'model', modelId: 'm', modelRevision: '1' }]);
    expect(await find('left')).toEqual([[2, 0, 'english']]);
    await store.close();
    expect(await query(path, 'SELECT * FROM sentences ORDER BY id')).toEqual(before);
    const triggers = (await query<{ name: string }>(path, `SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name`)).map((r) => r.name);
    expect(triggers).toEqual(['english_search_delete', 'english_search_insert', 'english_search_update', 'sentence_search_delete', 'sentence_search_insert', 'sentence_search_update']);
  });
});
