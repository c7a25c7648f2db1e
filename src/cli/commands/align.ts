// `tandem align A B` and `tandem review ALIGNMENT ACTION [BEAD...]`: batch review of beads.
import { REVIEW_ACTIONS, type ReviewAction } from '../../common/index.ts';
import { query, withTandem } from '../engine.ts';
import { documentId, print, UsageError } from '../shared.ts';
import { operation, OPERATIONS, type OperationFlags } from './operations.ts';

export async function align(a: string, b: string, flags: { passages?: boolean }): Promise<void> {
  const input = { a: documentId(a), b: documentId(b), mode: flags.passages ? ('passages' as const) : undefined };
  const alignment = await withTandem((t) => query(t, 'align', input));
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
    if (action === 'undo') return (await query(t, 'undo', { alignmentId })).alignment;
    const targets = minScore === undefined ? beadIds : (await query(t, 'alignment', { alignmentId })).beads.filter((b) => b.status === 'pending' && b.score >= minScore).map((b) => b.id);
    let last = await query(t, 'alignment', { alignmentId });
    for (const beadId of targets) last = await query(t, 'review', { alignmentId, beadId, action: action as ReviewAction });
    return last;
  });
  const count = (s: string) => result.beads.filter((b) => b.status === s).length;
  print(result, () => `alignment ${result.id}: ${count('accepted')} accepted, ${count('rejected')} rejected, ${count('pending')} pending`);
}
