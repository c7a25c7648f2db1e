// Read-only databases: a file the user may read but not write. Commands that do not write open it
// read-only and work; commands that write fail at once, naming the file and what to do; neither
// changes a byte of it nor leaves files beside it (a -shm left by another user stops the owner
// from writing). Real files and a real unprivileged user: the suite runs as root in CI, and root
// may write anything, so there the CLI runs as nobody (uid 65534) against files root owns, the
// way test/api/bad-input.test.ts does its permission test. Run as an ordinary user, the files are
// made read-only with chmod instead.
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseError, Store, type NewDocument } from '../../src/store/index.ts';
import { migrations } from '../../src/store/migrations/index.ts';
import { tempDir } from '../support/tmp.ts';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'tandem.js');
const dir = tempDir();
/** Folders made read-only for this user: writable again before the temporary folder is removed. */
const lockedFolders: string[] = [];
afterAll(() => {
  for (const folder of lockedFolders) chmodSync(folder, 0o755);
});
const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;
/** Another unprivileged user, owner of the files in the shared-folder test. */
const OWNER = 65533;

function doc(hash: string): NewDocument {
  const text = 'Der Minister reiste am Montag nach Berlin. Die Gespräche dauerten drei Stunden.\n\nQuellenlink';
  return {
    contentHash: hash, path: `/in/${hash}.txt`, fileName: `${hash}.txt`, format: 'text', encoding: 'UTF-8', byteSize: text.length,
    status: 'ingested', lang: 'de', langConfidence: 0.99, detectedLang: 'de', title: 'Minister in Berlin', published: '2024-05-16', text, warnings: [],
    paragraphs: [{ start: 0, end: 79, text: text.slice(0, 79), dropped: null }, { start: 81, end: 92, text: 'Quellenlink', dropped: 'source_link' }],
    sentences: [
      { paragraph: 0, start: 0, end: 42, text: 'Der Minister reiste am Montag nach Berlin.', memoryKey: 'Der Minister reiste am Montag nach Berlin.' },
      { paragraph: 0, start: 43, end: 79, text: 'Die Gespräche dauerten drei Stunden.', memoryKey: 'Die Gespräche dauerten drei Stunden.' },
    ],
    dates: [{ iso: '2024-05-13', precision: 'day', kind: 'weekday', start: 23, end: 29, text: 'Montag' }],
  };
}

/** A database as Tandem leaves it: a document with English, a story, an accepted alignment. */
async function makeDatabase(path: string): Promise<void> {
  const s = await Store.open(path);
  const id = await s.insertDocument(doc('h1'));
  await s.saveTranslations([
    { sourceLang: 'de', memoryKey: 'Der Minister reiste am Montag nach Berlin.', sourceText: 'Der Minister reiste am Montag nach Berlin.', english: 'The minister travelled to Berlin on Monday.', origin: 'human' },
    { sourceLang: 'de', memoryKey: 'Die Gespräche dauerten drei Stunden.', sourceText: 'Die Gespräche dauerten drei Stunden.', english: 'The talks lasted three hours.', origin: 'human' },
  ]);
  await s.saveStories('story', [{ id: 's1', documents: [id] }]);
  const alignment = await s.saveAlignment({ aDoc: id, bDoc: id, mode: 'translation', sourceHash: 'x', beads: [{ a: [0], b: [0], score: 1, kind: '1-1' }, { a: [1], b: [1], score: 1, kind: '1-1' }] });
  const stored = (await s.alignment(alignment))!;
  await s.reviewBeads(alignment, 'accept', stored.beads, stored.beads.map(({ id: _id, ...b }) => ({ ...b, status: 'accepted' as const, origin: 'human' as const })));
  await s.close();
}

/** A database as Tandem 2 left it: schema version 2, one document. */
function version2Database(path: string): Promise<void> {
  const sql = `${migrations.filter((m) => m.version <= 2).map((m) => m.sql).join('\n')}
    PRAGMA journal_mode = WAL;
    PRAGMA user_version = 2;
    INSERT INTO documents (id, content_hash, path, file_name, format, encoding, byte_size, status, lang, lang_confidence, detected_lang, title, published, text)
      VALUES (1, 'h1', '/in/a.txt', 'a.txt', 'text', 'UTF-8', 10, 'ingested', 'de', 1, 'de', 'Alt', '2023-10-18', 'Alter Text.');`;
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(path, (err) => {
      if (err) return reject(err);
      db.exec(sql, (e) => db.close(() => (e ? reject(e) : resolve())));
    });
  });
}

/** A folder with a database in it, made by this process, then locked for the reader. */
async function lockedFolder(name: string, make: (path: string) => Promise<void> = makeDatabase): Promise<{ folder: string; db: string }> {
  const folder = join(dir, name);
  mkdirSync(folder);
  const db = join(folder, 'tandem.db');
  await make(db);
  if (isRoot) {
    // owned by root: nobody may read the file and the folder, and write neither
    chmodSync(db, 0o644);
    chmodSync(folder, 0o755);
  } else {
    chmodSync(db, 0o444);
    chmodSync(folder, 0o555);
    lockedFolders.push(folder);
  }
  return { folder, db };
}

/** A folder the reader may write to (for export output and HOME). */
const readerHome = join(dir, 'reader');

/** The tandem CLI as the reader: nobody when this runs as root, else this user. */
function asReader(args: string[], uid = NOBODY): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, '--models', join(readerHome, 'models'), ...args], {
    encoding: 'utf8', cwd: readerHome, env: { ...process.env, HOME: readerHome, TANDEM_MODELS: '' },
    ...(isRoot ? { uid, gid: uid } : {}),
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function sidecars(folder: string): string[] {
  return readdirSync(folder).filter((f) => f !== 'tandem.db');
}

beforeAll(() => {
  chmodSync(dir, 0o755);
  mkdirSync(readerHome, { mode: 0o777 });
  chmodSync(readerHome, 0o777);
  if (isRoot) chownSync(readerHome, NOBODY, NOBODY);
});

describe('a read-only Store', () => {
  it('reads a database through sqlite3.OPEN_READONLY, refuses writes naming the file, and changes nothing', async () => {
    const path = join(dir, 'store-ro.db');
    await makeDatabase(path);
    const bytes = readFileSync(path);
    const s = await Store.open(path, { readOnly: true });
    expect(s.readOnly).toBe(true);
    expect((await s.listDocuments()).map((d) => [d.title, d.sentenceCount, d.translatedCount])).toEqual([['Minister in Berlin', 2, 2]]);
    expect((await s.sentences(1)).map((x) => x.translation)).toEqual(['The minister travelled to Berlin on Monday.', 'The talks lasted three hours.']);
    expect(await s.stories('story')).toEqual([{ id: 's1', documents: [1] }]);
    // SQLite enforces it (this runs as root too): a write fails, naming the file
    const write = s.startTranslationRun(1);
    await expect(write).rejects.toBeInstanceOf(DatabaseError);
    await expect(write).rejects.toThrow(`${path} is opened read-only`);
    await expect(s.insertDocument(doc('h2'))).rejects.toThrow(path);
    await s.close();
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(existsSync(`${path}-wal`) || existsSync(`${path}-shm`)).toBe(false);
  });

  it('reads the rows a writer has committed while the writer still has the database open', async () => {
    const path = join(dir, 'store-live.db');
    const writer = await Store.open(path);
    await writer.insertDocument(doc('live'));
    // the writer's -wal and -shm exist: the reader uses them (an immutable read would miss the WAL)
    expect(existsSync(`${path}-wal`)).toBe(true);
    const reader = await Store.open(path, { readOnly: true });
    expect((await reader.listDocuments()).map((d) => d.fileName)).toEqual(['live.txt']);
    await reader.close();
    await writer.close();
  });

  it('refuses a database that needs migrating, with a message saying so, and leaves it untouched', async () => {
    const path = join(dir, 'store-v2.db');
    await version2Database(path);
    const bytes = readFileSync(path);
    const open = Store.open(path, { readOnly: true });
    await expect(open).rejects.toMatchObject({ code: 'needs_upgrade' });
    await expect(open).rejects.toThrow(`${path} was written by an older Tandem (schema 2; this one uses ${migrations.at(-1)!.version}) and must be upgraded`);
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(existsSync(`${path}-wal`) || existsSync(`${path}-shm`)).toBe(false);
  });

  it('refuses a missing file without creating it', async () => {
    const path = join(dir, 'nowhere', 'tandem.db');
    await expect(Store.open(path, { readOnly: true })).rejects.toThrow(`There is no database at ${path}`);
    expect(existsSync(join(dir, 'nowhere'))).toBe(false);
  });
});

// chmod and the uid switch are POSIX; Windows has neither, so there is nothing to run this with.
describe.skipIf(process.platform === 'win32')('the CLI on a database the user may read but not write (POSIX only: chmod and uids)', () => {
  it('lists, shows and exports from it, and refuses to write to it naming the file, leaving it as it was', async () => {
    const { folder, db } = await lockedFolder('locked');
    const bytes = readFileSync(db);

    const docs = asReader(['--db', db, '--json', 'documents']);
    expect(docs.status, docs.stderr).toBe(0);
    expect(JSON.parse(docs.stdout)).toMatchObject([{ id: 1, title: 'Minister in Berlin', sentenceCount: 2, translatedCount: 2 }]);
    const sentences = asReader(['--db', db, '--json', 'sentences', '1']);
    expect(sentences.status, sentences.stderr).toBe(0);
    expect(JSON.parse(sentences.stdout).map((x: { translation: string }) => x.translation)).toEqual(['The minister travelled to Berlin on Monday.', 'The talks lasted three hours.']);
    const paragraphs = asReader(['--db', db, '--json', 'paragraphs', '1']);
    expect(paragraphs.status, paragraphs.stderr).toBe(0);
    expect(JSON.parse(paragraphs.stdout).map((p: { dropped: string | null }) => p.dropped)).toEqual([null, 'source_link']);
    const stories = asReader(['--db', db, '--json', 'stories', 'list']);
    expect(stories.status, stories.stderr).toBe(0);
    expect(JSON.parse(stories.stdout).story).toEqual([{ id: 's1', documents: [1] }]);
    const models = asReader(['--db', db, '--json', 'models', 'list']);
    expect(models.status, models.stderr).toBe(0);
    expect(JSON.parse(models.stdout).length).toBeGreaterThan(0);
    const out = join(readerHome, 'pairs.tsv');
    const exported = asReader(['--db', db, '--json', 'export', '--format', 'tsv', '--out', out]);
    expect(exported.status, exported.stderr).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ pairs: 2 });
    expect(readFileSync(out, 'utf8')).toContain('The talks lasted three hours.');

    for (const write of [['stories', 'confirm', '1', '1'], ['align', '1', '1'], ['ingest', join(root, 'samples')]]) {
      const r = asReader(['--db', db, ...write]);
      expect(r.status, `${write.join(' ')}: ${r.stdout}`).toBe(1);
      expect(r.stderr).toBe(`tandem: ${db} is read-only (permission denied): copy it somewhere writable or fix its permissions\n`);
    }

    expect(readFileSync(db).equals(bytes)).toBe(true);
    expect(sidecars(folder)).toEqual([]);
  });

  it('says that a database of an older Tandem must be upgraded, and cannot be, when it is read-only', async () => {
    const { folder, db } = await lockedFolder('locked-v2', version2Database);
    const bytes = readFileSync(db);
    const r = asReader(['--db', db, 'documents']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`tandem: ${db} was written by an older Tandem (schema 2; this one uses ${migrations.at(-1)!.version}) and must be upgraded before it can be read, which writes to it; but ${db} is read-only (permission denied): copy it somewhere writable or fix its permissions\n`);
    expect(readFileSync(db).equals(bytes)).toBe(true);
    expect(sidecars(folder)).toEqual([]);
  });

  it('upgrades a writable database of an older Tandem before a read-only command, as before', async () => {
    const folder = join(dir, 'writable-v2');
    mkdirSync(folder);
    const db = join(folder, 'tandem.db');
    await version2Database(db);
    if (isRoot) {
      chownSync(folder, NOBODY, NOBODY);
      chownSync(db, NOBODY, NOBODY);
    }
    const r = asReader(['--db', db, '--json', 'documents']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject([{ id: 1, title: 'Alt' }]);
    const s = await Store.open(db, { readOnly: true });
    expect(await s.schemaVersion()).toBe(migrations.at(-1)!.version);
    await s.close();
  });

  // Needs files of two users other than this one, which only root can make.
  it.skipIf(!isRoot)('leaves no -shm or -wal file of its own in a shared folder, so the owner can still write (runs as root only: it needs files of two other users)', async () => {
    const folder = join(dir, 'shared');
    mkdirSync(folder, { mode: 0o777 });
    chmodSync(folder, 0o777);
    const db = join(folder, 'tandem.db');
    await makeDatabase(db);
    chownSync(db, OWNER, OWNER);
    chmodSync(db, 0o644);
    const read = asReader(['--db', db, '--json', 'documents']);
    expect(read.status, read.stderr).toBe(0);
    expect(sidecars(folder)).toEqual([]);
    // the owner writes afterwards: an ingest of the samples as that user
    const owner = asReader(['--db', db, '--json', 'ingest', '--lang', 'de', join(root, 'samples', readdirSync(join(root, 'samples')).find((f) => f.endsWith('.txt'))!)], OWNER);
    expect(owner.status, owner.stderr).toBe(0);
    expect(JSON.parse(owner.stdout).documents[0].status).toBe('ingested');
  });
});
