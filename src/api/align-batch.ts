// Aligning in bulk: every pair `match` found (down to a level), and/or every document against its
// own English, in one job with progress and cancel. Each alignment is saved on its own (the
// store's transaction), so a cancel or a failure leaves what was saved whole and the rest
// untouched; running it again reuses what is stored and still valid.
import { z } from 'zod';
import { CancelledError, MATCH_LEVELS, SOURCE_LANGS, type JobControl, type MatchLevel } from '../common/index.ts';
import type { Tandem } from './service.ts';

export const AlignBatchInput = z.object({
  /** Every matched pair of documents, of `level` or closer. */
  matched: z.boolean().default(false),
  /** Every translatable document against its own English (translation review). */
  self: z.boolean().default(false),
  /** The loosest match level taken: same_event takes duplicate and same_event pairs; same_story (default) every matched pair. */
  level: z.enum(['same_event', 'same_story']).default('same_story'),
  /** How matched pairs are aligned: sentence by sentence in order (translations, versions), or as passages (independent reports). */
  mode: z.enum(['monotonic', 'passages']).default('monotonic'),
}).refine((i) => i.matched || i.self, 'choose matched pairs, each document against its English (self), or both');

export interface AlignBatchItem {
  a: number;
  b: number;
  mode: 'monotonic' | 'passages' | 'translation';
  /** The alignment id; null when it failed or the job stopped before it. */
  alignment: number | null;
  /** new: computed and saved now; stored: a valid or reviewed alignment already there; failed: see error. */
  outcome: 'new' | 'stored' | 'failed';
  beads: number;
  error?: string;
}

export interface AlignBatchReport {
  /** Pairs the batch had to align (matched pairs and documents). */
  total: number;
  aligned: number;
  stored: number;
  failed: number;
  /** Pairs not reached because the job was cancelled. */
  notReached: number;
  cancelled: boolean;
  items: AlignBatchItem[];
}

const closeEnough = (level: MatchLevel, loosest: 'same_event' | 'same_story') => MATCH_LEVELS.indexOf(level) <= MATCH_LEVELS.indexOf(loosest);

/** The pairs a batch aligns, matched pairs first (closest first, as `match` lists them), then documents against their English. */
async function batchPairs(t: Tandem, input: z.output<typeof AlignBatchInput>): Promise<Pick<AlignBatchItem, 'a' | 'b' | 'mode'>[]> {
  const out: Pick<AlignBatchItem, 'a' | 'b' | 'mode'>[] = [];
  if (input.matched) {
    for (const m of await t.store.matches()) if (m.level !== 'unrelated' && closeEnough(m.level, input.level)) out.push({ a: m.a, b: m.b, mode: input.mode });
  }
  if (input.self) {
    for (const d of await t.store.listDocuments()) {
      if (d.status !== 'unsupported' && (SOURCE_LANGS as readonly (string | null)[]).includes(d.lang)) out.push({ a: d.id, b: d.id, mode: 'translation' });
    }
  }
  return out;
}

export async function alignBatch(t: Tandem, input: z.output<typeof AlignBatchInput>, control: JobControl = {}): Promise<AlignBatchReport> {
  const pairs = await batchPairs(t, input);
  const items: AlignBatchItem[] = [];
  const started = performance.now();
  let cancelled = false;
  const progress = (done: number, item?: string) => {
    const seconds = (performance.now() - started) / 1000;
    control.onProgress?.({ phase: 'align', done, total: pairs.length, item, perSecond: done / Math.max(seconds, 1e-3), etaSeconds: done ? ((pairs.length - done) * seconds) / done : undefined });
  };
  progress(0);
  for (const [i, p] of pairs.entries()) {
    if (control.signal?.aborted) {
      cancelled = true;
      break;
    }
    const item = p.a === p.b ? `document ${p.a} with its English` : `documents ${p.a} ~ ${p.b}`;
    try {
      const stored = await t.storedAlignment(p.a, p.b, p.mode);
      const alignment = stored ?? (await t.align(p.a, p.b, p.mode, { signal: control.signal }));
      items.push({ ...p, alignment: alignment.id, outcome: stored ? 'stored' : 'new', beads: alignment.beads.length });
    } catch (err) {
      if (err instanceof CancelledError || control.signal?.aborted) {
        cancelled = true;
        break;
      }
      items.push({ ...p, alignment: null, outcome: 'failed', beads: 0, error: err instanceof Error ? err.message : String(err) });
    }
    progress(i + 1, item);
  }
  const count = (o: AlignBatchItem['outcome']) => items.filter((x) => x.outcome === o).length;
  return { total: pairs.length, aligned: count('new'), stored: count('stored'), failed: count('failed'), notReached: pairs.length - items.length, cancelled, items };
}
