// Candidate search that never compares all pairs: an inverted index over a few keys per document
// (its names, informative numbers, and a bottom-k MinHash sketch of its content stems in its own
// language and in English). A new document looks up its keys, ranks the documents sharing them, and
// is compared in full with the best MAX_CANDIDATES only, taken in turn from two rankings: by all keys,
// and by language-independent keys among documents in other languages (so untranslated reports in
// another language are not crowded out by same-language documents sharing common words). Keys that
// become too common (more than MAX_POSTING documents) are retired: they say nothing and would make
// lookups quadratic. Work per added document is therefore bounded and the whole collection costs O(n).
// Scoring uses dense slot numbers and typed-array accumulators rather than maps.
import { compareFingerprints, fingerprint } from './compare.ts';
import type { DocumentMatch, Fingerprint, MatchDocument } from './types.ts';

export interface MatchIndexOptions {
  /** Full comparisons per added document (the best-ranked candidates). */
  maxCandidates?: number;
  /** Keys shared by more documents than this stop being looked up (default 150). */
  maxPosting?: number;
  /** Sketch size per text space. */
  sketch?: number;
}

function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

function bottomK(items: Iterable<string>, k: number): string[] {
  const scored = [...new Set(items)].map((t) => [hash32(t), t] as const);
  scored.sort((p, q) => p[0] - q[0]);
  return scored.slice(0, k).map((p) => p[1]);
}

/** The lookup keys of a document, with their weights for ranking candidates. */
export function indexKeys(f: Fingerprint, sketch = 24): Map<string, number> {
  const keys = new Map<string, number>();
  const names = new Set(f.sentences.flatMap((s) => s.names));
  // names are cheap to share across languages; German nouns make de sets large: sketch them too
  for (const n of bottomK(names, sketch * 2)) keys.set(`n:${n}`, 1);
  for (const s of f.sentences) for (const x of s.numbers) if (!/^([0-9]|10)$/u.test(x)) keys.set(`#:${x}`, 1);
  for (const c of bottomK(f.sentences.flatMap((s) => s.cognates), sketch)) if (!keys.has(`n:${c}`)) keys.set(`c:${c}`, 0.5);
  const own = f.sentences.flatMap((s) => s.own);
  if (f.lang !== 'en') for (const t of bottomK(own, sketch)) keys.set(`${f.lang}:${t}`, 1.5);
  const en = f.sentences.flatMap((s) => s.en ?? []);
  for (const t of bottomK(en, sketch)) keys.set(`en:${t}`, 1.5);
  return keys;
}

/** Language-independent keys (names, numbers, cognates) as opposed to stem-sketch keys. */
function isFeatureKey(k: string): boolean {
  return k.charCodeAt(1) === 58 && (k[0] === 'n' || k[0] === '#' || k[0] === 'c');
}
/**
 * Stem-sketch keys (bottom-k MinHash of a document's stems) find near-duplicates and may grow longer
 * lists than names, numbers and cognates before they are retired.
 */
const TEXT_POSTING_FACTOR = 2.5;

/** The best `k` (id, weight) pairs offered, highest weight first, ties by smaller id. */
class TopList {
  readonly ids: Int32Array;
  private readonly weights: Float64Array;
  length = 0;
  constructor(private readonly k: number) {
    this.ids = new Int32Array(k + 1);
    this.weights = new Float64Array(k + 1);
  }
  /** Ranked before the item at `at`. */
  private before(id: number, w: number, at: number): boolean {
    const x = this.weights[at]!;
    return w > x || (w === x && id < this.ids[at]!);
  }
  offer(id: number, w: number): void {
    if (this.length >= this.k && !this.before(id, w, this.length - 1)) return;
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.before(id, w, mid)) hi = mid;
      else lo = mid + 1;
    }
    // shift down one place (the last falls off when the list is full)
    const end = Math.min(this.length, this.k - 1);
    this.ids.copyWithin(lo + 1, lo, end);
    this.weights.copyWithin(lo + 1, lo, end);
    this.ids[lo] = id;
    this.weights[lo] = w;
    if (this.length < this.k) this.length++;
  }
}

export class MatchIndex {
  /** Documents by id: their fingerprint, lookup key ids and slot (a dense number for scoring). */
  private readonly docs = new Map<number, { f: Fingerprint; keys: Int32Array; slot: number }>();
  /** Slot -> document id (-1 once removed). */
  private slotIds: number[] = [];
  /**
   * Lookup keys as dense ids: a document keeps its keys as one small typed array instead of a list
   * of strings made for it (at 100k documents those strings alone were hundreds of megabytes).
   */
  private readonly keyIds = new Map<string, number>();
  /** Key id -> the slots holding it; null once the key is retired. */
  private readonly postings: (number[] | null)[] = [];
  /** Key id -> 1 for a language-independent key (names, numbers, cognates). */
  private readonly featureKey: number[] = [];
  private readonly maxCandidates: number;
  private readonly maxPosting: number;
  private readonly sketch: number;
  /** Scratch accumulator for candidate ranking, indexed by slot. */
  private acc = new Float64Array(1024);
  private accLi = new Float64Array(1024);
  /** Scratch list of the slots a ranking touched (no allocation per lookup). */
  private touched = new Int32Array(1024);
  /** The two rankings' best candidates, reused by every lookup. */
  private readonly byText: TopList;
  private readonly byFeatures: TopList;
  /** Slot -> document language. */
  private slotLangs: string[] = [];
  /** Full comparisons made so far, and posting entries read while ranking (for benchmarks). */
  comparisons = 0;
  postingsRead = 0;

  constructor(options: MatchIndexOptions = {}) {
    this.maxCandidates = options.maxCandidates ?? 20;
    this.maxPosting = options.maxPosting ?? 150;
    this.sketch = options.sketch ?? 24;
    // the interleave reads at most twice the budget from each ranking
    this.byText = new TopList(2 * this.maxCandidates);
    this.byFeatures = new TopList(2 * this.maxCandidates);
  }

  /** Rebuilds an index from stored fingerprints without comparing anything (their matches are stored). */
  static fromFingerprints(fingerprints: Iterable<Fingerprint>, options: MatchIndexOptions = {}): MatchIndex {
    const index = new MatchIndex(options);
    for (const f of fingerprints) index.insert(f, indexKeys(f, index.sketch));
    return index;
  }

  get size(): number {
    return this.docs.size;
  }

  has(id: number): boolean {
    return this.docs.has(id);
  }

  /** Stored fingerprints, for persistence. */
  fingerprints(): Fingerprint[] {
    return [...this.docs.values()].map((d) => d.f);
  }

  /**
   * Adds a document (or its stored fingerprint) and returns its matches above 'unrelated' with the
   * documents already indexed. Re-adding an id replaces the old version.
   */
  add(doc: MatchDocument | Fingerprint): DocumentMatch[] {
    const f = 'v' in doc ? doc : fingerprint(doc);
    if (this.docs.has(f.id)) this.remove(f.id);
    const keys = indexKeys(f, this.sketch);
    const matches: DocumentMatch[] = [];
    for (const id of this.rank(f.id, keys, f.lang)) {
      const other = this.docs.get(id);
      if (!other) continue;
      this.comparisons++;
      const m = compareFingerprints(f, other.f, { explainUnrelated: false });
      if (m.level !== 'unrelated') matches.push(m);
    }
    this.insert(f, keys);
    return matches.sort((p, q) => q.score - p.score || p.a - q.a || p.b - q.b);
  }

  /** Adds many documents in order; the union of what `add` returns. */
  addAll(docs: Iterable<MatchDocument | Fingerprint>): DocumentMatch[] {
    const out: DocumentMatch[] = [];
    for (const d of docs) out.push(...this.add(d));
    return out;
  }

  remove(id: number): void {
    const entry = this.docs.get(id);
    if (!entry) return;
    this.docs.delete(id);
    this.slotIds[entry.slot] = -1;
    for (const k of entry.keys) {
      const list = this.postings[k];
      if (!list) continue;
      const at = list.indexOf(entry.slot);
      if (at >= 0) list.splice(at, 1);
    }
  }

  /** Ids of the documents sharing the most key weight with `f`, best first. */
  candidates(f: Fingerprint): number[] {
    return this.rank(f.id, indexKeys(f, this.sketch), f.lang);
  }

  /**
   * Two rankings share the comparison budget: by text keys (stem sketches in the document's own
   * language and in English) and by language-independent keys (names, numbers, cognates) among
   * documents in other languages, so that untranslated reports in another language are not crowded
   * out by same-language documents that merely share common words. Lists are interleaved.
   */
  private rank(self: number, keys: Map<string, number>, lang: string): number[] {
    const lex = this.acc;
    const li = this.accLi;
    const touched = this.touched;
    let nTouched = 0;
    const selfSlot = this.docs.get(self)?.slot ?? -1;
    for (const [key, w] of keys) {
      const k = this.keyIds.get(key);
      const list = k === undefined ? null : this.postings[k];
      if (!list) continue;
      const acc = this.featureKey[k!] ? li : lex;
      this.postingsRead += list.length;
      for (let i = 0; i < list.length; i++) {
        const slot = list[i]!;
        if (slot === selfSlot) continue;
        if (lex[slot] === 0 && li[slot] === 0) touched[nTouched++] = slot;
        acc[slot] = acc[slot]! + w;
      }
    }
    // The interleave below reads at most twice the budget from each ranking: keep only those best
    // (a bounded insertion), not a full sort of every document that shares a key.
    const { byText, byFeatures } = this;
    byText.length = 0;
    byFeatures.length = 0;
    for (let n = 0; n < nTouched; n++) {
      const slot = touched[n]!;
      const t = lex[slot]!;
      const f = li[slot]!;
      lex[slot] = 0;
      li[slot] = 0;
      const id = this.slotIds[slot]!;
      // a single shared name or number is not enough to be worth a comparison
      if (t + f >= 2) byText.offer(id, t + f);
      if (f >= 1 && this.slotLangs[slot] !== lang) byFeatures.offer(id, f);
    }
    const out: number[] = [];
    const seen = new Set<number>();
    const lists = [byText, byFeatures];
    for (let i = 0; out.length < this.maxCandidates && (i < byText.length || i < byFeatures.length); i++) {
      for (const list of lists) {
        if (i >= list.length) continue;
        const id = list.ids[i]!;
        if (!seen.has(id) && out.length < this.maxCandidates) {
          seen.add(id);
          out.push(id);
        }
      }
    }
    return out;
  }

  private insert(f: Fingerprint, allKeys: Map<string, number>): void {
    const slot = this.slotIds.length;
    this.slotIds.push(f.id);
    this.slotLangs.push(f.lang);
    if (slot >= this.acc.length) {
      this.acc = new Float64Array(this.acc.length * 2);
      this.accLi = new Float64Array(this.acc.length);
      this.touched = new Int32Array(this.acc.length);
    }
    const keys: number[] = [];
    for (const key of allKeys.keys()) {
      let k = this.keyIds.get(key);
      if (k === undefined) {
        k = this.postings.length;
        this.keyIds.set(key, k);
        this.postings.push([]);
        this.featureKey.push(isFeatureKey(key) ? 1 : 0);
      }
      const list = this.postings[k];
      if (!list) continue; // retired
      keys.push(k);
      list.push(slot);
      if (list.length > (this.featureKey[k] ? this.maxPosting : this.maxPosting * TEXT_POSTING_FACTOR)) this.postings[k] = null;
    }
    this.docs.set(f.id, { f, keys: Int32Array.from(keys), slot });
  }
}
