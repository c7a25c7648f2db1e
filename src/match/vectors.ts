// Sparse vectors over interned terms: sorted ids with weights, so overlaps are merge joins over
// typed arrays instead of map lookups (matching compares many pairs; this is its inner loop).

const INTERN = new Map<string, number>();
const TERMS: string[] = [];
export function intern(s: string): number {
  let v = INTERN.get(s);
  if (v === undefined) {
    v = INTERN.size;
    INTERN.set(s, v);
    TERMS.push(s);
  }
  return v;
}
/** The term an id stands for (kinds keep their "n:" / "c:" prefix). */
export function termOf(id: number): string {
  return TERMS[id] ?? '';
}

/** Feature ids per kind (a shared counter with the stems, so ids never collide across kinds). */
const INTERN_KIND = { c: new Map<string, number>(), n: new Map<string, number>(), '#': new Map<string, number>() };
export function internKind(kind: keyof typeof INTERN_KIND, s: string): number {
  const m = INTERN_KIND[kind];
  let v = m.get(s);
  if (v === undefined) {
    v = intern(`${kind}:${s}`);
    m.set(s, v);
  }
  return v;
}

/**
 * A sparse vector: sorted feature ids with their weights, interleaved in one array (id, weight,
 * id, weight...). One typed array per vector, not two: a collection holds several vectors per
 * document, and each typed array costs more in object overhead and collector work than its data.
 */
export interface Vec {
  /** id at 2i, weight at 2i + 1 (ids are small integers, exact in a double) */
  d: Float64Array;
  /** Euclidean norm for cosines; total weight for the feature-overlap score. */
  norm: number;
  total: number;
}

export function vec(weights: Map<number, number>): Vec {
  const ids = Int32Array.from(weights.keys()).sort();
  const d = new Float64Array(2 * ids.length);
  let sq = 0;
  let total = 0;
  for (let i = 0; i < ids.length; i++) {
    const x = weights.get(ids[i]!)!;
    d[2 * i] = ids[i]!;
    d[2 * i + 1] = x;
    sq += x * x;
    total += x;
  }
  return { d, norm: Math.sqrt(sq), total };
}

/** Sublinear term frequencies times rarity ((1 + log count) * idf) of the terms of several lists. */
export function weightedFrequencies(lists: Iterable<readonly string[] | null>, id: (t: string) => number, idf: (id: number) => number): Vec {
  const m = new Map<number, number>();
  for (const l of lists) if (l) for (const t of l) {
    const k = id(t);
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return weightedVec(m, idf);
}

/** The vector of term counts weighted as (1 + log count) * idf. */
export function weightedVec(counts: Map<number, number>, idf: (id: number) => number): Vec {
  for (const [k, v] of counts) counts.set(k, (1 + Math.log(v)) * idf(k));
  return vec(counts);
}

/** Sum over shared ids of wa*wb. */
export function dot(a: Vec, b: Vec): number {
  // a headline against a whole text: look each of the few ids up instead of walking both lists
  if (a.d.length * 8 < b.d.length) return dotSearch(a.d, b.d);
  if (b.d.length * 8 < a.d.length) return dotSearch(b.d, a.d);
  const x = a.d;
  const y = b.d;
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < x.length && j < y.length) {
    const p = x[i]!;
    const q = y[j]!;
    if (p === q) {
      s += x[i + 1]! * y[j + 1]!;
      i += 2;
      j += 2;
    } else if (p < q) i += 2;
    else j += 2;
  }
  return s;
}

/** `dot` of a short vector with a long one: binary search of each short id in the rest of the long list. */
function dotSearch(short: Float64Array, long: Float64Array): number {
  const n = long.length >> 1;
  let from = 0;
  let s = 0;
  for (let i = 0; i < short.length && from < n; i += 2) {
    const x = short[i]!;
    let lo = from;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (long[2 * mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    if (lo < n && long[2 * lo] === x) s += short[i + 1]! * long[2 * lo + 1]!;
    from = lo;
  }
  return s;
}

/** Sum over shared ids of the smaller weight. */
export function sharedMass(a: Vec, b: Vec): number {
  const x = a.d;
  const y = b.d;
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < x.length && j < y.length) {
    const p = x[i]!;
    const q = y[j]!;
    if (p === q) {
      s += Math.min(x[i + 1]!, y[j + 1]!);
      i += 2;
      j += 2;
    } else if (p < q) i += 2;
    else j += 2;
  }
  return s;
}

/** How many ids two sorted runs share: a[aFrom..aTo) and b[bFrom..bTo). */
export function sharedIdsIn(a: Int32Array, aFrom: number, aTo: number, b: Int32Array, bFrom: number, bTo: number): number {
  let i = aFrom;
  let j = bFrom;
  let n = 0;
  while (i < aTo && j < bTo) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

export function cosine(a: Vec, b: Vec): number {
  if (!a.norm || !b.norm) return 0;
  return dot(a, b) / (a.norm * b.norm);
}
