// Where passages mode shows a run of unmatched sentences: after the row holding the sentence
// before it in its document, else before the row holding the sentence after it, else before the
// first row. The engine anchors the runs it answers with this rule, and the Compare view anchors
// them again against its rows after every decision it patches in (a merge or split changes which
// row holds a neighbour, and the row the engine named may be gone). No zod: the renderer imports it.

export interface AnchoredBead {
  pos: number;
  a: readonly number[];
  b: readonly number[];
}

export interface RunAnchor {
  /** The position of the row the run is shown beside; null when there is no row at all. */
  at: number | null;
  place: 'before' | 'after';
}

/** An anchor finder for one set of rows: builds the sentence → row map of each side once. */
export function runAnchors(beads: readonly AnchoredBead[]): (side: 'a' | 'b', first: number, last: number) => RunAnchor {
  const holders = { a: new Map<number, number>(), b: new Map<number, number>() };
  for (const b of beads) {
    for (const i of b.a) if (!holders.a.has(i)) holders.a.set(i, b.pos);
    for (const i of b.b) if (!holders.b.has(i)) holders.b.set(i, b.pos);
  }
  return (side, first, last) => {
    const before = first > 0 ? holders[side].get(first - 1) : undefined;
    if (before !== undefined) return { at: before, place: 'after' };
    const after = holders[side].get(last + 1);
    if (after !== undefined) return { at: after, place: 'before' };
    return beads[0] ? { at: beads[0].pos, place: 'before' } : { at: null, place: 'before' };
  };
}
