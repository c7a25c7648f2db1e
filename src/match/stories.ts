// Stories: clusters of documents. Two views from the same links:
//   level 'event': linked at same_event or closer (ids "e<n>");
//   level 'story': also same_story links (ids "s<n>"); every event cluster lies inside one story.
// Clusters grow by merges that both sides support (see SUPPORT), best-supported first, so that one hub
// document linked to many unrelated reports (a digest, a roundup) cannot chain them into one story; a
// match with `container` set (a compilation holding a report) is no link at all.
// Analyst decisions are inputs, so a rerun can never overwrite them:
//   confirm a b  -> must-link (both views); reject a b -> cannot-link (both views): a merge that would
//   put a rejected pair together is skipped, so a reject splits a chain-linked cluster;
//   move doc story -> the document loses its automatic links and is placed in
//   that story (an 'e' id: that event and its story; an 's' id: that story, as its own event).
// Ids are stable: with `previous`, a cluster keeps the id of the previous cluster it overlaps most
// (each id used once); otherwise, and for new clusters, the id is the prefix + smallest document id.
import type { Decision, DocumentMatch, Story } from './types.ts';

interface Link {
  a: number;
  b: number;
  score: number;
}

/** Links between two clusters, seen from one of them. */
interface Bond {
  /** members of this cluster with a link to the other */
  linked: Set<number>;
  /** the strongest link between the two */
  best: number;
}

/** A proposed merge, ordered by support, then by its strongest link, then by the smallest members. */
interface Proposal {
  x: number;
  y: number;
  support: number;
  best: number;
  /** the smallest member of either side, and of the other */
  lo: number;
  hi: number;
}

const before = (p: Proposal, q: Proposal) =>
  p.support !== q.support ? p.support > q.support : p.best !== q.best ? p.best > q.best : p.lo !== q.lo ? p.lo < q.lo : p.hi < q.hi;

/** Binary heap of proposals, best first. */
class Proposals {
  private readonly heap: Proposal[] = [];
  push(p: Proposal): void {
    const h = this.heap;
    h.push(p);
    for (let i = h.length - 1; i > 0; ) {
      const up = (i - 1) >> 1;
      if (!before(h[i]!, h[up]!)) break;
      [h[i], h[up]] = [h[up]!, h[i]!];
      i = up;
    }
  }
  pop(): Proposal | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (!h.length || !last) return top;
    h[0] = last;
    for (let i = 0; ; ) {
      let m = i;
      for (const c of [2 * i + 1, 2 * i + 2]) if (c < h.length && before(h[c]!, h[m]!)) m = c;
      if (m === i) break;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
    return top;
  }
}

/**
 * A merge needs support from both clusters, not one bridge document: at least this share of the
 * members on each side must have a link to the other side. One hub linked to many reports therefore
 * joins at most one small cluster, and a cluster it has joined cannot pull in another through it.
 * 1/3 still joins any connected set of up to four reports however sparsely linked (2+2 by one link:
 * 1/2 on each side; 3+1: 1/3): one article in four languages stays one cluster although the candidate
 * search compares each document with its best few only, so not every pair of it has a match.
 */
const SUPPORT = 1 / 3;

/**
 * Agglomerative clustering by support: clusters start as the documents, joined by the groups given
 * (must-links, or the events of the story view); then the best-supported merge is made first, again
 * and again, as long as it has SUPPORT and puts no cannot-linked pair together.
 */
class Clusters {
  private readonly home = new Map<number, number>();
  private readonly members = new Map<number, number[]>();
  /** smallest member of each cluster, to order proposals */
  private readonly least = new Map<number, number>();
  private readonly bonds = new Map<number, Map<number, Bond>>();
  private readonly queue = new Proposals();

  constructor(ids: number[], groups: number[][], private readonly cannot: Map<number, Set<number>>) {
    for (const id of ids) {
      this.home.set(id, id);
      this.members.set(id, [id]);
      this.least.set(id, id);
      this.bonds.set(id, new Map());
    }
    for (const g of groups) for (const d of g.slice(1)) this.join(this.home.get(g[0]!)!, this.home.get(d)!);
  }

  link(l: Link): void {
    const x = this.home.get(l.a);
    const y = this.home.get(l.b);
    if (x === undefined || y === undefined || x === y) return;
    for (const [from, to, doc] of [[x, y, l.a], [y, x, l.b]] as const) {
      const bond = this.bond(from, to);
      bond.linked.add(doc);
      bond.best = Math.max(bond.best, l.score);
    }
  }

  /** Makes the supported merges, best first; returns the clusters as sorted document lists. */
  run(): number[][] {
    for (const [x, around] of this.bonds) for (const y of around.keys()) if (x < y) this.propose(x, y);
    for (let p = this.queue.pop(); p; p = this.queue.pop()) {
      if (!this.members.has(p.x) || !this.members.has(p.y)) continue;
      const now = this.proposal(p.x, p.y);
      // stale when either side grew since: merging only lowers the support of pairs it did not
      // re-propose, so the current key is never higher than the queued one
      if (now.support !== p.support || now.best !== p.best) {
        if (now.support >= SUPPORT) this.queue.push(now);
        continue;
      }
      if (now.support >= SUPPORT && !this.violates(p.x, p.y)) this.join(p.x, p.y);
    }
    return [...this.members.values()].map((m) => [...m].sort((p, q) => p - q));
  }

  private bond(from: number, to: number): Bond {
    const around = this.bonds.get(from)!;
    let b = around.get(to);
    if (!b) around.set(to, (b = { linked: new Set(), best: -Infinity }));
    return b;
  }

  private proposal(x: number, y: number): Proposal {
    const bx = this.bonds.get(x)!.get(y)!;
    const by = this.bonds.get(y)!.get(x)!;
    const mx = this.members.get(x)!;
    const my = this.members.get(y)!;
    const support = Math.min(bx.linked.size / mx.length, by.linked.size / my.length);
    const lx = this.least.get(x)!;
    const ly = this.least.get(y)!;
    return { x, y, support, best: bx.best, lo: Math.min(lx, ly), hi: Math.max(lx, ly) };
  }

  private propose(x: number, y: number): void {
    const p = this.proposal(x, y);
    if (p.support >= SUPPORT) this.queue.push(p);
  }

  private violates(x: number, y: number): boolean {
    const [small, large] = this.members.get(x)!.length <= this.members.get(y)!.length ? [x, y] : [y, x];
    for (const d of this.members.get(small)!) for (const no of this.cannot.get(d) ?? []) if (this.home.get(no) === large) return true;
    return false;
  }

  /** Moves the smaller cluster into the larger, adding up their bonds with every other cluster. */
  private join(x: number, y: number): void {
    if (x === y) return;
    const [keep, gone] = this.members.get(x)!.length >= this.members.get(y)!.length ? [x, y] : [y, x];
    const moved = this.members.get(gone)!;
    const kept = this.members.get(keep)!;
    for (const d of moved) this.home.set(d, keep);
    for (const d of moved) kept.push(d);
    this.least.set(keep, Math.min(this.least.get(keep)!, this.least.get(gone)!));
    this.members.delete(gone);
    this.least.delete(gone);
    const around = this.bonds.get(gone)!;
    this.bonds.delete(gone);
    this.bonds.get(keep)!.delete(gone);
    for (const [other, out] of around) {
      if (other === keep) continue;
      const back = this.bonds.get(other)!;
      const into = back.get(gone)!;
      back.delete(gone);
      const mine = this.bond(keep, other);
      for (const d of out.linked) mine.linked.add(d);
      mine.best = Math.max(mine.best, out.best);
      const theirs = this.bond(other, keep);
      for (const d of into.linked) theirs.linked.add(d);
      theirs.best = Math.max(theirs.best, into.best);
      this.propose(Math.min(keep, other), Math.max(keep, other));
    }
  }
}

const pairKey = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`);

function cluster(ids: number[], links: Link[], groups: number[][], cannot: Map<number, Set<number>>): number[][] {
  const c = new Clusters(ids, groups, cannot);
  for (const l of links) c.link(l);
  return c.run();
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
  // a compilation holding a report is shown as "contains", never a link: it would chain every story it carries
  const usable = matches.filter((m) => m.container === undefined && known.has(m.a) && known.has(m.b) && !moves.has(m.a) && !moves.has(m.b) && pairDecision.get(pairKey(m.a, m.b))?.kind !== 'reject');
  const eventLinks = usable.filter((m) => m.level === 'duplicate' || m.level === 'same_event');
  const storyLinks = usable.filter((m) => m.level !== 'unrelated');

  const eventGroups = cluster(staying, eventLinks, musts, cannot);
  // story view: starts from the event clusters (an event never splits across stories)
  const storyGroups = cluster(staying, storyLinks, [...musts, ...eventGroups], cannot);

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
