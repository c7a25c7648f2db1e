// The one walk over the selected beads that both the export and its preview take: which
// alignments, in which language pair, each bead made into a unit or counted as skipped with its
// reason. The preview runs it without a file, so its count is what the export writes.
import type { z } from 'zod';
import { CancelledError, describeSkipped, EXPORT_SKIP_REASONS, type ExportFilterOptions, type ExportSkipReason } from '../common/index.ts';
import type { BeadRow, ExportAlignmentRow, ExportFilter, Store } from '../store/index.ts';
import { ApiError } from '../common/index.ts';
import { bilingualUnit, planAlignment, sourceDocument, type AlignmentPlan, type BilingualUnit } from './bilingual.ts';
import { alignmentPairs, allSides, sourceLang, sourceSide, type DocumentInfo, type ExportPair } from './pairs.ts';

export type ParsedFilter = z.output<typeof ExportFilterOptions> & { format?: string };

const STATUSES: Record<ParsedFilter['status'], BeadRow['status'][] | undefined> = {
  accepted: ['accepted'],
  all: undefined,
  'exclude-rejected': ['accepted', 'pending'],
};

export function storeFilter(o: ParsedFilter): ExportFilter {
  return { status: STATUSES[o.status], minScore: o.minScore, langs: o.langs, storyId: o.story, documentIds: o.documentIds };
}

/** The filters as written into TMX and XLIFF headers: normalized, so equal filters give equal bytes. */
function filterRecord(o: ParsedFilter): Record<string, string> {
  const out: Record<string, string> = { status: o.status, pair: o.pair };
  if (o.minScore !== undefined) out.minScore = String(o.minScore);
  if (o.langs) out.langs = [...new Set(o.langs)].sort().join(',');
  if (o.story !== undefined) out.story = o.story;
  if (o.documentIds) out.documents = [...new Set(o.documentIds)].sort((a, b) => a - b).join(',');
  return out;
}

export interface ExportPlan {
  /** The selected alignments in the order their units are written. */
  alignments: ExportAlignmentRow[];
  docs: Map<number, DocumentInfo>;
  /** Bilingual form: what each alignment gives (a pair of languages, or a reason to skip it). */
  plans: Map<number, AlignmentPlan>;
  /** Source languages and language pairs ("de-nl") of the alignments that give units, sorted. */
  langs: string[];
  pairs: string[];
  filters: Record<string, string>;
}

export async function planExport(store: Store, o: ParsedFilter): Promise<ExportPlan> {
  if (o.story !== undefined && !(await store.storyExists(o.story))) throw new ApiError('not_found', `No story ${o.story}`);
  for (const id of o.documentIds ?? []) if (!(await store.document(id))) throw new ApiError('not_found', `No document ${id}`);
  const selected = await store.exportAlignments(storeFilter(o));
  const plans = new Map<number, AlignmentPlan>();
  const langs = new Set<string>();
  const pairs = new Set<string>();
  for (const a of selected) {
    if (o.pair === 'all') {
      const lang = sourceLang(a);
      if (lang) langs.add(lang);
      continue;
    }
    const plan = planAlignment(a, o.pair);
    plans.set(a.id, plan);
    if ('source' in plan) {
      langs.add(plan.source);
      pairs.add(`${plan.source}-${plan.target}`);
    }
  }
  // XLIFF has one <file> per document, so its units come grouped by source document (then by
  // alignment and bead position); every other format goes by alignment, then bead position.
  const sourceDoc = (a: ExportAlignmentRow) => {
    if (o.pair === 'all') return sourceSide(a) === 'a' ? a.aDoc : a.bDoc;
    const plan = plans.get(a.id)!;
    return 'source' in plan ? sourceDocument(a, plan) : 0;
  };
  const alignments = o.format === 'xliff' ? [...selected].sort((p, q) => sourceDoc(p) - sourceDoc(q) || p.id - q.id) : selected;
  const docs = new Map<number, DocumentInfo>();
  for (const id of new Set(selected.flatMap((a) => [a.aDoc, a.bDoc]))) {
    const d = await store.document(id);
    if (d) docs.set(id, { id, lang: d.lang, title: d.title, date: d.published });
  }
  return { alignments, docs, plans, langs: [...langs].sort(), pairs: [...pairs].sort(), filters: filterRecord(o) };
}

export interface ExportCounts {
  pairs: number;
  skipped: number;
  skippedBy: Record<ExportSkipReason, number>;
  languagePairs: Record<string, number>;
  otherPairs: Record<string, number>;
  langs: string[];
  hint: string | null;
  emptyReason: EmptyReason | null;
}

type EmptyReason = 'nothing_aligned' | 'no_status' | 'no_match' | 'all_skipped';

/** The language pair a unit is counted under. */
const unitPair = (u: ExportPair | BilingualUnit) => ('target' in u ? `${u.source.lang}-${u.target.lang}` : `${u.source.lang}-en${u.other ? `-${u.other.lang}` : ''}`);

/** Walks the plan's beads, handing each unit to `emit`; returns what was written and skipped. */
export async function walkExport(
  store: Store,
  o: ParsedFilter,
  plan: ExportPlan,
  emit: (unit: ExportPair | BilingualUnit) => Promise<void>,
  control: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void },
  pageSize: number,
): Promise<ExportCounts> {
  const total = plan.alignments.reduce((n, a) => n + a.beads, 0);
  const skippedBy = Object.fromEntries(EXPORT_SKIP_REASONS.map((r) => [r, 0])) as Record<ExportSkipReason, number>;
  const languagePairs: Record<string, number> = {};
  const otherPairs: Record<string, number> = {};
  let pairs = 0;
  let done = 0;
  let reported = -1;
  const progress = () => {
    if (done !== reported) control.onProgress?.(done, total);
    reported = done;
  };
  const skip = (reason: ExportSkipReason, n: number) => {
    skippedBy[reason] += n;
    done += n;
  };
  const filter = storeFilter(o);
  for (const alignment of plan.alignments) {
    if (control.signal?.aborted) throw new CancelledError();
    let units: AsyncGenerator<(ExportPair | BilingualUnit)[]>;
    if (o.pair === 'all') {
      if (sourceLang(alignment) === null) {
        skip('englishOnly', alignment.beads);
        continue;
      }
      units = alignmentPairs(store, alignment, plan.docs, filter, allSides, skip, pageSize);
    } else {
      const p = plan.plans.get(alignment.id)!;
      if ('skip' in p) {
        skip(p.skip, alignment.beads);
        if (p.pair) otherPairs[p.pair] = (otherPairs[p.pair] ?? 0) + alignment.beads;
        continue;
      }
      units = alignmentPairs(store, alignment, plan.docs, filter, (t) => bilingualUnit(t, p, plan.docs), skip, pageSize);
    }
    for await (const page of units) {
      if (control.signal?.aborted) throw new CancelledError();
      for (const u of page) {
        await emit(u);
        const key = unitPair(u);
        languagePairs[key] = (languagePairs[key] ?? 0) + 1;
      }
      pairs += page.length;
      done += page.length;
      progress();
    }
  }
  progress();
  const skipped = EXPORT_SKIP_REASONS.reduce((n, r) => n + skippedBy[r], 0);
  const sorted = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).sort(([x], [y]) => x.localeCompare(y)));
  const counts = { pairs, skipped, skippedBy, languagePairs: sorted(languagePairs), otherPairs: sorted(otherPairs), langs: plan.langs };
  const empty = pairs ? null : await emptyHint(store, o, plan, counts);
  return { ...counts, hint: empty?.hint ?? null, emptyReason: empty?.reason ?? null };
}

/** Why an export has no units, and what to run: the CLI prints it and the dialog shows it. */
async function emptyHint(store: Store, o: ParsedFilter, plan: ExportPlan, c: Omit<ExportCounts, 'hint' | 'emptyReason'>): Promise<{ hint: string; reason: EmptyReason }> {
  if (!(await store.alignments()).length) {
    return { reason: 'nothing_aligned', hint: '0 pairs: nothing is aligned yet. Run `tandem align --matched` (every pair `tandem match` found) or `tandem align --self` (each document against its English), or open a pair in Compare.' };
  }
  if (!plan.alignments.length) {
    const anyStatus = o.status !== 'all' && (await store.exportAlignments({ ...storeFilter(o), status: undefined })).length > 0;
    return anyStatus
      ? { reason: 'no_status', hint: `0 pairs: no aligned pair has the review status "${o.status}" yet. Review pairs in Compare (or \`tandem review\`), or export with --status all.` }
      : { reason: 'no_match', hint: '0 pairs: no alignment matches these filters (languages, story, documents, minimum score).' };
  }
  const todo = c.skippedBy.otherPair ? ` Choose a pair they have (${Object.keys(c.otherPairs).join(', ')}), or each alignment's own pair (--pair auto).` : '';
  const translate = c.skippedBy.untranslated ? ' Translate them first (`tandem translate`).' : '';
  return { reason: 'all_skipped', hint: `0 pairs: ${describeSkipped(c)}.${todo}${translate}` };
}
