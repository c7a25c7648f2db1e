// Bad input gets a clear outcome naming the file, other files still go in, and the database
// stays sound.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, openSync, closeSync, writeFileSync, writeSync, unlinkSync, chownSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tandem } from '../../src/api/service.ts';
import type { IngestedDocument } from '../../src/api/types.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir();
const inbox = join(dir, 'inbox');
let tandem: Tandem;

const GERMAN = 'Der russische Außenminister Sergej Lawrow traf am Montag in Peking ein. Die Gespräche über die Lage in der Ukraine dauerten bis in die Nacht. Straßenblockaden und Übergänge wurden geschlossen, teilte das Ministerium mit.\n';
const ICELANDIC = 'Utanríkisráðherra Rússlands mun fara í tveggja daga heimsókn til Kína frá og með mánudegi. Þeir munu einnig ræða svæðisbundin og alþjóðleg málefni sem varða sameiginlega hagsmuni, sagði hann. Það er fyrsta heimsókn hans til landsins síðan faraldurinn braust út.\n';
const FRENCH = "Le ministre russe des Affaires étrangères est arrivé lundi à Pékin pour des entretiens sur la guerre en Ukraine. Les deux pays ont annoncé un partenariat sans limites en février 2022, quelques jours avant l'invasion.\n";
// A real 1x1 PNG.
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6300010000050001' + '0d0a2db40000000049454e44ae426082', 'hex');

function byName(docs: IngestedDocument[], name: string): IngestedDocument {
  const d = docs.find((x) => x.path.endsWith(`/${name}`));
  if (!d) throw new Error(`no result for ${name}`);
  return d;
}

beforeAll(async () => {
  mkdirSync(inbox, { recursive: true });
  writeFileSync(join(inbox, 'a-empty.txt'), '');
  writeFileSync(join(inbox, 'b-image.txt'), PNG);
  writeFileSync(join(inbox, 'c-cp1252.txt'), iconv.encode(GERMAN, 'windows-1252'));
  writeFileSync(join(inbox, 'd-utf16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(ICELANDIC, 'utf16le')]));
  writeFileSync(join(inbox, 'e-french.txt'), FRENCH);
  writeFileSync(join(inbox, 'f-vanishing.txt'), GERMAN);
  writeFileSync(join(inbox, 'g-good.txt'), GERMAN.replace('Montag', 'Dienstag'));
  writeFileSync(join(inbox, 'h-photo.png'), PNG);
  // 50 MB of text, written in chunks.
  const fd = openSync(join(inbox, 'i-huge.txt'), 'w');
  const chunk = Buffer.from(GERMAN.repeat(2000));
  for (let written = 0; written < 50 * 1024 * 1024; written += chunk.length) writeSync(fd, chunk);
  closeSync(fd);
  tandem = await Tandem.open({ dbPath: join(dir, 'tandem.db'), modelsDir: join(dir, 'models') });
});
afterAll(() => tandem.close());

describe('bad input', () => {
  it('gives each file the right outcome with a message naming it, and ingests the rest', async () => {
    const report = await tandem.ingest([inbox], {}, {
      // The file disappears after the run has listed it.
      onProgress: (p) => {
        if (p.item === 'e-french.txt') unlinkSync(join(inbox, 'f-vanishing.txt'));
      },
    });
    const docs = report.documents;
    expect(byName(docs, 'a-empty.txt')).toMatchObject({ status: 'rejected', errorCode: 'empty' });
    expect(byName(docs, 'a-empty.txt').error).toMatch(/^a-empty\.txt: /);
    expect(byName(docs, 'b-image.txt')).toMatchObject({ status: 'rejected', errorCode: 'binary' });
    expect(byName(docs, 'b-image.txt').error).toMatch(/b-image\.txt.*PNG/);
    expect(byName(docs, 'c-cp1252.txt')).toMatchObject({ status: 'ingested', lang: 'de', sentences: 3 });
    expect(byName(docs, 'c-cp1252.txt').encoding).toMatch(/1252|8859/i);
    expect(byName(docs, 'd-utf16.txt')).toMatchObject({ status: 'ingested', lang: 'is', sentences: 3, encoding: expect.stringMatching(/utf-?16/i) });
    expect(byName(docs, 'e-french.txt')).toMatchObject({ status: 'unsupported', lang: null, errorCode: 'unsupported_language' });
    expect(byName(docs, 'e-french.txt').error).toMatch(/e-french\.txt.*French/);
    expect(byName(docs, 'f-vanishing.txt')).toMatchObject({ status: 'rejected', errorCode: 'unreadable' });
    expect(byName(docs, 'f-vanishing.txt').error).toMatch(/f-vanishing\.txt.*not found/);
    expect(byName(docs, 'g-good.txt')).toMatchObject({ status: 'ingested', lang: 'de' });
    expect(byName(docs, 'i-huge.txt')).toMatchObject({ status: 'rejected', errorCode: 'too_large' });
    expect(byName(docs, 'i-huge.txt').error).toMatch(/i-huge\.txt: 50\.\d MB .*--max-size/);
    // Not an article extension inside a folder: listed as skipped, not silently ignored.
    expect(report.skipped.map((s) => s.path.split('/').pop())).toEqual(['h-photo.png']);

    const stored = await tandem.documents();
    expect(stored.map((d) => d.fileName).sort()).toEqual(['c-cp1252.txt', 'd-utf16.txt', 'e-french.txt', 'g-good.txt']);
    const cp = stored.find((d) => d.fileName === 'c-cp1252.txt')!;
    expect((await tandem.sentences(cp.id)).map((s) => s.text).join(' ')).toContain('Straßenblockaden und Übergänge');
    const is = stored.find((d) => d.fileName === 'd-utf16.txt')!;
    expect((await tandem.sentences(is.id))[1]!.text).toMatch(/^Þeir munu/);
    expect(await tandem.store.integrityCheck()).toBe('ok');
  });

  it('rejects a binary file named directly, whatever its extension', async () => {
    const [doc] = (await tandem.ingest([join(inbox, 'h-photo.png')])).documents;
    expect(doc).toMatchObject({ status: 'rejected', errorCode: 'binary' });
  });

  it('accepts a large file when the limit is raised, with every sentence intact', async () => {
    const big = join(dir, 'big.txt');
    writeFileSync(big, Array.from({ length: 20000 }, (_, i) => `Absatz ${i}: ${GERMAN}`).join('\n'));
    const [doc] = (await tandem.ingest([big], { maxBytes: 64 * 1024 * 1024 })).documents;
    expect(doc).toMatchObject({ status: 'ingested', lang: 'de', sentences: 60000 });
  });

  it('reports a file it has no permission to read', async () => {
    const locked = join(inbox, 'locked.txt');
    writeFileSync(locked, GERMAN);
    chmodSync(locked, 0o000);
    if (process.getuid?.() !== 0) {
      const [doc] = (await tandem.ingest([locked])).documents;
      expect(doc).toMatchObject({ status: 'rejected', errorCode: 'unreadable' });
      expect(doc!.error).toMatch(/locked\.txt.*permission denied/);
      return;
    }
    // Root reads anything: run the CLI as an unprivileged user against a database it owns.
    const nobodyDir = join(dir, 'nobody');
    mkdirSync(nobodyDir, { mode: 0o777 });
    chmodSync(dir, 0o755);
    chownSync(nobodyDir, 65534, 65534);
    const result = spawnSync(process.execPath, [join(import.meta.dirname, '..', '..', 'bin', 'tandem.js'), '--db', join(nobodyDir, 't.db'), '--json', 'ingest', locked], {
      uid: 65534, gid: 65534, encoding: 'utf8', env: { ...process.env, HOME: nobodyDir },
    });
    expect(result.status, result.stderr).toBe(1);
    const [doc] = JSON.parse(result.stdout).documents as IngestedDocument[];
    expect(doc).toMatchObject({ status: 'rejected', errorCode: 'unreadable' });
    expect(doc!.error).toMatch(/locked\.txt.*permission denied/);
  });

  it('ingests a folder of 2,000 small files', async () => {
    const many = join(dir, 'many');
    for (let i = 0; i < 2000; i++) {
      const sub = join(many, `batch-${Math.floor(i / 500)}`);
      if (i % 500 === 0) mkdirSync(sub, { recursive: true });
      writeFileSync(join(sub, `article-${i}.txt`), `Meldung Nummer ${i}: Der Minister traf am Montag seinen Amtskollegen in Berlin. Die Gespräche dauerten drei Stunden.\n`);
    }
    const report = await tandem.ingest([many]);
    expect(report.documents).toHaveLength(2000);
    expect(report.documents.every((d) => d.status === 'ingested' && d.lang === 'de' && d.sentences === 2)).toBe(true);
    expect(await tandem.store.integrityCheck()).toBe('ok');
  }, 180_000);
});
