// Upgrade test for migration 0004 (the jobs table becomes translation_runs), in the Signal Desktop
// manner: a database at version 3 made from the released migrations, with runs as Tandem 3 wrote
// them, is opened by this Tandem; every run must survive and read back, and new runs go on after it.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/store/index.ts';
import { migrations } from '../../src/store/migrations/index.ts';
import { tempDir } from '../support/tmp.ts';
import { rawExec as exec, rawQuery as query } from '../support/sqlite.ts';

const dir = tempDir();

async function version3Database(path: string): Promise<void> {
  const upTo3 = migrations.filter((m) => m.version <= 3);
  expect(upTo3.map((m) => m.version)).toEqual([1, 2, 3]);
  await exec(path, `${upTo3.map((m) => m.sql).join('\n')}
    PRAGMA journal_mode = WAL;
    PRAGMA user_version = 3;
    INSERT INTO jobs (id, kind, status, total, done, detail, started_at, finished_at)
      VALUES (1, 'translate', 'done', 3, 3, NULL, '2023-10-18T09:00:30.000Z', '2023-10-18T09:01:00.000Z'),
             (2, 'translate', 'cancelled', 5, 2, '2 of 5 saved', '2023-10-19T09:00:30.000Z', '2023-10-19T09:00:40.000Z'),
             (3, 'translate', 'running', 4, 1, NULL, '2023-10-20T09:00:30.000Z', NULL);
  `);
}

describe('migration 0004: translation runs', () => {
  it('keeps every run of a version-3 database, under the new name and without the kind column', async () => {
    const path = join(dir, 'v3.db');
    await version3Database(path);
    const before = await query<Record<string, unknown>>(path, 'SELECT * FROM jobs ORDER BY id');
    const store = await Store.open(path);
    expect(await store.schemaVersion()).toBe(migrations.at(-1)!.version);
    expect(await store.translationRuns()).toEqual([
      { id: 1, status: 'done', total: 3, done: 3, detail: null },
      { id: 2, status: 'cancelled', total: 5, done: 2, detail: '2 of 5 saved' },
      { id: 3, status: 'running', total: 4, done: 1, detail: null },
    ]);
    expect(await store.integrityCheck()).toBe('ok');
    await store.close();

    expect(await query(path, 'SELECT * FROM translation_runs ORDER BY id')).toEqual(before.map(({ kind: _kind, ...r }) => r));
    const tables = (await query<{ name: string }>(path, `SELECT name FROM sqlite_master WHERE type = 'table'`)).map((t) => t.name);
    expect(tables).toContain('translation_runs');
    expect(tables).not.toContain('jobs');
  });

  it('records new runs after the old ones, with their progress and end', async () => {
    const path = join(dir, 'v3-new.db');
    await version3Database(path);
    const store = await Store.open(path);
    const run = await store.startTranslationRun(7);
    expect(run).toBe(4);
    await store.updateTranslationRun(run, 7);
    await store.finishTranslationRun(run, 'done');
    expect((await store.translationRuns()).at(-1)).toEqual({ id: 4, status: 'done', total: 7, done: 7, detail: null });
    await store.close();
    const [row] = await query<{ finished_at: string | null }>(path, 'SELECT finished_at FROM translation_runs WHERE id = 4');
    expect(row?.finished_at).toMatch(/^\d{4}-\d\d-\d\dT/u);
  });
});
