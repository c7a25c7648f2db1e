// `tandem align --matched | --self` as a script uses it: files to an export in three commands, in
// a temporary database, with progress on stderr, JSON on stdout, a second run reusing what is
// stored, and a cancel that keeps exactly the alignments finished before it.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JobRunner } from '../../src/api/jobs.ts';
import { Tandem } from '../../src/api/service.ts';
import { alignBatch } from '../../src/api/align-batch.ts';
import { tempDir } from '../support/tmp.ts';
import { elements, find, parseXml } from '../export/xml-check.ts';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'tandem.js');
const samples = join(root, 'samples');
const dir = tempDir();

function tandem(args: string[], db = 'samples.db') {
  const r = spawnSync(process.execPath, [bin, '--db', db, '--models', join(dir, 'models'), ...args], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('tandem align --matched / --self', () => {
  it('run samples && align --matched && export --status all writes bilingual pairs', () => {
    expect(tandem(['run', samples]).status).toBe(0);
    const matches = JSON.parse(tandem(['--json', 'match']).stdout).pairs as { a: number; b: number }[];
    expect(matches.length).toBeGreaterThan(0);

    const aligned = tandem(['--json', 'align', '--matched']);
    expect(aligned.status, aligned.stderr).toBe(0);
    const report = JSON.parse(aligned.stdout);
    expect(report).toMatchObject({ total: matches.length, aligned: matches.length, stored: 0, failed: 0, cancelled: false });
    expect(report.items.map((i: { a: number; b: number }) => [i.a, i.b])).toEqual(matches.map((m) => [m.a, m.b]));
    expect(aligned.stderr).toMatch(new RegExp(`^align: ${matches.length}/${matches.length} `, 'mu'));
    expect(JSON.parse(tandem(['--json', 'documents']).stdout).length).toBe(5);

    const exported = tandem(['export', '--status', 'all']);
    expect(exported.status, exported.stderr).toBe(0);
    const written = Number(/^(\d+) pairs written to (\S+)/u.exec(exported.stdout)![1]);
    expect(written).toBeGreaterThan(0);
    // de ~ de reports are no language pair: said, with how many
    expect(exported.stdout).toMatch(/skipped: \d+ the same language on both sides/u);
    const tmx = parseXml(readFileSync(join(dir, 'tandem-pairs.tmx'), 'utf8'), false);
    const tus = find(tmx, 'tu');
    expect(tus).toHaveLength(written);
    for (const tu of tus) {
      const langs = elements(tu).filter((e) => e.local === 'tuv').map((v) => v.attrs['xml:lang']);
      expect(langs).toHaveLength(2);
      expect(langs[0]).not.toBe(langs[1]);
      expect(langs).not.toContain('en');
    }

    // again: everything is stored and still valid, nothing is recomputed
    const again = JSON.parse(tandem(['--json', 'align', '--matched']).stdout);
    expect(again).toMatchObject({ total: matches.length, aligned: 0, stored: matches.length });
    expect(tandem(['align', '--matched', '--level', 'same_event']).stdout).toMatch(/^0 of 0 aligned/u);
  });

  it('--self aligns each document against its English; with no English the export says why and fails', () => {
    const self = tandem(['--json', 'align', '--self']);
    expect(self.status, self.stderr).toBe(0);
    expect(JSON.parse(self.stdout)).toMatchObject({ total: 5, aligned: 5 });
    const out = tandem(['export', '--pair', 'de-en', '--status', 'all', '--out', 'de-en.tsv']);
    expect(out.status).toBe(1);
    expect(out.stdout).toMatch(/^0 pairs written to .*de-en\.tsv \(tsv, /u);
    expect(out.stderr).toMatch(/0 pairs: \d+ skipped: \d+ without the English they need.*tandem translate/u);
  });

  it('an export with nothing aligned says what to run, and exits 1', () => {
    expect(tandem(['ingest', '--lang', 'de', join(samples, readdirSync(samples).find((n) => n.startsWith('000_'))!)], 'empty.db').status).toBe(0);
    const r = tandem(['export', '--out', 'none.tmx'], 'empty.db');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/0 pairs: nothing is aligned yet\. Run `tandem align --matched`.*or open a pair in Compare/u);
  });

  it('refuses mixed or missing arguments as usage errors', () => {
    for (const args of [['align', '--matched', '1'], ['align', '1', '2', '--level', 'same_event'], ['align'], ['align', '--self', '--level', 'same_story'], ['align', '--matched', '--level', 'duplicate']]) {
      expect(tandem(args).status, args.join(' ')).toBe(2);
    }
  });
});

describe('alignBatch cancel', () => {
  it('stops between pairs and keeps exactly the finished alignments, whole', async () => {
    const t = await Tandem.open({ dbPath: join(dir, 'cancel.db'), modelsDir: join(dir, 'models') });
    try {
      await t.ingest([samples], {});
      await t.match();
      const controller = new AbortController();
      const report = await alignBatch(t, { matched: true, self: false, level: 'same_story', mode: 'monotonic' }, {
        signal: controller.signal, onProgress: (p) => p.done >= 2 && controller.abort(),
      });
      expect(report.cancelled).toBe(true);
      expect(report.items).toHaveLength(2);
      expect(report.notReached).toBe(report.total - 2);
      const stored = await t.store.alignments();
      expect(stored.map((a) => a.id)).toEqual(report.items.map((i) => i.alignment));
      for (const item of report.items) expect((await t.alignment(item.alignment!)).beads).toHaveLength(item.beads);

      // as a job of the app: the runner reports it cancelled
      const runner = new JobRunner(t);
      const states: string[] = [];
      const done = new Promise<void>((resolve) => runner.subscribe((e) => {
        states.push(e.job.state);
        // cancelled as soon as it starts: it stops before its first pair
        if (e.job.state === 'running') runner.cancel(e.job.id);
        if (e.job.state !== 'running') resolve();
      }));
      runner.start('alignBatch', { matched: true, mode: 'passages' });
      await done;
      expect(states.at(-1)).toBe('cancelled');
      expect((await t.store.alignments()).filter((a) => a.mode === 'passages')).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
