// Upgrade test for migration 0001 (the initial schema), in the Signal Desktop manner: there is no
// earlier Tandem, so the database before it is an empty file at version 0 (or no file at all). It
// is opened by this Tandem; the schema it ends with must be exactly what the released migrations
// make, and the tables 0001 defines must take and give back a realistic document.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/store/index.ts';
import { migrations } from '../../src/store/migrations/index.ts';
import { tempDir } from '../support/tmp.ts';
import { rawExec as exec, rawQuery as query } from '../support/sqlite.ts';

const dir = tempDir();


const SCHEMA = `SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`;

const TEXT = 'Lawrow reiste am 18. Oktober nach Pjöngjang. Dort traf er Kim Jong Un.\n\nQuellenlink';

describe('migration 0001: the initial schema', () => {
  it('turns an empty file at version 0 into the schema the released migrations make', async () => {
    const path = join(dir, 'empty.db');
    writeFileSync(path, '');
    expect(await query(path, 'PRAGMA user_version')).toEqual([{ user_version: 0 }]);
    const store = await Store.open(path);
    expect(await store.schemaVersion()).toBe(migrations.at(-1)!.version);
    expect(await store.integrityCheck()).toBe('ok');
    await store.close();

    // the same schema, object by object, as running the migration files by hand
    const reference = join(dir, 'reference.db');
    await exec(reference, migrations.map((m) => m.sql).join('\n'));
    expect(await query(path, SCHEMA)).toEqual(await query(reference, SCHEMA));
    const tables = (await query<{ name: string }>(path, `SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['dates', 'documents', 'paragraphs', 'sentences', 'translation_runs', 'translations']));
    expect(await query(path, 'PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
  });

  it('creates a missing file, with its folder, at the latest version', async () => {
    const path = join(dir, 'new', 'folder', 'tandem.db');
    const store = await Store.open(path);
    expect(await store.schemaVersion()).toBe(migrations.at(-1)!.version);
    await store.close();
    expect(await query(path, 'PRAGMA user_version')).toEqual([{ user_version: migrations.at(-1)!.version }]);
  });

  it('is applied once when several connections open the same new file at the same moment', async () => {
    const path = join(dir, 'race.db');
    writeFileSync(path, '');
    const stores = await Promise.all([Store.open(path), Store.open(path), Store.open(path)]);
    for (const s of stores) expect(await s.schemaVersion()).toBe(migrations.at(-1)!.version);
    await Promise.all(stores.map((s) => s.close()));
    expect(await query(path, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  });

  it('stores a document, its translation and a translation run in the tables 0001 defines (jobs, renamed by 0004), and reads them back', async () => {
    const path = join(dir, 'rows.db');
    writeFileSync(path, '');
    const store = await Store.open(path);
    const id = await store.insertDocument({
      contentHash: 'sha-1', path: '/in/lawrow.html', fileName: 'lawrow.html', format: 'html', encoding: 'windows-1252', byteSize: 2048,
      status: 'ingested', lang: 'de', langConfidence: 0.97, detectedLang: 'de', title: 'Lawrow in Pjöngjang', published: '2023-10-19',
      text: TEXT, warnings: ['short'],
      paragraphs: [{ start: 0, end: 70, text: TEXT.slice(0, 70), dropped: null }, { start: 72, end: 83, text: 'Quellenlink', dropped: 'source_link' }],
      sentences: [
        { paragraph: 0, start: 0, end: 44, text: 'Lawrow reiste am 18. Oktober nach Pjöngjang.', memoryKey: 'lawrow reiste am 18. oktober nach pjöngjang.' },
        { paragraph: 0, start: 45, end: 70, text: 'Dort traf er Kim Jong Un.', memoryKey: 'dort traf er kim jong un.' },
      ],
      dates: [{ iso: '2023-10-18', precision: 'day', kind: 'event', start: 17, end: 28, text: '18. Oktober' }],
    });
    await store.saveTranslations([{ sourceLang: 'de', memoryKey: 'dort traf er kim jong un.', sourceText: 'Dort traf er Kim Jong Un.', english: 'There he met Kim Jong Un.', origin: 'model', modelId: 'Xenova/opus-mt-de-en', modelRevision: 'r1' }]);
    const run = await store.startTranslationRun(2);
    await store.finishTranslationRun(run, 'done');
    await store.close();

    const again = await Store.open(path);
    expect(await again.document(id)).toMatchObject({ fileName: 'lawrow.html', format: 'html', encoding: 'windows-1252', lang: 'de', published: '2023-10-19', warnings: ['short'], sentenceCount: 2, translatedCount: 1 });
    expect(await again.documentText(id)).toBe(TEXT);
    expect((await again.paragraphs(id)).map((p) => p.dropped)).toEqual([null, 'source_link']);
    expect((await again.sentences(id)).map((s) => [s.text, s.translation, s.origin])).toEqual([
      ['Lawrow reiste am 18. Oktober nach Pjöngjang.', null, null],
      ['Dort traf er Kim Jong Un.', 'There he met Kim Jong Un.', 'model'],
    ]);
    expect((await again.matchInputs([id]))[0]!.eventDates).toEqual(['2023-10-18']);
    expect(await again.translationRuns()).toEqual([{ id: run, status: 'done', total: 2, done: 0, detail: null }]);
    // the offsets point into the stored text
    for (const s of await again.sentences(id)) expect(TEXT.slice(s.start, s.end)).toBe(s.text);
    for (const p of await again.paragraphs(id)) expect(TEXT.slice(p.start, p.end)).toBe(p.text);
    await again.close();
  });
});
