// One decision on many beads of an alignment (the CLI's `tandem review ... --min-score`, and any
// face that decides a selection): read once, written in one transaction, undone in one step, so
// the cost grows with the number of beads and not with its square.
import { z } from 'zod';
import { ApiError, StatusAction } from '../common/index.ts';
import type { Store, StoredAlignment } from '../store/index.ts';
import { changedRows, type ReviewResult } from './review-result.ts';

/** Which beads: named by id (each decided even if it already has that status), or every pending bead scoring at least `minScore`. */
export const BatchSelection = z.object({
  action: StatusAction,
  beadIds: z.array(z.number().int().positive()).min(1).optional(),
  minScore: z.number().finite().optional(),
});
export type BatchSelection = z.infer<typeof BatchSelection>;

const STATUS = { accept: 'accepted', reject: 'rejected', reset: 'pending' } as const;

export async function reviewMany(store: Store, alignment: StoredAlignment, selection: BatchSelection): Promise<ReviewResult> {
  const { action, beadIds, minScore } = selection;
  if ((beadIds === undefined) === (minScore === undefined)) throw new ApiError('bad_request', 'reviewMany: name the beads or give minScore, not both');
  let targets;
  if (beadIds) {
    const byId = new Map(alignment.beads.map((b) => [b.id, b]));
    const missing = beadIds.filter((id) => !byId.has(id));
    if (missing.length) throw new ApiError('not_found', `No bead ${missing.join(', ')} in alignment ${alignment.id}`);
    const wanted = new Set(beadIds);
    targets = alignment.beads.filter((b) => wanted.has(b.id));
  } else {
    targets = alignment.beads.filter((b) => b.status === 'pending' && b.score >= minScore!);
  }
  if (targets.length === 0) return changedRows(store, alignment.id, {});
  const { written } = await store.reviewBeads(alignment.id, action, targets, targets.map((b) => ({ ...b, status: STATUS[action] })));
  return changedRows(store, alignment.id, { beads: written.map((b) => b.id) });
}
