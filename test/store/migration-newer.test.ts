// A database written by a newer Tandem (a schema version this build does not know) is refused,
// and left exactly as it was: not a byte changed (not even the journal mode in its header), no
// -wal or -shm file left beside it, whether it is opened for writing or read-only.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseError, Store } from '../../src/store/index.ts';
import { migrations } from '../../src/store/migrations/index.ts';
import { tempDir } from '../support/tmp.ts';
import { rawExec as exec } from '../support/sqlite.ts';

const dir = tempDir();
const latest = migrations.at(-1)!.version;


/** What a future Tandem could leave: today's schema, one more table, a later version. */
async function newerDatabase(path: string, journal: 'wal' | 'delete'): Promise<void> {
  await exec(path, `PRAGMA journal_mode = ${journal};
    ${migrations.map((m) => m.sql).join('\n')}
    CREATE TABLE future_things (id INTEGER PRIMARY KEY, what TEXT NOT NULL);
    INSERT INTO future_things (what) VALUES ('kept as it is');
    INSERT INTO translation_runs (status) VALUES ('running');
    PRAGMA user_version = ${latest + 1};`);
}

describe('a database from a newer Tandem', () => {
  for (const journal of ['wal', 'delete'] as const) {
    for (const readOnly of [false, true]) {
      it(`is refused without being touched (${journal} journal, opened ${readOnly ? 'read-only' : 'for writing'})`, async () => {
        const path = join(dir, `newer-${journal}-${readOnly ? 'ro' : 'rw'}.db`);
        await newerDatabase(path, journal);
        const bytes = readFileSync(path);
        const open = Store.open(path, { readOnly });
        await expect(open).rejects.toBeInstanceOf(DatabaseError);
        await expect(open).rejects.toMatchObject({ code: 'newer_schema' });
        await expect(open).rejects.toThrow(`${path} was written by a newer Tandem (schema ${latest + 1}, this build knows ${latest})`);
        expect(readFileSync(path).equals(bytes)).toBe(true);
        expect(existsSync(`${path}-wal`) || existsSync(`${path}-shm`) || existsSync(`${path}-journal`)).toBe(false);
      });
    }
  }
});
