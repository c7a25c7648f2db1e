// `tandem align A B` and `tandem review ALIGNMENT ACTION [BEAD...]`: batch review of beads.
import { REVIEW_ACTIONS, STATUS_ACTIONS, type ReviewAction, type StatusAction } from '../../common/index.ts';
import { checkJob, job, query, withTandem } from '../engine.ts';
import { documentId, print, UsageError } from '../shared.ts';
import { operation, OPERATIONS, type OperationFlags } from './operations.ts';

export async function align(a: string | undefined, b: string | undefined, flags: { passages?: boolean; matched?: boolean; self?: boolean; level?: 'same_event' | 'same_story' }): Promise<void> {
  if (flags.matched || flags.self) return alignBatch(a, flags);
  if (flags.level) throw new UsageError('--level goes with --matched');
  if (a === undefined || b === undefined) throw new UsageError('name two document ids (the same id twice: a document against its English), or give --matched or --self');
  const input = { a: documentId(a), b: documentId(b), mode: flags.passages ? ('passages' as const) : undefined };
  const checked = checkJob('align', input);
  const alignment = await withTandem(async (t, control) => query(t, 'alignment', { alignmentId: (await job(t, checked, control)).id }));
  const out = { id: alignment.id, a: alignment.aDoc, b: alignment.bDoc, mode: alignment.mode, reviewed: alignment.reviewed, beads: alignment.beads };
  print(out, () => [`alignment ${alignment.id} (${alignment.mode}${alignment.reviewed ? ', reviewed' : ''})`, ...alignment.beads.map((x) => `  bead ${String(x.id).padEnd(6)} ${x.kind.padEnd(5)} ${x.score.toFixed(2)} ${x.status.padEnd(8)} [${x.a.join(',')}] ~ [${x.b.join(',')}]`)].join('\n'));
}

/** `tandem align --matched [--level L] [--passages]` and/or `--self`: one job, progress on stderr, Ctrl-C keeps what was saved. */
async function alignBatch(a: string | undefined, flags: { passages?: boolean; matched?: boolean; self?: boolean; level?: 'same_event' | 'same_story' }): Promise<void> {
  if (a !== undefined) throw new UsageError('--matched and --self align in bulk: give no document ids');
  if (flags.level && !flags.matched) throw new UsageError('--level goes with --matched');
  const checked = checkJob('alignBatch', { matched: !!flags.matched, self: !!flags.self, level: flags.level, mode: flags.passages ? 'passages' : 'monotonic' });
  const report = await withTandem((t, control) => job(t, checked, control));
  print(report, () => {
    const lines = [`${report.aligned + report.stored} of ${report.total} aligned (${report.aligned} new, ${report.stored} already stored)${report.failed ? `, ${report.failed} failed` : ''}`];
    for (const x of report.items.filter((i) => i.outcome === 'failed')) lines.push(`  ${x.a} ~ ${x.b}: ${x.error}`);
    if (report.cancelled) lines.push(`cancelled: ${report.notReached} not aligned (what was saved is kept; run it again to go on)`);
    if (!report.total) lines.push(flags.matched ? 'nothing to align: no matched pairs (run `tandem match` first, or try --level same_story)' : 'nothing to align: no translatable documents');
    return lines.join('\n');
  });
  if (report.cancelled || report.failed) process.exitCode = 1;
}

const ACTIONS = [...REVIEW_ACTIONS, 'undo'] as const;

export async function review(alignment: string, action: string, beads: string[], flags: { minScore?: string } & OperationFlags): Promise<void> {
  if (OPERATIONS.includes(action)) return operation(alignment, action, beads, flags);
  const alignmentId = documentId(alignment);
  if (!(ACTIONS as readonly string[]).includes(action)) throw new UsageError(`action must be one of ${[...ACTIONS, ...OPERATIONS].join(', ')}, not "${action}"`);
  const minScore = flags.minScore === undefined ? undefined : Number(flags.minScore);
  if (minScore !== undefined && (!Number.isFinite(minScore) || (action !== 'accept' && action !== 'reject'))) throw new UsageError('--min-score takes a number and goes with accept or reject');
  const beadIds = beads.map((b) => {
    const n = Number(b);
    if (!Number.isInteger(n) || n <= 0) throw new UsageError(`bead ids are positive integers, not "${b}"`);
    return n;
  });
  if (action !== 'undo' && minScore === undefined && beadIds.length === 0) throw new UsageError('name the beads, or give --min-score');
  const result = await withTandem(async (t) => {
    if (action === 'undo') await query(t, 'undo', { alignmentId });
    else if (minScore !== undefined) await query(t, 'reviewMany', { alignmentId, action: action as StatusAction, minScore });
    else if ((STATUS_ACTIONS as readonly string[]).includes(action)) await query(t, 'reviewMany', { alignmentId, action: action as StatusAction, beadIds });
    // merge and split change the beads after them: one at a time, in the order given
    else for (const beadId of beadIds) await query(t, 'review', { alignmentId, beadId, action: action as ReviewAction });
    return query(t, 'alignment', { alignmentId });
  });
  const count = (s: string) => result.beads.filter((b) => b.status === s).length;
  print(result, () => `alignment ${result.id}: ${count('accepted')} accepted, ${count('rejected')} rejected, ${count('pending')} pending`);
}
