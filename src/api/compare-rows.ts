// The rows of the Compare view, built one bead at a time from a context read once per call: the
// full `compare` answer and a decision's changed rows (./review-result.ts) are made by the same
// code, so a patched row is exactly the row a reload would show.
import type { BeadRow, SentenceRow, Store, StoredAlignment, StoredPassage } from '../store/index.ts';
import { memoryKey } from '../translate/index.ts';
import { englishSource } from '../common/index.ts';

const alignParts = () => import('../align/index.ts');

export interface DiffOptions {
  ignoreCase?: boolean;
  ignorePunctuation?: boolean;
}

export type Doc = Awaited<ReturnType<Store['document']>>;

/** An alignment as rows need it: its documents and mode (the beads come one by one). */
export type AlignmentInfo = Omit<StoredAlignment, 'beads'>;

/**
 * What the rows of one alignment need: both documents, their sentences (all, or only those of the
 * rows being built: indexed by sentence index either way), the repeated sentences.
 */
export interface RowContext {
  alignment: AlignmentInfo;
  docA: Doc;
  docB: Doc;
  sa: SentenceRow[];
  sb: SentenceRow[] | null;
  machine: { a: Map<string, string>; b: Map<string, string> };
  repeatedA: Set<number>;
  repeatedB: Set<number>;
  wordDiff: Awaited<ReturnType<typeof alignParts>>['wordDiff'];
}

/**
 * The sentences of `doc` that belong to a passage repeated where it is news to the analyst: inside
 * the document itself, or in a report that is not the other side of this pair. Passages shared by
 * the two documents on screen are what the alignment itself shows, so they are not marked.
 */
export function repeatedSentences(passages: StoredPassage[], doc: number, other: number): Set<number> {
  const out = new Set<number>();
  for (const p of passages) {
    const pairOnScreen = doc !== other && ((p.a.doc === doc && p.b.doc === other) || (p.a.doc === other && p.b.doc === doc));
    if (pairOnScreen) continue;
    for (const span of [p.a, p.b]) if (span.doc === doc) for (const s of span.sentences) out.add(s);
  }
  return out;
}

/** Sentence rows indexed by their index (sparse when only some were read). */
function byIndex(rows: SentenceRow[]): SentenceRow[] {
  const out: SentenceRow[] = [];
  for (const r of rows) out[r.index] = r;
  return out;
}

/** The context for every row of an alignment, or (`only`) for rows holding just these sentences. */
export async function rowContext(store: Store, alignment: AlignmentInfo, only?: { a: number[]; b: number[] }, docs?: { a: Doc; b: Doc }): Promise<RowContext> {
  const { wordDiff } = await alignParts();
  const same = alignment.aDoc === alignment.bDoc;
  const read = async (doc: number, idx: number[] | undefined) => (idx ? byIndex(await store.sentencesAt(doc, idx)) : store.sentences(doc));
  const [sa, sb, docA, docB] = await Promise.all([
    read(alignment.aDoc, only && (same ? [...new Set([...only.a, ...only.b])] : only.a)), same ? null : read(alignment.bDoc, only?.b),
    docs?.a ?? store.document(alignment.aDoc), docs?.b ?? store.document(alignment.bDoc),
  ]);
  // Under a post-edit the machine (or imported) version stays visible to the reviewer.
  const machineOf = async (doc: Doc, rows: SentenceRow[] | null) =>
    doc?.lang && rows ? store.machineEnglish(doc.lang, rows.filter((r) => r.origin === 'human').map((r) => memoryKey(r.text))) : new Map<string, string>();
  const machine = { a: await machineOf(docA, sa), b: await machineOf(docB, sb) };
  const passages = [...(await store.passages({ documentId: alignment.aDoc })), ...(same ? [] : await store.passages({ documentId: alignment.bDoc }))];
  return {
    alignment, docA, docB, sa, sb, machine, wordDiff,
    repeatedA: repeatedSentences(passages, alignment.aDoc, alignment.bDoc),
    repeatedB: repeatedSentences(passages, alignment.bDoc, alignment.aDoc),
  };
}

/** The sentences `idx` of one side as a row shows them. */
export function sideOf(ctx: RowContext, which: 'a' | 'b', idx: number[]) {
  const doc = which === 'a' ? ctx.docA : ctx.docB;
  const rows = which === 'a' ? ctx.sa : ctx.sb!;
  return idx.map((i) => {
    const s = rows[i];
    return {
      index: i, text: s?.text ?? '', english: s ? (doc?.lang === 'en' ? s.text : s.translation) : null, origin: englishSource(doc?.lang, s?.origin ?? null), provenance: s?.provenance ?? null, revision: s?.revision ?? null,
      machine: s?.origin === 'human' ? (ctx.machine[which].get(memoryKey(s.text)) ?? null) : null,
    };
  });
}

/** One row of the Compare view: the bead, both sides' sentences with their English, the word diff. */
export function buildRow(ctx: RowContext, bead: BeadRow, options: DiffOptions = {}) {
  const translation = ctx.alignment.mode === 'translation';
  const a = sideOf(ctx, 'a', bead.a);
  const b = translation ? [] : sideOf(ctx, 'b', bead.b);
  // The diff shows each side's English exactly as stored, sentences joined by one space;
  // a side with a sentence not translated yet is shown sentence by sentence instead.
  const englishOfSide = (xs: typeof a) => (xs.length && xs.every((s) => s.english) ? xs.map((s) => s.english).join(' ') : null);
  const englishA = englishOfSide(a);
  const englishB = translation ? null : englishOfSide(b);
  return {
    bead, a, b,
    diff: englishA !== null && englishB !== null ? ctx.wordDiff(englishA, englishB, options) : null,
    repeated: { a: bead.a.some((i) => ctx.repeatedA.has(i)), b: bead.b.some((i) => ctx.repeatedB.has(i)) },
  };
}

export type CompareRow = ReturnType<typeof buildRow>;
