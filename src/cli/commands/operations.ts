// `tandem review ALIGNMENT OPERATION ...`: the aligner's operations from the command line, through
// the same api methods as the app: shift-up, shift-down, insert-gap, remove-gap (a bead and a
// side), split-sentence (a side, a sentence and a caret offset) and edit-source (a side, a
// sentence and the fixed text).
import { SIDE_OPERATIONS, SIDES, SOURCE_OPERATIONS, type Side, type SideOperation } from '../../common/index.ts';
import { query, withTandem, type Tandem } from '../engine.ts';
import { documentId, print, UsageError } from '../shared.ts';

export const OPERATIONS: readonly string[] = [...SIDE_OPERATIONS, ...SOURCE_OPERATIONS];

export interface OperationFlags {
  side?: string;
  sentence?: string;
  at?: string;
  text?: string;
}

function count(flag: string, value: string | undefined, min: number): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < min) throw new UsageError(`${flag} takes an integer of at least ${min}${value === undefined ? '' : `, not "${value}"`}`);
  return n;
}

function side(value: string | undefined): Side {
  if (!(SIDES as readonly string[]).includes(value ?? '')) throw new UsageError(`--side must be one of ${SIDES.join(', ')}`);
  return value as Side;
}

export async function operation(alignment: string, action: string, beads: string[], flags: OperationFlags): Promise<void> {
  const alignmentId = documentId(alignment);
  const s = side(flags.side);
  // Each operation answers with the rows it changed (for the app); the CLI prints the whole
  // alignment after it, like `tandem review`.
  let call: (t: Tandem) => Promise<unknown>;
  if ((SIDE_OPERATIONS as readonly string[]).includes(action)) {
    if (beads.length !== 1) throw new UsageError(`${action} takes one bead id`);
    const input = { alignmentId, beadId: count('the bead id', beads[0], 1), side: s, operation: action as SideOperation };
    call = (t) => query(t, 'operate', input);
  } else if (action === 'split-sentence') {
    const input = { alignmentId, side: s, sentence: count('--sentence', flags.sentence, 0), at: count('--at', flags.at, 1) };
    call = (t) => query(t, 'splitSentence', input);
  } else {
    if (!flags.text?.trim()) throw new UsageError('edit-source takes the fixed text with --text');
    const input = { alignmentId, side: s, sentence: count('--sentence', flags.sentence, 0), text: flags.text };
    call = (t) => query(t, 'editSource', input);
  }
  const result = await withTandem(async (t) => {
    await call(t);
    return query(t, 'alignment', { alignmentId });
  });
  print(result, () => [`alignment ${result.id}: ${action} done (undo: tandem review ${result.id} undo)`,
    ...result.beads.map((x) => `  bead ${String(x.id).padEnd(6)} ${x.kind.padEnd(5)} ${x.status.padEnd(8)} [${x.a.join(',')}] ~ [${x.b.join(',')}]`)].join('\n'));
}
