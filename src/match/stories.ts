// Stories: clusters of documents. Two views from the same links:
//   level 'event': linked at same_event or closer (ids "e<n>");
//   level 'story': also same_story links (ids "s<n>"); every event cluster lies inside one story.
// Analyst decisions are inputs, so a rerun can never overwrite them:
//   confirm a b  -> must-link (both views); reject a b -> cannot-link (both views): links are added
//   strongest first and a link that would put a rejected pair together is skipped, so a reject splits
//   a chain-linked cluster; move doc story -> the document loses its automatic links and is placed in
//   that story (an 'e' id: that event and its story; an 's' id: that story, as its own event).
// Ids are stable: with `previous`, a cluster keeps the id of the previous cluster it overlaps most
// (each id used once); otherwise, and for new clusters, the id is the prefix + smallest document id.
import type { Decision, DocumentMatch, Story } from './types.ts';

class UnionFind {
  private readonly parent = new Map<number, number>();
  private readonly members = new Map<number, Set<number>>();
  constructor(ids: Iterable<number>) {
    for (const id of ids) {
      this.parent.set(id, id);
      this.members.set(id, new Set([id]));
    }
  }
  find(x: number): number {
    let r = x;
    while (this.parent.get(r) !== r) r = this.parent.get(r)!;
    let c = x;
    while (c !== r) {
      const n = this.parent.get(c)!;
      this.parent.set(c, r);
      c = n;
    }
    return r;
  }
  group(x: number): Set<number> {
    return this.members.get(this.find(x))!;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    const [big, small] = this.members.get(ra)!.size >= this.members.get(rb)!.size ? [ra, rb] : [rb, ra];
    this.parent.set(small, big);
    const into = this.members.get(big)!;
    for (const m of this.members.get(small)!) into.add(m);
    this.members.delete(small);
  }
  groups(): number[][] {
    return [...this.members.values()].map((s) => [...s].sort((p, q) => p - q));
  }
}

const pairKey = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`);

function cluster(ids: number[], links: { a: number; b: number; score: number }[], musts: [number, number][], cannot: Map<number, Set<number>>): number[][] {
  const uf = new UnionFind(ids);
  const violates = (a: number, b: number) => {
    const ga = uf.group(a);
    const gb = uf.group(b);
    const [s, l] = ga.size <= gb.size ? [ga, gb] : [gb, ga];
    for (const x of s) {
      const no = cannot.get(x);
      if (!no) continue;
      for (const y of no) if (l.has(y)) return true;
    }
    return false;
  };
  for (const [a, b] of musts) uf.union(a, b);
  for (const l of [...links].sort((p, q) => q.score - p.score || p.a - q.a || p.b - q.b)) {
    if (uf.find(l.a) === uf.find(l.b)) continue;
    if (!violates(l.a, l.b)) uf.union(l.a, l.b);
  }
  return uf.groups();
}

function assignIds(groups: number[][], prefix: string, previous: Story[], taken: Set<string>): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const prevDocs = new Map<number, string[]>();
  for (const s of previous) for (const d of s.documents) {
    const l = prevDocs.get(d) ?? [];
    l.push(s.id);
    prevDocs.set(d, l);
  }
  // (overlap, group, id) candidates, best overlap first; deterministic ties
  const cands: { overlap: number; g: number; id: string }[] = [];
  groups.forEach((g, gi) => {
    const counts = new Map<string, number>();
    for (const d of g) for (const id of prevDocs.get(d) ?? []) counts.set(id, (counts.get(id) ?? 0) + 1);
    for (const [id, c] of counts) cands.push({ overlap: c, g: gi, id });
  });
  cands.sort((p, q) => q.overlap - p.overlap || p.g - q.g || (p.id < q.id ? -1 : p.id > q.id ? 1 : 0));
  const named = new Map<number, string>();
  for (const c of cands) {
    if (named.has(c.g) || taken.has(c.id)) continue;
    named.set(c.g, c.id);
    taken.add(c.id);
  }
  groups.forEach((g, gi) => {
    let id = named.get(gi);
    if (id === undefined) {
      const base = `${prefix}${g[0]}`;
      id = base;
      for (let k = 2; taken.has(id); k++) id = `${base}-${k}`;
      taken.add(id);
    }
    out.set(id, g);
  });
  return out;
}

export function clusterStories(docs: number[], matches: DocumentMatch[], decisions: Decision[], previous: Story[] = []): Story[] {
  const ids = [...new Set(docs)].sort((p, q) => p - q);
  const known = new Set(ids);
  // Last decision on a pair / a document wins.
  const pairDecision = new Map<string, { kind: 'confirm' | 'reject'; a: number; b: number }>();
  const moves = new Map<number, string>();
  for (const d of decisions) {
    if (d.kind === 'move') {
      if (known.has(d.doc)) moves.set(d.doc, d.story);
    } else if (known.has(d.a) && known.has(d.b) && d.a !== d.b) pairDecision.set(pairKey(d.a, d.b), d);
  }
  const staying = ids.filter((id) => !moves.has(id));
  const musts: [number, number][] = [];
  const cannot = new Map<number, Set<number>>();
  for (const d of pairDecision.values()) {
    if (moves.has(d.a) || moves.has(d.b)) continue;
    if (d.kind === 'confirm') musts.push([d.a, d.b]);
    else {
      for (const [x, y] of [[d.a, d.b], [d.b, d.a]] as const) {
        const s = cannot.get(x) ?? new Set<number>();
        s.add(y);
        cannot.set(x, s);
      }
    }
  }
  const usable = matches.filter((m) => known.has(m.a) && known.has(m.b) && !moves.has(m.a) && !moves.has(m.b) && pairDecision.get(pairKey(m.a, m.b))?.kind !== 'reject');
  const eventLinks = usable.filter((m) => m.level === 'duplicate' || m.level === 'same_event');
  const storyLinks = usable.filter((m) => m.level !== 'unrelated');

  const eventGroups = cluster(staying, eventLinks, musts, cannot);
  // story view: event clusters are contracted into one node each (an event never splits across stories)
  const storyGroups = cluster(staying, [...storyLinks, ...eventGroups.flatMap((g) => g.slice(1).map((d) => ({ a: g[0]!, b: d, score: Infinity })))], musts, cannot);

  const taken = new Set<string>();
  const events = assignIds(eventGroups, 'e', previous.filter((s) => s.level === 'event'), taken);
  const stories = assignIds(storyGroups, 's', previous.filter((s) => s.level === 'story'), taken);

  // moves, in document order
  for (const [doc, target] of [...moves].sort((p, q) => p[0] - q[0])) {
    if (events.has(target)) {
      const members = events.get(target)!;
      members.push(doc);
      const anchor = members[0]!;
      const story = [...stories].find(([, ds]) => ds.includes(anchor));
      if (story) story[1].push(doc);
      else stories.set(`s${doc}`, [doc]);
    } else if (stories.has(target)) {
      stories.get(target)!.push(doc);
      events.set(freshId('e', doc, events, taken), [doc]);
    } else if (target.startsWith('e')) {
      events.set(target, [doc]);
      stories.set(freshId('s', doc, stories, taken), [doc]);
    } else {
      stories.set(target, [doc]);
      events.set(freshId('e', doc, events, taken), [doc]);
    }
    taken.add(target);
  }

  const out: Story[] = [];
  for (const [id, ds] of events) out.push({ id, documents: [...ds].sort((p, q) => p - q), level: 'event' });
  for (const [id, ds] of stories) out.push({ id, documents: [...ds].sort((p, q) => p - q), level: 'story' });
  return out.sort((p, q) => (p.level === q.level ? p.documents[0]! - q.documents[0]! || (p.id < q.id ? -1 : 1) : p.level === 'event' ? -1 : 1));
}

function freshId(prefix: string, doc: number, existing: Map<string, number[]>, taken: Set<string>): string {
  const base = `${prefix}${doc}`;
  let id = base;
  for (let k = 2; existing.has(id) || taken.has(id); k++) id = `${base}-${k}`;
  taken.add(id);
  return id;
}
