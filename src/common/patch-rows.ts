// Applying a decision's answer (changed rows, removed bead ids) to the rows on screen, so the
// result equals the rows a full reload would give. Shared by the Compare view and the tests that
// check exactly that equality. No zod here: the renderer bundle imports it.

export interface PatchableRow {
  bead: { id: number; pos: number };
}

export interface RowPatch<R extends PatchableRow> {
  rows: R[];
  removed: number[];
  /** The rows are all the rows (a decision that renumbered sentences): they replace the current ones. */
  full?: boolean;
}

/** Rows ordered by bead position, without the removed beads, each changed row in place of its bead or inserted at its position. */
export function patchRows<R extends PatchableRow>(current: readonly R[], patch: RowPatch<R>): R[] {
  if (patch.full) return patch.rows;
  if (!patch.rows.length && !patch.removed.length) return current as R[];
  const gone = new Set(patch.removed);
  const byId = new Map(patch.rows.map((r) => [r.bead.id, r]));
  const out: R[] = [];
  for (const r of current) {
    if (gone.has(r.bead.id)) continue;
    const changed = byId.get(r.bead.id);
    if (changed) byId.delete(r.bead.id);
    out.push(changed ?? r);
  }
  if (!byId.size) return out;
  // New beads (a merge, a split, an undo): merged in by position; both lists are in order.
  const added = [...byId.values()].sort((x, y) => x.bead.pos - y.bead.pos);
  const merged: R[] = [];
  let i = 0;
  for (const r of added) {
    while (i < out.length && out[i]!.bead.pos < r.bead.pos) merged.push(out[i++]!);
    merged.push(r);
  }
  while (i < out.length) merged.push(out[i++]!);
  return merged;
}
