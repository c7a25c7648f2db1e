// Compilations (a digest, a roundup, a live blog: many stories in one document) must not chain the
// reports they carry into one story: they "contain" those reports, and a cluster merge needs
// support from both clusters, not one bridge document.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DATA, loadFlores } from '../../bench/eval/lib/match-data.ts';
import { containerOf } from '../../src/match/contains.ts';
import { clusterStories, findRepeatedPassages, fingerprint, MatchIndex } from '../../src/match/index.ts';
import type { DocumentMatch, MatchDocument, RepeatedPassage, Story } from '../../src/match/index.ts';
import { compilationDocuments, reportDocuments, reportId, REPORTS } from './roundup-stories.ts';

/**
 * Matches of a collection with the "contains" relation: compareFingerprints' own once it decides
 * it, else decided here the same way, from the repeated passages of each matched pair.
 */
function matchCollection(docs: MatchDocument[]): DocumentMatch[] {
  const matches = new MatchIndex().addAll(docs);
  if (matches.some((m) => m.container !== undefined)) return matches;
  const prints = new Map(docs.map((d) => [d.id, fingerprint(d)]));
  return matches.map((m) => {
    const [a, b] = [prints.get(m.a)!, prints.get(m.b)!];
    const container = containerOf(findRepeatedPassages(a, b), { id: a.id, sentences: a.sentences.length }, { id: b.id, sentences: b.sentences.length });
    return container === undefined ? m : { ...m, container };
  });
}

/** Clusters of one view as sorted id lists, keeping only the documents asked for. */
function clusters(stories: Story[], level: Story['level'], keep: (id: number) => boolean = () => true): number[][] {
  return stories
    .filter((s) => s.level === level)
    .map((s) => s.documents.filter(keep))
    .filter((c) => c.length)
    .sort((p, q) => p[0]! - q[0]!);
}

const link = (a: number, b: number, level: DocumentMatch['level'] = 'same_event', score = 0.6) =>
  ({ a, b, level, score, evidence: [], summary: '', basis: 'translation' }) as DocumentMatch;

describe('the contains relation', () => {
  /** Passages pairing sentences `from..to` of `small` with `at..` of `large`, one sentence each. */
  const passage = (small: number, large: number, from: number, to: number, at: number): RepeatedPassage[] =>
    Array.from({ length: to - from + 1 }, (_, k) => ({ a: { doc: small, sentences: [from + k] }, b: { doc: large, sentences: [at + k] }, score: 0.9 }));

  it('a roundup holding a whole report contains it, whichever way round they are given', () => {
    const p = passage(1, 2, 0, 4, 10);
    expect(containerOf(p, { id: 1, sentences: 5 }, { id: 2, sentences: 30 })).toBe(2);
    expect(containerOf(p, { id: 2, sentences: 30 }, { id: 1, sentences: 5 })).toBe(2);
  });
  it('an expanded version of a report, a shared background paragraph, or a long quote is no containment', () => {
    // the longer version is mostly the same report: same event, not a compilation
    expect(containerOf(passage(1, 2, 0, 4, 0), { id: 1, sentences: 5 }, { id: 2, sentences: 12 })).toBeUndefined();
    // two of ten sentences of wire-copy background
    expect(containerOf(passage(1, 2, 0, 1, 20), { id: 1, sentences: 10 }, { id: 2, sentences: 40 })).toBeUndefined();
    // a report two and a half times as long quoting most of a short one
    expect(containerOf(passage(1, 2, 0, 2, 4), { id: 1, sentences: 4 }, { id: 2, sentences: 10 })).toBeUndefined();
    expect(containerOf([], { id: 1, sentences: 4 }, { id: 2, sentences: 40 })).toBeUndefined();
  });
});

describe('clusters robust to hubs', () => {
  /** Story k: documents 10k+1..10k+size, every pair linked. */
  const story = (k: number, size = 3) => {
    const ids = Array.from({ length: size }, (_, i) => 10 * k + i + 1);
    return { ids, links: ids.flatMap((a, i) => ids.slice(i + 1).map((b) => link(a, b))) };
  };

  it('a hub linked to reports of many stories joins at most one of them and chains none', () => {
    const stories = [1, 2, 3, 4, 5].map((k) => story(k));
    // hub 0 holds one report of each story, more strongly than the stories' own links
    const hubLinks = stories.map((s) => link(0, s.ids[0]!, 'same_event', 0.95));
    const result = clusterStories([0, ...stories.flatMap((s) => s.ids)], [...hubLinks, ...stories.flatMap((s) => s.links)], []);
    for (const level of ['event', 'story'] as const) {
      expect(clusters(result, level, (d) => d !== 0)).toEqual(stories.map((s) => s.ids));
      expect(result.find((s) => s.level === level && s.documents.includes(0))!.documents.length).toBeLessThanOrEqual(4);
    }
  });
  it('a hub at story level does not chain the events it touches into one story', () => {
    const stories = [1, 2, 3].map((k) => story(k, 4));
    const hubLinks = stories.flatMap((s) => s.ids.slice(0, 2).map((d) => link(0, d, 'same_story', 0.4)));
    const result = clusterStories([0, ...stories.flatMap((s) => s.ids)], [...hubLinks, ...stories.flatMap((s) => s.links)], []);
    expect(clusters(result, 'story', (d) => d !== 0)).toEqual(stories.map((s) => s.ids));
  });
  it('keeps a story of four together however sparsely the candidate search linked it', () => {
    const shapes: [number, number][][] = [
      [[1, 2], [2, 3], [3, 4]], // a chain
      [[1, 2], [1, 3], [1, 4]], // a star
      [[1, 2], [3, 4], [2, 3]], // two pairs, one link between them
    ];
    for (const shape of shapes) {
      const result = clusterStories([1, 2, 3, 4, 5], shape.map(([a, b], i) => link(a, b, 'same_event', 0.9 - i / 10)), []);
      expect(clusters(result, 'event'), JSON.stringify(shape)).toEqual([[1, 2, 3, 4], [5]]);
    }
  });
  it('a contains relation is no link, but stays in the matches and yields to an analyst confirm', () => {
    const matches = [{ ...link(1, 2, 'same_event', 0.9), container: 1 }, link(2, 3)];
    expect(clusters(clusterStories([1, 2, 3], matches, []), 'event')).toEqual([[1], [2, 3]]);
    expect(clusters(clusterStories([1, 2, 3], matches, []), 'story')).toEqual([[1], [2, 3]]);
    expect(clusters(clusterStories([1, 2, 3], matches, [{ kind: 'confirm', a: 1, b: 2 }]), 'event')).toEqual([[1, 2, 3]]);
  });
});

describe('roundups of six stories in three languages', () => {
  const reports = reportDocuments();
  const isReport = (d: number) => d < 100;
  const expected = REPORTS.map((_, k) => [reportId(k, 'de'), reportId(k, 'nl'), reportId(k, 'en')]);
  const alone = clusterStories(reports.map((d) => d.id), matchCollection(reports), []);
  const all = [...compilationDocuments(), ...reports];
  const withCompilations = matchCollection(all);

  it('the reports form the same six events and stories with and without the two compilations', () => {
    expect(clusters(alone, 'event')).toEqual(expected);
    expect(clusters(alone, 'story')).toEqual(expected);
    const clustered = clusterStories(all.map((d) => d.id), withCompilations, []);
    expect(clusters(clustered, 'event', isReport)).toEqual(expected);
    expect(clusters(clustered, 'story', isReport)).toEqual(expected);
  });
  it('each compilation contains every report it holds, in any language', () => {
    for (const digest of [100, 101]) {
      const held = withCompilations.filter((m) => m.container === digest).map((m) => (m.a === digest ? m.b : m.a)).sort((p, q) => p - q);
      expect(held, `compilation ${digest}`).toEqual(expected.flat().sort((p, q) => p - q));
    }
  });
  it('without the contains relation, one compilation still cannot chain the stories', () => {
    const [german] = compilationDocuments();
    const bare = matchCollection([german!, ...reports]).map(({ container: _, ...m }) => m);
    expect(bare.filter((m) => m.a === 100 || m.b === 100).length).toBeGreaterThanOrEqual(expected.length);
    const clustered = clusterStories([100, ...reports.map((d) => d.id)], bare, []);
    expect(clusters(clustered, 'event', isReport)).toEqual(expected);
    expect(clusters(clustered, 'story', isReport)).toEqual(expected);
  });
});

const floresDir = join(DEFAULT_DATA, 'flores-dev');
const hasFlores = existsSync(join(floresDir, 'metadata.tsv'));
describe('FLORES with compilations', () => {
  it.skipIf(!hasFlores)(
    hasFlores ? 'per-article events are the same with a German and an Icelandic compilation, with and without MT' : `per-article events with compilations (skipped: no flores-dev at ${floresDir})`,
    () => {
      for (const mt of ['google', null]) {
        const { docs } = loadFlores(floresDir, mt);
        const first = Math.max(...docs.map((d) => d.id)) + 1;
        // every German line in one document, every Icelandic line in another
        const digests: MatchDocument[] = (['de', 'is'] as const).map((lang, i) => ({ id: first + i, lang, published: null, eventDates: [], sentences: docs.filter((d) => d.lang === lang).flatMap((d) => d.sentences) }));
        const alone = clusterStories(docs.map((d) => d.id), new MatchIndex().addAll(docs), []);
        // compilations first, so every report can find them among its candidates
        const matches = matchCollection([...digests, ...docs]);
        const clustered = clusterStories([...digests, ...docs].map((d) => d.id), matches, []);
        expect(clusters(clustered, 'event', (d) => d < first), `mt ${mt}`).toEqual(clusters(alone, 'event'));
        // the German compilation holds every German report it was compared with
        const lang = new Map(docs.map((d) => [d.id, d.lang]));
        const german = matches.filter((m) => (m.a === first || m.b === first) && lang.get(m.a === first ? m.b : m.a) === 'de');
        expect(german.length, `mt ${mt}`).toBeGreaterThan(50);
        expect(german.every((m) => m.container === first), `mt ${mt}`).toBe(true);
      }
    },
    // four collections of ~1,000 articles: about 20 s on a quiet machine, far more with the other core busy
    180_000,
  );
});
