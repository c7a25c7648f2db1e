// The `tandem` command as a script would use it: JSON contracts, exit codes, and a translate run
// killed half-way that loses nothing and redoes nothing on the next run.
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { installTinyModels } from '../support/models.ts';
import { tempDir } from '../support/tmp.ts';
import { rawQuery as query } from '../support/sqlite.ts';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'tandem.js');
const dir = tempDir();
const modelsDir = join(dir, 'models');
let manifest = '';

function tandem(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, '--models', modelsDir, '--manifest', manifest, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, TANDEM_MODELS: '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}


beforeAll(async () => {
  manifest = await installTinyModels(modelsDir, ['de', 'nl', 'is']);
});

describe('tandem CLI', () => {
  it('runs the samples and prints the documented JSON', () => {
    const r = tandem(['--db', 'samples.db', '--json', 'run', join(root, 'samples')]);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.documents).toHaveLength(5);
    for (const d of out.documents) {
      expect(Object.keys(d)).toEqual(expect.arrayContaining(['id', 'path', 'lang', 'langConfidence', 'title', 'date', 'sentences', 'status', 'error']));
    }
    expect(out.documents.map((d: { lang: string }) => d.lang)).toEqual(['de', 'is', 'nl', 'de', 'de']);
    expect(out.translation).toMatchObject({ missingModels: [], fromMemory: expect.any(Number), byModel: expect.any(Number) });
    expect(out.translation.translated).toBe(out.documents.reduce((n: number, d: { sentences: number }) => n + d.sentences, 0));

    const again = JSON.parse(tandem(['--db', 'samples.db', '--json', 'run', join(root, 'samples')]).stdout);
    expect(again.documents.every((d: { status: string }) => d.status === 'duplicate')).toBe(true);
    expect(again.translation.byModel).toBe(0);

    const paragraphs = JSON.parse(tandem(['--db', 'samples.db', '--json', 'paragraphs', String(out.documents[3].id)]).stdout);
    // Boilerplate is set aside, not lost: the analyst can still see it and why.
    expect(paragraphs.filter((p: { dropped: string | null }) => p.dropped).map((p: { text: string }) => p.text)).toEqual(
      expect.arrayContaining(['[Anzeige_2]', 'Quellenlink', 'Kommentar (0)']),
    );

    const sentences = JSON.parse(tandem(['--db', 'samples.db', '--json', 'sentences', String(out.documents[3].id)]).stdout);
    expect(sentences[0]).toEqual({ index: 0, paragraph: 0, text: expect.stringMatching(/^Der russische Außenminister Lawrow/), translation: expect.any(String), start: 0, end: expect.any(Number), origin: 'model', provenance: null, revision: null });
  });

  it('exits 2 on usage errors and 1 on failures, with a message on stderr', () => {
    expect(tandem(['frobnicate']).status).toBe(2);
    const badLangs = tandem(['--db', 'samples.db', 'ingest', '--langs', 'de,fr', join(root, 'samples')]);
    expect(badLangs.status).toBe(2);
    expect(badLangs.stderr).toMatch(/--langs .*not fr/);
    const badDoc = tandem(['--db', 'samples.db', 'sentences', 'abc']);
    expect(badDoc.status).toBe(2);
    expect(badDoc.stderr).toMatch(/document id/);
    const missing = tandem(['--db', 'samples.db', 'sentences', '999']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/No document 999/);
    const rejected = tandem(['--db', 'samples.db', '--json', 'ingest', join(dir, 'does-not-exist.txt')]);
    expect(rejected.status).toBe(1);
    expect(JSON.parse(rejected.stdout).documents[0].error).toMatch(/does-not-exist\.txt: .*not found/);
  });

  it('loses nothing and redoes nothing when translate is killed half-way', async () => {
    const file = join(dir, 'many-sentences.txt');
    const lines = Array.from({ length: 400 }, (_, i) => `Der Minister sprach am Tag ${i} mit ${i % 7} Kollegen über die Lage im Land ${i * 3}.`);
    writeFileSync(file, lines.join('\n'));
    const db = join(dir, 'kill.db');
    expect(tandem(['--db', db, 'ingest', '--one-sentence-per-line', '--lang', 'de', file]).status).toBe(0);

    const child = spawn(process.execPath, [bin, '--models', modelsDir, '--manifest', manifest, '--db', db, 'translate'], { cwd: dir, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    let saved = 0;
    for (let tries = 0; tries < 600 && saved < 64; tries++) {
      await new Promise((r) => setTimeout(r, 50));
      saved = (await query<{ n: number }>(db, `SELECT count(*) AS n FROM translations WHERE origin = 'model'`))[0]!.n;
    }
    child.kill('SIGKILL');
    await exited;
    saved = (await query<{ n: number }>(db, `SELECT count(*) AS n FROM translations WHERE origin = 'model'`))[0]!.n;
    expect(saved).toBeGreaterThanOrEqual(64);
    expect(saved).toBeLessThan(400);

    const rerun = tandem(['--db', db, '--json', 'translate']);
    expect(rerun.status, rerun.stderr).toBe(0);
    const report = JSON.parse(rerun.stdout);
    expect(report.byModel).toBe(400 - saved);
    expect(report.fromMemory).toBe(saved);
    expect((await query<{ n: number }>(db, 'SELECT count(*) AS n FROM translations'))[0]!.n).toBe(400);
    expect((await query<{ r: string }>(db, 'PRAGMA integrity_check'))[0]).toEqual({ integrity_check: 'ok' });
  }, 120_000);
});
