import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { describe, expect, it } from 'vitest';
import { Store, type NewDocument } from '../../src/store/index.ts';
import { migrations } from '../../src/store/migrations/index.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir();

function doc(hash: string, over: Partial<NewDocument> = {}): NewDocument {
  const text = 'Erster Satz. Zweiter Satz.\n\nQuellenlink';
  return {
    contentHash: hash, path: `/x/${hash}.txt`, fileName: `${hash}.txt`, format: 'text', encoding: 'UTF-8', byteSize: text.length,
    status: 'ingested', lang: 'de', langConfidence: 0.99, detectedLang: 'de', title: 'T', published: '2024-05-16', text, warnings: [],
    paragraphs: [{ start: 0, end: 26, text: 'Erster Satz. Zweiter Satz.', dropped: null }, { start: 28, end: 39, text: 'Quellenlink', dropped: 'source_link' }],
    sentences: [
      { paragraph: 0, start: 0, end: 12, text: 'Erster Satz.', memoryKey: 'Erster Satz.' },
      { paragraph: 0, start: 13, end: 26, text: 'Zweiter Satz.', memoryKey: 'Zweiter Satz.' },
    ],
    dates: [],
    ...over,
  };
}

function rawCount(path: string, table: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(path, sqlite3.OPEN_READONLY, (err) => {
      if (err) return reject(err);
      db.get(`SELECT count(*) AS n FROM ${table}`, (e: Error | null, row: { n: number }) => {
        db.close();
        if (e) reject(e);
        else resolve(row.n);
      });
    });
  });
}

describe('store', () => {
  it('creates the schema once, records its version and reopens without re-running migrations', async () => {
    const path = join(dir, 'a', 'nested', 'tandem.db');
    const s1 = await Store.open(path);
    expect(await s1.schemaVersion()).toBe(migrations.at(-1)!.version);
    await s1.insertDocument(doc('h1'));
    await s1.close();
    const s2 = await Store.open(path);
    expect((await s2.listDocuments()).map((d) => d.fileName)).toEqual(['h1.txt']);
    expect(await s2.integrityCheck()).toBe('ok');
    await s2.close();
  });

  it('writes a document with its paragraphs and sentences, and rolls all of it back on failure', async () => {
    const path = join(dir, 'tx.db');
    const s = await Store.open(path);
    const bad = doc('h2', { sentences: [{ paragraph: 7, start: 0, end: 1, text: 'x', memoryKey: 'x' }] });
    await expect(s.insertDocument(bad)).rejects.toThrow(/missing paragraph/);
    const id = await s.insertDocument(doc('h3'));
    await s.close();
    expect(await rawCount(path, 'documents')).toBe(1);
    expect(await rawCount(path, 'paragraphs')).toBe(2);
    expect(await rawCount(path, 'sentences')).toBe(2);
    const again = await Store.open(path);
    expect(await again.documentIdByHash('h3')).toBe(id);
    expect(await again.documentIdByHash('h2')).toBeNull();
    expect((await again.paragraphs(id)).map((p) => p.dropped)).toEqual([null, 'source_link']);
    await again.close();
  });

  it('refuses a second document with the same content hash', async () => {
    const s = await Store.open(join(dir, 'dup.db'));
    await s.insertDocument(doc('same'));
    await expect(s.insertDocument(doc('same'))).rejects.toThrow(/UNIQUE/);
    expect((await s.listDocuments()).length).toBe(1);
    await s.close();
  });

  it('prefers a human edit over imported memory over model output, and knows what still needs a model', async () => {
    const s = await Store.open(join(dir, 'tm.db'));
    const id = await s.insertDocument(doc('tm'));
    const pins = { de: { modelId: 'Xenova/opus-mt-de-en', revision: 'r1' } };
    expect((await s.sentencesToTranslate(pins)).map((t) => t.text)).toEqual(['Erster Satz.', 'Zweiter Satz.']);

    await s.saveTranslations([{ sourceLang: 'de', memoryKey: 'Erster Satz.', sourceText: 'Erster Satz.', english: 'model one', origin: 'model', modelId: 'Xenova/opus-mt-de-en', modelRevision: 'r1' }]);
    expect((await s.sentences(id)).map((x) => [x.translation, x.origin])).toEqual([['model one', 'model'], [null, null]]);
    expect((await s.sentencesToTranslate(pins)).map((t) => t.text)).toEqual(['Zweiter Satz.']);
    // A new model revision makes old model output stale for "to translate", but it still shows.
    expect((await s.sentencesToTranslate({ de: { modelId: 'Xenova/opus-mt-de-en', revision: 'r2' } })).length).toBe(2);

    await s.saveTranslations([{ sourceLang: 'de', memoryKey: 'Erster Satz.', sourceText: 'Erster Satz.', english: 'imported one', origin: 'imported' }]);
    expect((await s.sentences(id))[0]).toMatchObject({ translation: 'imported one', origin: 'imported' });
    await s.saveTranslations([{ sourceLang: 'de', memoryKey: 'Erster Satz.', sourceText: 'Erster Satz.', english: 'human one', origin: 'human' }]);
    await s.saveTranslations([{ sourceLang: 'de', memoryKey: 'Erster Satz.', sourceText: 'Erster Satz.', english: 'imported again', origin: 'imported' }]);
    expect((await s.sentences(id))[0]).toMatchObject({ translation: 'human one', origin: 'human' });
    // Memory is per language: the same text in Dutch is not translated by a German entry.
    expect(await s.memorySize()).toEqual({ human: 1, imported: 1, model: 1 });
    await s.close();
  });

  it('keeps integrity when many transactions are started at once', async () => {
    const path = join(dir, 'concurrent.db');
    const s = await Store.open(path);
    await Promise.all(Array.from({ length: 20 }, (_, i) => s.insertDocument(doc(`c${i}`))));
    expect((await s.listDocuments()).length).toBe(20);
    expect(await s.integrityCheck()).toBe('ok');
    await s.close();
    expect(await rawCount(path, 'sentences')).toBe(40);
  });
});
