// The api table every face uses: validation at the boundary, and jobs that report and cancel.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, runQuery } from '../../src/api/contract.ts';
import { JobRunner, type JobEvent, type JobSnapshot } from '../../src/api/jobs.ts';
import { Tandem } from '../../src/api/service.ts';
import { installTinyModels } from '../support/models.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir();
const samples = join(import.meta.dirname, '..', '..', 'samples');
let tandem: Tandem;
let runner: JobRunner;

beforeAll(async () => {
  const modelsDir = join(dir, 'models');
  const manifestPath = await installTinyModels(modelsDir, ['de', 'nl', 'is']);
  tandem = await Tandem.open({ dbPath: join(dir, 'tandem.db'), modelsDir, manifestPath });
  runner = new JobRunner(tandem);
});
afterAll(async () => {
  await runner.stop();
  await tandem.close();
});

function finished(id: string): Promise<{ final: JobSnapshot; events: JobEvent[] }> {
  const events: JobEvent[] = [];
  return new Promise((resolve) => {
    const off = runner.subscribe((e) => {
      if (e.job.id !== id) return;
      events.push(e);
      if (e.job.state !== 'running') {
        off();
        resolve({ final: e.job, events });
      }
    });
  });
}

describe('api contract', () => {
  it('rejects unknown methods and invalid input with an ApiError that says what is wrong', async () => {
    await expect(runQuery(tandem, 'dropTables', {})).rejects.toMatchObject({ code: 'unknown_method' });
    await expect(runQuery(tandem, 'sentences', { id: 'one' })).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(/sentences: id: .*number/) });
    await expect(runQuery(tandem, 'document', { id: 999 })).rejects.toBeInstanceOf(ApiError);
    expect(() => runner.start('ingest', { paths: [] })).toThrow(/ingest: paths/);
    expect(() => runner.start('ingest', { paths: ['x'], options: { lang: 'fr' } })).toThrow(ApiError);
  });

  it('runs an ingest job with progress events and a result', async () => {
    const job = runner.start('ingest', { paths: [samples] });
    expect(job.state).toBe('running');
    const { final, events } = await finished(job.id);
    expect(final.state).toBe('done');
    expect((final.result as { documents: unknown[] }).documents).toHaveLength(5);
    expect(events.some((e) => e.job.progress?.phase === 'ingest' && e.job.progress.total === 5)).toBe(true);
    const docs = (await runQuery(tandem, 'documents', {})) as { lang: string }[];
    expect(docs.map((d) => d.lang)).toEqual(['de', 'is', 'nl', 'de', 'de']);
  });

  it('cancels a translate job, keeping what was saved', async () => {
    const translatedSentences = async () => ((await runQuery(tandem, 'documents', {})) as { translatedCount: number }[]).reduce((n, d) => n + d.translatedCount, 0);
    const total = ((await runQuery(tandem, 'documents', {})) as { sentenceCount: number }[]).reduce((n, d) => n + d.sentenceCount, 0);
    expect(await translatedSentences()).toBe(0);
    // Cancel on the job's first progress event: one batch is saved by then, and the job is mid-way.
    const cancelled: { at?: NonNullable<JobSnapshot['progress']>; accepted?: boolean } = {};
    const off = runner.subscribe((e) => {
      if (cancelled.at || !e.job.progress) return;
      cancelled.at = e.job.progress;
      cancelled.accepted = runner.cancel(e.job.id);
    });
    const job = runner.start('translate', {});
    const { final } = await finished(job.id);
    off();
    expect(cancelled.accepted).toBe(true);
    expect(cancelled.at?.phase).toBe('translate');
    expect(cancelled.at!.done).toBeLessThan(cancelled.at!.total);
    expect(final.state).toBe('cancelled');
    expect(runner.list().find((j) => j.id === job.id)?.state).toBe('cancelled');
    const saved = await translatedSentences();
    expect(saved).toBeGreaterThan(0);
    expect(saved).toBeLessThan(total);
    // A second run picks up where the first stopped and finishes.
    const again = runner.start('translate', {});
    const { final: second } = await finished(again.id);
    expect(second.state).toBe('done');
    const docs = (await runQuery(tandem, 'documents', {})) as { sentenceCount: number; translatedCount: number }[];
    expect(docs.every((d) => d.translatedCount === d.sentenceCount)).toBe(true);
    // The store records each translate run; the jobs themselves live only in the runner.
    expect(await runQuery(tandem, 'translationRuns', {})).toEqual([
      expect.objectContaining({ status: 'cancelled', detail: expect.stringMatching(/^\d+ of \d+ saved$/u) }),
      expect.objectContaining({ status: 'done' }),
    ]);
  });
});
