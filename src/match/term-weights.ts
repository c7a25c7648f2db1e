// How much a shared term says: inverse document frequency from a background news collection that
// ships with the fitted scorer (similarity-model.json, terms seen in at least a few articles), so
// a score means the same for two files compared alone as inside a large collection, and does not
// change as documents are added. Terms the background never saw get the highest weight.

/** Term spaces with their own frequencies: stems per language, folded names, cognate keys. */
export type TermSpace = `stem:${string}` | 'name' | 'cognate';

export interface BackgroundFrequencies {
  /** documents counted per space */
  documents: Partial<Record<TermSpace, number>>;
  /** per space: term -> number of documents it occurs in (only terms seen in >= minDocs) */
  df: Partial<Record<TermSpace, Record<string, number>>>;
}

export class TermWeights {
  private readonly bySpace = new Map<TermSpace, (id: number) => number>();

  constructor(private readonly background: BackgroundFrequencies, private readonly termOf: (id: number) => string) {}

  /** Smoothed idf, as scikit-learn's TfidfVectorizer computes it: ln((N+1)/(df+1)) + 1. */
  idf(space: TermSpace, term: string): number {
    const n = this.background.documents[space] ?? 0;
    const df = this.background.df[space]?.[term] ?? 0;
    return Math.log((n + 1) / (df + 1)) + 1;
  }

  /** idf by interned term id (memoized per space); kind prefixes ("n:", "c:") are stripped. */
  forSpace(space: TermSpace): (id: number) => number {
    let f = this.bySpace.get(space);
    if (!f) {
      const memo = new Map<number, number>();
      const strip = space === 'name' || space === 'cognate';
      f = (id: number) => {
        let v = memo.get(id);
        if (v === undefined) {
          const t = this.termOf(id);
          v = this.idf(space, strip ? t.slice(2) : t);
          memo.set(id, v);
        }
        return v;
      };
      this.bySpace.set(space, f);
    }
    return f;
  }
}

/** Counts document frequencies of term sets, keeping terms seen in at least `minDocs` documents. */
export function countFrequencies(documents: Iterable<Map<TermSpace, Iterable<string>>>, minDocs: number): BackgroundFrequencies {
  const counts = new Map<TermSpace, Map<string, number>>();
  const docs: BackgroundFrequencies['documents'] = {};
  for (const d of documents) {
    for (const [space, terms] of d) {
      docs[space] = (docs[space] ?? 0) + 1;
      let c = counts.get(space);
      if (!c) counts.set(space, (c = new Map()));
      for (const t of new Set(terms)) c.set(t, (c.get(t) ?? 0) + 1);
    }
  }
  const df: BackgroundFrequencies['df'] = {};
  for (const [space, c] of [...counts].sort((p, q) => (p[0] < q[0] ? -1 : 1))) {
    df[space] = Object.fromEntries([...c].filter(([, n]) => n >= minDocs).sort((p, q) => q[1] - p[1] || (p[0] < q[0] ? -1 : 1)));
  }
  return { documents: docs, df };
}
