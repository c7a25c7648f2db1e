// Batch review: one decision on every bead of an alignment (what `tandem review ALIGNMENT accept
// --min-score X` does), through the api as the CLI calls it, at 1,000 beads against 100 beads in
// the same run: `reviewMany` (one read, one transaction) beside the per-bead loop the CLI used
// before (each `review` rereads the whole alignment). Linear means the ratio is about 10; the
// loop's is about 100. Prints one JSON object.
//   npx tsx bench/review-batch.ts [--large 1000] [--small 100] [--repeat 3]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runQuery } from '../src/api/contract.ts';
import { Tandem } from '../src/api/service.ts';
import { ingestGeneratedPair } from '../test/support/generated-pair.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const LARGE = arg('--large', 1000);
const SMALL = arg('--small', 100);
const REPEAT = arg('--repeat', 3);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const dir = mkdtempSync(join(tmpdir(), 'tandem-bench-batch-'));
try {
  const tandem = await Tandem.open({ dbPath: join(dir, 'bench.db'), modelsDir: join(dir, 'models') });
  const alignments = new Map<number, number>();
  for (const n of [SMALL, LARGE]) {
    const pair = await ingestGeneratedPair(tandem, dir, n);
    alignments.set(n, (await tandem.align(pair.a, pair.b, 'monotonic')).id);
  }
  /** Accepts every pending bead, then undoes it (one step for the batch, one per bead for the loop). */
  const batch = async (alignmentId: number) => {
    const t0 = performance.now();
    await runQuery(tandem, 'reviewMany', { alignmentId, action: 'accept', minScore: 0 });
    const ms = performance.now() - t0;
    await runQuery(tandem, 'undo', { alignmentId });
    return ms;
  };
  const loop = async (alignmentId: number) => {
    const t0 = performance.now();
    const beads = (await tandem.alignment(alignmentId)).beads.filter((b) => b.status === 'pending');
    for (const b of beads) {
      await runQuery(tandem, 'alignment', { alignmentId });
      await runQuery(tandem, 'review', { alignmentId, beadId: b.id, action: 'accept' });
    }
    const ms = performance.now() - t0;
    for (let i = 0; i < beads.length; i++) await runQuery(tandem, 'undo', { alignmentId });
    return ms;
  };
  const measure = async (fn: (id: number) => Promise<number>, n: number, repeat: number) => {
    const runs: number[] = [];
    for (let i = 0; i < repeat; i++) runs.push(await fn(alignments.get(n)!));
    return { beads: n, medianMs: Math.round(median(runs) * 10) / 10, runs: runs.map(Math.round) };
  };
  const reviewMany = { small: await measure(batch, SMALL, REPEAT), large: await measure(batch, LARGE, REPEAT) };
  const perBead = { small: await measure(loop, SMALL, 1), large: await measure(loop, LARGE, 1) };
  const ratio = (x: { small: { medianMs: number }; large: { medianMs: number } }) => Math.round((x.large.medianMs / x.small.medianMs) * 100) / 100;
  console.log(JSON.stringify({
    bench: 'review-batch',
    beadsRatio: LARGE / SMALL,
    reviewMany: { ...reviewMany, ratio: ratio(reviewMany) },
    perBeadLoopBefore: { ...perBead, ratio: ratio(perBead) },
    speedupAtLarge: Math.round((perBead.large.medianMs / reviewMany.large.medianMs) * 10) / 10,
  }, null, 2));
  await tandem.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
