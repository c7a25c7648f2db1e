// Aligning as a job: progress while it runs, cancellable (nothing stored then), and a pair
// aligned before opens at once through `storedAlignment`.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runQuery } from '../../src/api/contract.ts';
import { JobRunner, type JobSnapshot } from '../../src/api/jobs.ts';
import { Tandem } from '../../src/api/service.ts';
import { ingestGeneratedPair } from '../support/generated-pair.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir();
let tandem: Tandem;
let runner: JobRunner;
let pair: { a: number; b: number };

beforeAll(async () => {
  tandem = await Tandem.open({ dbPath: join(dir, 'tandem.db'), modelsDir: join(dir, 'models') });
  runner = new JobRunner(tandem);
  pair = await ingestGeneratedPair(tandem, dir, 1200);
}, 120_000);
afterAll(async () => {
  await runner.stop();
  await tandem.close();
});

/** Starts a job and collects its events until it ends; `onRunning` sees each running snapshot. */
function run(method: string, input: unknown, onRunning: (s: JobSnapshot) => void = () => undefined): Promise<JobSnapshot[]> {
  return new Promise((resolve) => {
    const seen: JobSnapshot[] = [];
    let id = '';
    const off = runner.subscribe(({ job }) => {
      if (job.id !== id) return;
      seen.push(job);
      if (job.state === 'running') onRunning(job);
      else {
        off();
        resolve(seen);
      }
    });
    id = runner.start(method, input).id;
  });
}

describe('the align job', () => {
  it('is cancelled at the first progress it reports, and stores nothing', async () => {
    const events = await run('align', { a: pair.a, b: pair.b }, (s) => {
      if (s.progress) runner.cancel(s.id);
    });
    expect(events.at(-1)!.state).toBe('cancelled');
    expect(events.some((e) => e.progress?.phase === 'align')).toBe(true);
    expect(await runQuery(tandem, 'storedAlignment', { a: pair.a, b: pair.b })).toBeNull();
    expect(await tandem.store.alignments()).toEqual([]);
  }, 60_000);

  it('reports growing progress up to its total, then answers with the stored alignment', async () => {
    const events = await run('align', { a: pair.a, b: pair.b });
    const last = events.at(-1)!;
    expect(last.state, last.error).toBe('done');
    const progress = events.map((e) => e.progress).filter((p) => p !== null);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.every((p) => p.phase === 'align' && p.total > 0 && p.done <= p.total)).toBe(true);
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((x, y) => x - y));
    expect(progress.at(-1)!.done).toBe(progress.at(-1)!.total);
    expect(progress.some((p) => p.done > 0 && p.done < p.total)).toBe(true);
    const result = last.result as { id: number; rows: number; beads?: unknown };
    expect(result.rows).toBe(1200);
    expect(result.beads).toBeUndefined();
    // Stored now: the query finds it without aligning again, as the beads the job made.
    const stored = await runQuery(tandem, 'storedAlignment', { a: pair.a, b: pair.b }) as { id: number; beads: { a: number[]; b: number[] }[] };
    expect(stored.id).toBe(result.id);
    expect(stored.beads.map((b) => [b.a, b.b])).toEqual([...Array(1200).keys()].map((i) => [[i], [i]]));
    // A second run of the job answers with the same alignment.
    const again = await run('align', { a: pair.a, b: pair.b });
    expect((again.at(-1)!.result as { id: number }).id).toBe(result.id);
  }, 120_000);
});
