// One connection, one order: a statement sent while another caller's transaction is open must
// not run inside that transaction (and be rolled back with it, or see its half-written rows),
// and statements a transaction's own work sends must run inside it without waiting for it.
// Real SQLite files throughout; a spy holds one statement of a transaction so that other
// statements are sent, deterministically, while it is open.
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Connection } from '../../src/store/db.ts';
import { Store, type NewDocument } from '../../src/store/index.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir();
let n = 0;
const freshPath = () => join(dir, `ordering-${++n}.db`);

function doc(hash: string, over: Partial<NewDocument> = {}): NewDocument {
  const text = 'Erster Satz. Zweiter Satz.';
  return {
    contentHash: hash, path: `/x/${hash}.txt`, fileName: `${hash}.txt`, format: 'text', encoding: 'UTF-8', byteSize: text.length,
    status: 'ingested', lang: 'de', langConfidence: 0.99, detectedLang: 'de', title: 'T', published: '2024-05-16', text, warnings: [],
    paragraphs: [{ start: 0, end: 26, text, dropped: null }],
    sentences: [
      { paragraph: 0, start: 0, end: 12, text: 'Erster Satz.', memoryKey: 'Erster Satz.' },
      { paragraph: 0, start: 13, end: 26, text: 'Zweiter Satz.', memoryKey: 'Zweiter Satz.' },
    ],
    dates: [],
    ...over,
  };
}

/**
 * Fails only after its document row and paragraphs are written (`paragraphs` of them, a few
 * hundred per statement): a sentence names a missing paragraph.
 */
const failing = (hash: string, paragraphs = 1) => doc(hash, {
  paragraphs: Array.from({ length: paragraphs }, (_, i) => ({ start: i, end: i + 1, text: `p${i}`, dropped: null })),
  sentences: [{ paragraph: paragraphs + 7, start: 0, end: 1, text: 'x', memoryKey: 'x' }],
});

/**
 * Holds the first Connection.run whose SQL starts with `prefix` until `release()`; `reached`
 * settles when it is held, that is while its transaction is open.
 */
function holdStatement(prefix: string): { reached: Promise<void>; release: () => void } {
  const original = Connection.prototype.run;
  let reach!: () => void;
  let release!: () => void;
  const reached = new Promise<void>((r) => (reach = r));
  const released = new Promise<void>((r) => (release = r));
  let held = false;
  vi.spyOn(Connection.prototype, 'run').mockImplementation(async function (this: Connection, sql, params) {
    if (!held && sql.trimStart().startsWith(prefix)) {
      held = true;
      reach();
      await released;
    }
    return original.call(this, sql, params);
  });
  return { reached, release };
}

/**
 * Holds every Connection.all whose SQL starts with `prefix`, one after the other: `next()` settles
 * when the next one is held, with the function that lets it go on.
 */
function holdEach(prefix: string): { next: () => Promise<() => void> } {
  const original = Connection.prototype.all;
  const held: (() => void)[] = [];
  const waiting: ((release: () => void) => void)[] = [];
  vi.spyOn(Connection.prototype, 'all').mockImplementation(async function (this: Connection, sql, params) {
    if (sql.trimStart().startsWith(prefix)) {
      await new Promise<void>((release) => {
        const w = waiting.shift();
        if (w) w(release);
        else held.push(release);
      });
    }
    return original.call(this, sql, params);
  });
  return { next: () => new Promise((resolve) => { const r = held.shift(); if (r) resolve(r); else waiting.push(resolve); }) };
}

afterEach(() => {
  vi.restoreAllMocks();
});

function rawAll<T>(path: string, sql: string): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(path, sqlite3.OPEN_READONLY, (err) => {
      if (err) return reject(err);
      db.all(sql, (e: Error | null, rows: T[]) => db.close(() => (e ? reject(e) : resolve(rows))));
    });
  });
}

/** Rejects when `p` has not settled in time: a deadlock fails the test instead of hanging it. */
// A deadlock turns into a clear failure instead of a hang; the bound is far above what any step
// takes even with the machine's other core busy, so a slow machine is never taken for a deadlock.
function within<T>(p: Promise<T>, ms = 60_000): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms: deadlock`)), ms).unref())]);
}

describe('statements and transactions on one connection', () => {
  it('keeps a translation run started while another caller\'s transaction is open, when that transaction fails', async () => {
    const path = freshPath();
    const s = await Store.open(path);
    const hold = holdStatement('INSERT INTO paragraphs');
    const insert = s.insertDocument(failing('bad'));
    await hold.reached;
    const run = s.startTranslationRun(3);
    hold.release();
    await expect(insert).rejects.toThrow(/missing paragraph/);
    const id = await run;
    expect(await s.translationRuns()).toEqual([{ id, status: 'running', total: 3, done: 0, detail: null }]);
    expect(await s.listDocuments()).toEqual([]);
    await s.close();
    expect(await rawAll(path, 'SELECT id, status FROM translation_runs')).toEqual([{ id, status: 'running' }]);
  });

  it('keeps the progress and finish of a translation run written while another caller\'s transaction is open, when that transaction fails', async () => {
    const path = freshPath();
    const s = await Store.open(path);
    const run = await s.startTranslationRun(4);
    const hold = holdStatement('INSERT INTO paragraphs');
    const insert = s.insertDocument(failing('bad'));
    await hold.reached;
    const writes = Promise.all([s.updateTranslationRun(run, 4), s.finishTranslationRun(run, 'failed', 'disk full')]);
    hold.release();
    await expect(insert).rejects.toThrow(/missing paragraph/);
    await writes;
    expect(await s.translationRuns()).toEqual([{ id: run, status: 'failed', total: 4, done: 4, detail: 'disk full' }]);
    await s.close();
    const [row] = await rawAll<{ done: number; status: string; finished_at: string | null }>(path, 'SELECT done, status, finished_at FROM translation_runs');
    expect(row).toMatchObject({ done: 4, status: 'failed', finished_at: expect.stringMatching(/^\d{4}-/) });
  });

  it('lets reads sent during a transaction see the state before it or after it, never half of it', async () => {
    const s = await Store.open(freshPath());
    // A transaction that commits: a read sent while it is open sees the whole document.
    let hold = holdStatement('INSERT INTO paragraphs');
    const before = s.listDocuments();
    const insert = s.insertDocument(doc('good'));
    await hold.reached;
    const during = Promise.all([s.listDocuments(), s.documentIdByHash('good')]);
    hold.release();
    const id = await insert;
    expect(await before).toEqual([]);
    const [docs, byHash] = await during;
    expect(docs.map((d) => [d.id, d.sentenceCount])).toEqual([[id, 2]]);
    expect(byHash).toBe(id);
    expect((await s.paragraphs(id)).length).toBe(1);

    // A transaction that rolls back: a read sent while it is open never sees its document.
    vi.restoreAllMocks();
    hold = holdStatement('INSERT INTO paragraphs');
    const bad = s.insertDocument(failing('bad'));
    await hold.reached;
    const duringBad = Promise.all([s.listDocuments(), s.documentIdByHash('bad')]);
    hold.release();
    await expect(bad).rejects.toThrow(/missing paragraph/);
    const [docsAfter, badId] = await duringBad;
    expect(docsAfter.map((d) => d.id)).toEqual([id]);
    expect(badId).toBeNull();
    await s.close();
  });

  it('runs the statements of a transaction\'s own work inside it, nested transactions as savepoints, without deadlock', async () => {
    const path = freshPath();
    const conn = await Connection.open(path);
    await conn.exec('CREATE TABLE t (x INTEGER NOT NULL)');
    const seen = await within(conn.transaction(async () => {
      await conn.run('INSERT INTO t VALUES (1)');
      // several at once, and after a turn of the event loop: still the transaction's own work
      await Promise.all([conn.run('INSERT INTO t VALUES (2)'), conn.get('SELECT count(*) AS n FROM t')]);
      await new Promise((r) => setImmediate(r));
      await conn.exec('INSERT INTO t VALUES (3)');
      await conn.transaction(async () => {
        await conn.run('INSERT INTO t VALUES (4)');
      });
      await expect(conn.transaction(async () => {
        await conn.run('INSERT INTO t VALUES (5)');
        throw new Error('inner fails');
      })).rejects.toThrow('inner fails');
      return (await conn.all<{ x: number }>('SELECT x FROM t ORDER BY x')).map((r) => r.x);
    }));
    expect(seen).toEqual([1, 2, 3, 4]);

    // When the outer work fails, everything its statements and savepoints wrote is rolled back.
    await expect(within(conn.transaction(async () => {
      await conn.run('INSERT INTO t VALUES (6)');
      await conn.transaction(() => conn.run('INSERT INTO t VALUES (7)'));
      throw new Error('outer fails');
    }))).rejects.toThrow('outer fails');
    await conn.close();
    expect((await rawAll<{ x: number }>(path, 'SELECT x FROM t ORDER BY x')).map((r) => r.x)).toEqual([1, 2, 3, 4]);
  });

  it('applies plain writes to one row in the order they were sent, not in the order threads pick them up', async () => {
    // node-sqlite3's default (parallel) mode let 13 of 20 rounds here end on an earlier value
    const conn = await Connection.open(freshPath());
    await conn.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER NOT NULL); INSERT INTO t VALUES (1, 0)');
    const finals: number[] = [];
    for (let round = 0; round < 20; round++) {
      await Promise.all(Array.from({ length: 50 }, (_, i) => conn.run('UPDATE t SET v = ? WHERE id = 1', [round * 100 + i])));
      finals.push((await conn.get<{ v: number }>('SELECT v FROM t WHERE id = 1'))!.v);
    }
    await conn.close();
    expect(finals).toEqual(Array.from({ length: 20 }, (_, round) => round * 100 + 49));
  });

  it('loses no plain write sent among many transactions, failing and not, in quick succession', async () => {
    const path = freshPath();
    const s = await Store.open(path);
    const run = await s.startTranslationRun(40);
    const held = holdEach('SELECT id FROM paragraphs');
    const insert = (i: number) => s.insertDocument(i % 2 ? failing(`f${i}`, 3000) : doc(`d${i}`)).catch(() => 'failed');
    const work: Promise<unknown>[] = [insert(0)];
    for (let i = 0; i < 40; i++) {
      // Transaction i is open, its document and paragraphs written; the next one queues behind it,
      // and plain writes go out while it is open.
      const release = await within(held.next());
      if (i + 1 < 40) work.push(insert(i + 1));
      work.push(s.updateTranslationRun(run, i + 1));
      work.push(s.startTranslationRun(i));
      release();
    }
    await within(Promise.all(work), 120_000);
    const runs = await s.translationRuns();
    expect(runs.length).toBe(41);
    expect(runs[0]).toMatchObject({ id: run, done: 40 });
    expect((await s.listDocuments()).map((d) => d.fileName).sort()).toEqual(Array.from({ length: 20 }, (_, k) => `d${2 * k}.txt`).sort());
    expect(await s.integrityCheck()).toBe('ok');
    await s.close();
    expect(await rawAll(path, 'SELECT count(*) AS n FROM sentences')).toEqual([{ n: 40 }]);
  }, 240_000);
});
