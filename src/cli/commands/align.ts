// `tandem align A B` and `tandem review ALIGNMENT ACTION [BEAD...]`: batch review of beads.
import { REVIEW_ACTIONS, STATUS_ACTIONS, type ReviewAction, type StatusAction } from '../../common/index.ts';
import { checkJob, job, query, withTandem } from '../engine.ts';
import { documentId, print, UsageError } from '../shared.ts';
import { operation, OPERATIONS, type OperationFlags } from './operations.ts';

export async function align(a: string, b: string, flags: { passages?: boolean }): Promise<void> {
  const input = { a: documentId(a), b: documentId(b), mode: flags.passages ? ('passages' as const) : undefined };
  const checked = checkJob('align', input);
  const alignment = await withTandem(async (t, control) => query(t, 'alignment', { alignmentId: (await job(t, checked, control)).id }));
  const out = { id: alignment.id, a: alignment.aDoc, b: alignment.bDoc, mode: alignment.mode, reviewed: alignment.reviewed, beads: alignment.beads };
  print(out, () => [`alignment ${alignment.id} (${alignment.mode}${alignment.reviewed ? ', reviewed' : ''})`, ...alignment.beads.map((x) => `  bead ${String(x.id).padEnd(6)} ${x.kind.padEnd(5)} ${x.score.toFixed(2)} ${x.status.padEnd(8)} [${x.a.join(',')}] ~ [${x.b.join(',')}]`)].join('\n'));
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
