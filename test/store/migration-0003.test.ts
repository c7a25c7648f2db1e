// Upgrade test for migration 0003 (match summary and container), in the Signal Desktop manner: a
// database at version 2 made from the released migrations, with rows as Tandem 2 wrote them, is
// opened by this Tandem; every row must survive and read back in the new shape.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/store/index.ts';
import { migrations } from '../../src/store/migrations/index.ts';
import { tempDir } from '../support/tmp.ts';
import { rawExec as exec } from '../support/sqlite.ts';

const dir = tempDir();


const OLD_EVIDENCE = JSON.stringify([{ kind: 'names', detail: '6 shared name(s) of 9/12', values: ['Lawrow / Lavrov'], weight: 0.5, decisive: true }]);

async function version2Database(path: string): Promise<void> {
  const upTo2 = migrations.filter((m) => m.version <= 2);
  expect(upTo2.map((m) => m.version)).toEqual([1, 2]);
  await exec(path, `${upTo2.map((m) => m.sql).join('\n')}
    PRAGMA user_version = 2;
    INSERT INTO documents (id, content_hash, path, file_name, format, encoding, byte_size, status, lang, lang_confidence, detected_lang, title, published, text)
      VALUES (1, 'h1', '/in/a.txt', 'a.txt', 'text', 'UTF-8', 40, 'ingested', 'de', 1, 'de', 'Lawrow in Pjöngjang', '2023-10-18', 'Lawrow ist in Pjöngjang.'),
             (2, 'h2', '/in/b.txt', 'b.txt', 'text', 'UTF-8', 40, 'ingested', 'nl', 1, 'nl', 'Lavrov in Pyongyang', '2023-10-19', 'Lavrov is in Pyongyang.');
    INSERT INTO fingerprints (document_id, source_hash, data) VALUES (1, 's1', '{"v":1}'), (2, 's2', '{"v":1}');
    INSERT INTO matches (a, b, score, level, basis, evidence) VALUES (1, 2, 0.61, 'same_event', 'language_independent', '${OLD_EVIDENCE}');
  `);
}

describe('migration 0003: match summary and container', () => {
  it('keeps every match of a version-2 database and reads it back with an empty summary and no container', async () => {
    const path = join(dir, 'v2.db');
    await version2Database(path);
    const store = await Store.open(path);
    expect(await store.schemaVersion()).toBe(migrations.at(-1)!.version);
    const [m] = await store.matches();
    expect(m).toEqual({ a: 1, b: 2, score: 0.61, level: 'same_event', basis: 'language_independent', evidence: JSON.parse(OLD_EVIDENCE), summary: '' });
    // fingerprints of the old version stay until the next match run makes them again
    expect((await store.fingerprints()).get(1)?.data).toBe('{"v":1}');
    expect(await store.integrityCheck()).toBe('ok');
    await store.close();
  });

  it('stores a summary and a container from then on', async () => {
    const path = join(dir, 'v2-new.db');
    await version2Database(path);
    const store = await Store.open(path);
    await store.replaceMatches({
      fingerprints: [{ documentId: 1, sourceHash: 's1b', data: '{"v":2}' }],
      matches: [{ a: 1, b: 2, score: 0.3, level: 'same_story', basis: 'language_independent', evidence: [], summary: 'Same story: a roundup.', container: 2 }],
      passages: [],
    });
    expect(await store.matches()).toEqual([{ a: 1, b: 2, score: 0.3, level: 'same_story', basis: 'language_independent', evidence: [], summary: 'Same story: a roundup.', container: 2 }]);
    await store.close();
  });
});
