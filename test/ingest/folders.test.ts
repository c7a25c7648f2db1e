// Folders as they come from real disks: symbolic links (to files, to folders, dangling, looping,
// leading out), named pipes and sockets, hidden entries. Every entry of a folder is either taken
// or listed as skipped with the reason; none is dropped without a word, and none is taken twice.
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectFiles } from '../../src/ingest/index.ts';
import { tempDir } from '../support/tmp.ts';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'tandem.js');
const dir = tempDir();
const GERMAN = 'Der Minister kam am Montag in Peking an. Er traf seinen Amtskollegen. Die Gespräche dauerten drei Stunden.\n';

/** Symbolic links need a privilege on Windows; everywhere else they just work. */
function canSymlink(): boolean {
  try {
    writeFileSync(join(dir, 'probe-target'), '');
    symlinkSync('probe-target', join(dir, 'probe-link'));
    return true;
  } catch {
    return false;
  }
}
const haveLinks = canSymlink();
if (!haveLinks) console.warn('symbolic links cannot be made here: skipping the folder link tests');

function mkfifo(path: string): boolean {
  const r = spawnSync('mkfifo', [path]);
  return !r.error && r.status === 0;
}
const haveFifo = mkfifo(join(dir, 'probe-fifo'));
if (!haveFifo) console.warn('mkfifo is not available here: skipping the named pipe tests');

/** What collectFiles made of a folder, with paths relative to it. */
async function collect(folder: string, ...more: string[]) {
  const found = await collectFiles([folder, ...more]);
  const rel = (p: string) => p.slice(folder.length + 1);
  return { files: found.files.map(rel), skipped: Object.fromEntries(found.skipped.map((s) => [rel(s.path), s.reason])) };
}

function folder(name: string): string {
  const f = join(dir, name);
  mkdirSync(f, { recursive: true });
  return f;
}

describe.skipIf(!haveLinks)('symbolic links in an ingested folder', () => {
  it('takes a link to a file inside the folder, once in all however many ways the file is reached', async () => {
    const f = folder('links');
    mkdirSync(join(f, 'data'));
    mkdirSync(join(f, '.archive'));
    writeFileSync(join(f, 'data', 'report.txt'), GERMAN);
    writeFileSync(join(f, 'data', 'blob'), GERMAN);
    writeFileSync(join(f, '.archive', 'kept.txt'), GERMAN);
    // Reached only through a link: its file has no article extension, or sits in a hidden folder.
    symlinkSync(join('data', 'blob'), join(f, 'from-blob.txt'));
    symlinkSync(join('.archive', 'kept.txt'), join(f, 'kept.txt'));
    // The same file as data/report.txt, by two links (one of them through the other, one sorting first).
    symlinkSync(join('data', 'report.txt'), join(f, 'a-report.txt'));
    symlinkSync('a-report.txt', join(f, 'b-report.txt'));

    const found = await collect(f);
    expect(found.files).toEqual(['data/report.txt', 'from-blob.txt', 'kept.txt']);
    // The extra ways to the same file are said, not silently merged.
    expect(found.skipped['a-report.txt']).toMatch(/^the same file as .*data\/report\.txt/u);
    expect(found.skipped['b-report.txt']).toMatch(/^the same file as .*data\/report\.txt/u);

    // Named on the command line as well: still once, under the name the user gave.
    const named = await collectFiles([f, join(f, 'b-report.txt')]);
    expect(named.files.filter((p) => /report\.txt$/u.test(p))).toEqual([join(f, 'b-report.txt')]);
    expect(named.skipped.map((s) => s.path)).not.toContain(join(f, 'b-report.txt'));
  });

  it('skips dangling links, link loops and links out of the folder, each with the reason', async () => {
    const outside = folder('outside');
    writeFileSync(join(outside, 'elsewhere.txt'), GERMAN);
    const f = folder('bad-links');
    mkdirSync(join(f, 'sub'));
    writeFileSync(join(f, 'real.txt'), GERMAN);
    symlinkSync('gone.txt', join(f, 'dangling.txt'));
    symlinkSync('loop-b.txt', join(f, 'loop-a.txt'));
    symlinkSync('loop-a.txt', join(f, 'loop-b.txt'));
    symlinkSync(join(outside, 'elsewhere.txt'), join(f, 'absolute-out.txt'));
    symlinkSync(join('..', '..', 'outside', 'elsewhere.txt'), join(f, 'sub', 'relative-out.txt'));
    symlinkSync('..', join(f, 'sub', 'up'));
    symlinkSync(outside, join(f, 'outside-folder'));

    const found = await collect(f);
    expect(found.files).toEqual(['real.txt']);
    expect(found.skipped).toEqual({
      'dangling.txt': expect.stringMatching(/^dangling symbolic link \(to gone\.txt/u),
      'loop-a.txt': expect.stringMatching(/^symbolic link loop/u),
      'loop-b.txt': expect.stringMatching(/^symbolic link loop/u),
      'absolute-out.txt': expect.stringMatching(/^symbolic link out of the folder \(to .*elsewhere\.txt\)/u),
      'sub/relative-out.txt': expect.stringMatching(/^symbolic link out of the folder/u),
      'sub/up': expect.stringMatching(/^symbolic link loop \(to a folder that contains it\)/u),
      'outside-folder': expect.stringMatching(/^symbolic link out of the folder/u),
    });
  });

  it('does not follow a link to a folder inside the tree, and says so', async () => {
    const f = folder('folder-links');
    mkdirSync(join(f, 'news'));
    mkdirSync(join(f, '.old'));
    writeFileSync(join(f, 'news', 'one.txt'), GERMAN);
    writeFileSync(join(f, '.old', 'two.txt'), GERMAN);
    symlinkSync('news', join(f, 'latest'));
    symlinkSync('.old', join(f, 'old'));

    const found = await collect(f);
    expect(found.files).toEqual(['news/one.txt']);
    expect(found.skipped).toEqual({
      '.old': 'hidden folder (name starts with a dot), not read',
      latest: expect.stringMatching(/^symbolic link to a folder, not followed/u),
      old: 'symbolic link to a hidden folder, not followed',
    });
  });
});

describe('entries of a folder that are not files', () => {
  let server: Server | null = null;
  afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it.skipIf(!haveFifo)('lists a named pipe (and a link to one) as skipped, and does not wait on it', async () => {
    const f = folder('pipes');
    writeFileSync(join(f, 'article.txt'), GERMAN);
    expect(mkfifo(join(f, 'feed.txt'))).toBe(true);
    if (haveLinks) symlinkSync('feed.txt', join(f, 'feed-link.txt'));

    const found = await collect(f);
    expect(found.files).toEqual(['article.txt']);
    expect(found.skipped['feed.txt']).toBe('a named pipe, not a file');
    if (haveLinks) expect(found.skipped['feed-link.txt']).toBe('symbolic link to a named pipe, not a file');
  });

  it.skipIf(process.platform === 'win32')('lists a socket as skipped', async () => {
    const f = folder('sockets');
    writeFileSync(join(f, 'article.txt'), GERMAN);
    const path = join(f, 'control.sock');
    server = createServer();
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(path, resolve);
    });
    const found = await collect(f);
    expect(found.files).toEqual(['article.txt']);
    expect(found.skipped['control.sock']).toBe('a socket, not a file');
  });

  it('lists hidden files as skipped', async () => {
    const f = folder('hidden');
    writeFileSync(join(f, 'article.txt'), GERMAN);
    writeFileSync(join(f, '.notes.txt'), GERMAN);
    const found = await collect(f);
    expect(found.files).toEqual(['article.txt']);
    expect(found.skipped).toEqual({ '.notes.txt': 'hidden file (name starts with a dot)' });
  });
});

describe.skipIf(!haveFifo)('a named pipe named on the command line', () => {
  it('is rejected with a message instead of hanging the process', () => {
    const fifo = join(dir, 'pipe.txt');
    expect(mkfifo(fifo)).toBe(true);
    const inbox = folder('inbox');
    writeFileSync(join(inbox, 'article.txt'), GERMAN);
    expect(mkfifo(join(inbox, 'feed.txt'))).toBe(true);
    // Nothing ever writes to the pipe: reading it would block for good. The timeout only ends a hang.
    const r = spawnSync(process.execPath, [bin, '--db', join(dir, 'fifo.db'), '--models', join(dir, 'models'), '--json', 'ingest', fifo, inbox], {
      cwd: dir, encoding: 'utf8', timeout: 50_000, killSignal: 'SIGKILL',
    });
    expect(r.signal, 'tandem ingest hung on the pipe').toBeNull();
    expect(r.status, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout) as { documents: { path: string; status: string; error: string | null }[]; skipped: { path: string; reason: string }[] };
    expect(report.documents.find((d) => d.path === fifo)).toMatchObject({ status: 'rejected', error: expect.stringMatching(/^pipe\.txt: not a regular file/u) });
    expect(report.documents.find((d) => d.path.endsWith('article.txt'))).toMatchObject({ status: 'ingested' });
    expect(report.skipped).toContainEqual({ path: join(inbox, 'feed.txt'), reason: 'a named pipe, not a file' });
  }, 60_000);
});
