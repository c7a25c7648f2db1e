// `tandem export` against the api job: the same filters give the same bytes, progress goes to
// stderr, and --json prints the report.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob, validateJob } from '../../src/api/contract.ts';
import { JobRunner, type JobSnapshot } from '../../src/api/jobs.ts';
import type { ExportReport } from '../../src/api/types.ts';
import { tempDir } from '../support/tmp.ts';
import { buildFixture, type Fixture } from './fixture.ts';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'tandem.js');
const dir = tempDir();
let f: Fixture;

function tandem(args: string[]) {
  const r = spawnSync(process.execPath, [bin, '--db', f.dbPath, '--models', join(dir, 'models'), ...args], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  f = await buildFixture(dir);
});
afterAll(() => f.tandem.close());

describe('tandem export', () => {
  it('writes the same bytes as the api job for the same filters, in every format', async () => {
    for (const format of ['tmx', 'tsv', 'jsonl', 'xliff'] as const) {
      const cliOut = join(dir, `cli.${format}`);
      const r = tandem(['--json', 'export', '--format', format, '--out', cliOut, '--status', 'exclude-rejected', '--min-score', '0.7', '--lang', 'de', '--doc', `${f.docs.nl},${f.docs.de}`, '--pair', 'all']);
      expect(r.status, r.stderr).toBe(0);
      const report = JSON.parse(r.stdout) as ExportReport;
      expect(report).toMatchObject({ file: cliOut, format, pairs: 9, skipped: 0, bytes: readFileSync(cliOut).length, droppedChars: 0, langs: ['de'] });
      expect(r.stderr).toMatch(/^export: 9\/9 /mu);

      const apiOut = join(dir, `api.${format}`);
      const job = validateJob('export', { format, out: apiOut, status: 'exclude-rejected', minScore: 0.7, langs: ['de'], documentIds: [f.docs.de, f.docs.nl], pair: 'all' });
      const apiReport = await runJob(f.tandem, job, { signal: new AbortController().signal, onProgress: () => undefined }) as ExportReport;
      expect(apiReport.pairs).toBe(9);
      expect(readFileSync(apiOut).equals(readFileSync(cliOut)), format).toBe(true);
    }
  });

  it('runs as a background job for the app, with progress events', async () => {
    const runner = new JobRunner(f.tandem);
    const phases: string[] = [];
    runner.subscribe((e) => e.job.progress && phases.push(e.job.progress.phase));
    // The runner's own event says when the job has finished (start() returns before any of its work runs).
    let finish!: (job: JobSnapshot) => void;
    const finished = new Promise<JobSnapshot>((resolve) => (finish = resolve));
    runner.subscribe((e) => e.job.state !== 'running' && finish(e.job));
    const started = runner.start('export', { format: 'tmx', out: join(dir, 'job.tmx') });
    const done = await finished;
    expect(done.id).toBe(started.id);
    expect(runner.list().find((j) => j.id === started.id)).toEqual(done);
    expect(done.state, done.error).toBe('done');
    expect(done.result).toMatchObject({ format: 'tmx', pairs: 15 });
    expect(phases).toContain('export');
    expect(readFileSync(join(dir, 'job.tmx'), 'utf8')).toMatch(/<\/tmx>\n$/u);
  });

  it('prints a summary without --json, and exits 2 on bad flags', () => {
    const r = tandem(['export', '--format', 'tsv', '--out', join(dir, 'all.tsv'), '--status', 'all']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^19 pairs written to .*all\.tsv \(tsv, de-en: 15, de-nl: 4, \d+ bytes\)/u);
    for (const bad of [['--format', 'pdf'], ['--min-score', 'high'], ['--lang', 'fr'], ['--doc', 'x'], ['--status', 'some'], ['--pair', 'de-de'], ['--pair', 'fr-en'], ['--pair', 'bilingual']]) {
      const res = tandem(['export', '--format', 'tsv', '--out', join(dir, 'bad.tsv'), ...bad]);
      expect(res.status, bad.join(' ')).toBe(2);
    }
    expect(existsSync(join(dir, 'bad.tsv'))).toBe(false);
    // without --format, the extension of --out says it (else TMX)
    const byExt = tandem(['--json', 'export', '--out', join(dir, 'by-ext.jsonl'), '--status', 'all', '--pair', 'de-nl']);
    expect(byExt.status, byExt.stderr).toBe(0);
    expect(JSON.parse(byExt.stdout)).toMatchObject({ format: 'jsonl', pair: 'de-nl', pairs: 4, languagePairs: { 'de-nl': 4 } });
    expect(readFileSync(join(dir, 'by-ext.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).target.lang)).toEqual(['nl', 'nl', 'nl', 'nl']);
    const missing = tandem(['export', '--format', 'tsv', '--out', join(dir, 'x.tsv'), '--story', 'e999']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/No story e999/u);
  });
});
