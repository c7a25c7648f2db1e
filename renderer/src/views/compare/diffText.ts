// What one side of a row shows of the word diff: its runs in order, each marked when it is not in
// the other side. The runs concatenate to exactly that side's English (src/align/diff.ts).
// Imports no .tsx, so the engine's tests can run it on the service's own answers.
import type { QueryResult } from '../../api/client.ts';

export type DiffParts = NonNullable<QueryResult<'compare'>['rows'][number]['diff']>;
type Side = 'a' | 'b';

export interface SideRun {
  text: string;
  changed: boolean;
}

export function sideRuns(parts: DiffParts, side: Side): SideRun[] {
  const out: SideRun[] = [];
  for (const p of parts) {
    if (side === 'a' && p.added) continue;
    if (side === 'b' && p.removed) continue;
    const changed = !!(p.added || p.removed);
    out.push({ text: side === 'a' && !changed ? (p.valueA ?? p.value) : p.value, changed });
  }
  return out;
}
