import { beforeAll, describe, expect, it } from 'vitest';
import { clusterStories, compareDocuments, findNumbers, findRepeatedPassages, fingerprint, foldName, MatchIndex } from '../../src/match/index.ts';
import type { DocumentMatch, MatchDocument, Story } from '../../src/match/index.ts';
import { S003_DUTCH, S003_ENGLISH, SEED_ENGLISH } from './fixtures.ts';
import { loadSamples } from './samples.ts';

let plain: MatchDocument[];
let withEnglish: MatchDocument[];
beforeAll(async () => {
  plain = await loadSamples();
  withEnglish = await loadSamples(SEED_ENGLISH);
});
const doc = (docs: MatchDocument[], id: number) => docs.find((d) => d.id === id)!;
const related = (m: DocumentMatch) => m.level !== 'unrelated';

describe('name normalization', () => {
  const same = (variants: [string, 'de' | 'nl' | 'is' | 'en'][]) => {
    const keys = new Set(variants.map(([w, l]) => foldName(w, l)));
    expect([...keys], variants.map((v) => v[0]).join('/')).toHaveLength(1);
  };
  it('folds transliteration variants and inflections', () => {
    same([['Lawrow', 'de'], ['Lawrows', 'de'], ['Lavrov', 'en'], ['Lavrovs', 'is']]);
    same([['Poetin', 'nl'], ['Putin', 'en'], ['Pútín', 'is'], ['Pútíns', 'is'], ['Putins', 'de']]);
    same([['Wladimir', 'de'], ['Vladimir', 'en'], ['Vladímír', 'is']]);
    same([['Pjöngjang', 'de'], ['Pyongyang', 'en'], ['Pjöngjangs', 'de']]);
    same([['Sergej', 'de'], ['Sergey', 'is'], ['Sergei', 'nl']]);
    same([['Peskow', 'de'], ['Peskov', 'en']]);
    same([['Schoigu', 'de'], ['Shoigu', 'en']]);
    same([['Sacharowa', 'de'], ['Zakharova', 'en']]);
    same([['Selenskyj', 'de'], ['Zelensky', 'en'], ['Zelenski', 'nl']]);
    same([['Wostotschny', 'de'], ['Vostochny', 'en']]);
    same([['Oekraïne', 'nl'], ['Ukraine', 'de'], ['Úkraínu', 'is']]);
    same([['Tschaikowski', 'de'], ['Tchaikovsky', 'en']]);
  });
  it('uses the small exonym table where no rule reaches', () => {
    same([['Peking', 'de'], ['Beijing', 'nl']]);
    same([['Moskau', 'de'], ['Moskou', 'nl'], ['Moscow', 'en'], ['Moskvu', 'is']]);
    same([['Kína', 'is'], ['China', 'de'], ['Chinas', 'de']]);
    same([['Russland', 'de'], ['Rússlands', 'is'], ['Rusland', 'nl'], ['Russia', 'en']]);
    same([['Kiew', 'de'], ['Kyiv', 'en']]);
  });
  it('keeps different names apart', () => {
    expect(foldName('Putin', 'de')).not.toBe(foldName('Peskow', 'de'));
    expect(foldName('Moskau', 'de')).not.toBe(foldName('Peking', 'de'));
    expect(foldName('Kim', 'de')).not.toBe(foldName('Choe', 'de'));
  });
});

describe('numbers', () => {
  it('normalizes separators by language and scale words', () => {
    expect(findNumbers('bijna 8.000 mensen', 'nl')).toEqual(['8000']);
    expect(findNumbers('nearly 8,000 people', 'en')).toEqual(['8000']);
    expect(findNumbers('fast 8000 Menschen', 'de')).toEqual(['8000']);
    expect(findNumbers('3,5 Prozent', 'de')).toEqual(['3.5']);
    expect(findNumbers('3.5 percent', 'en')).toEqual(['3.5']);
    expect(findNumbers('107 milljörðum', 'is')).toEqual(findNumbers('107 billion', 'en'));
    expect(findNumbers('2,5 Millionen', 'de')).toEqual(findNumbers('2.5 million', 'en'));
  });
});

describe('repeated passages', () => {
  it('finds the repeat inside sample 000 as one passage', () => {
    const passages = findRepeatedPassages(doc(plain, 0));
    expect(passages).toHaveLength(1);
    // The repeated block is sentences 1-7 (paragraphs 1-6) again as sentences 8-14.
    expect(passages[0]!.a).toEqual({ doc: 0, sentences: [1, 2, 3, 4, 5, 6, 7] });
    expect(passages[0]!.b).toEqual({ doc: 0, sentences: [8, 9, 10, 11, 12, 13, 14] });
  });
  it('finds the repeated Putin quote in 002 and nothing inside 001, 003, 004', () => {
    // 002 quotes "We staan open voor een dialoog over Oekraïne ..." twice (sentences 7 and 13)
    expect(findRepeatedPassages(doc(plain, 2)).map((p) => [p.a.sentences, p.b.sentences])).toEqual([[[7], [13]]]);
    for (const id of [1, 3, 4]) expect(findRepeatedPassages(doc(plain, id))).toEqual([]);
  });
  it('finds the shared wire copy of 000 (de) and 002 (nl) through English', () => {
    const passages = findRepeatedPassages(doc(withEnglish, 0), doc(withEnglish, 2));
    expect(passages.length).toBeGreaterThan(0);
    expect(passages[0]!.a.sentences).toContain(5);
    expect(passages[0]!.b.sentences).toContain(5);
    // and none without the English (different languages, nothing to compare sentence by sentence)
    expect(findRepeatedPassages(doc(plain, 0), doc(plain, 2))).toEqual([]);
  });
  it('finds same-language repeats across documents', () => {
    const d3 = doc(plain, 3);
    const copy: MatchDocument = { id: 9, lang: 'de', published: null, eventDates: [], sentences: [{ text: 'Ein ganz anderer Einstieg über das Wetter in Berlin am Morgen.', english: null }, ...d3.sentences.slice(2, 6), { text: 'Mehr dazu folgt in Kürze.', english: null }] };
    const passages = findRepeatedPassages(d3, copy);
    expect(passages).toHaveLength(1);
    expect(passages[0]!.a.sentences).toEqual([2, 3, 4, 5]);
    expect(passages[0]!.b.sentences).toEqual([1, 2, 3, 4]);
  });
});

describe('document matches on the seeds', () => {
  it('relates 000/002 and 003/004 with evidence', () => {
    const m02 = compareDocuments(doc(withEnglish, 0), doc(withEnglish, 2));
    expect(related(m02)).toBe(true);
    const kinds = m02.evidence.map((e) => e.kind);
    expect(kinds).toContain('names');
    expect(kinds).toContain('passages');
    const names = m02.evidence.find((e) => e.kind === 'names')!.values as string[];
    // Shown as each document wrote them: the pairing of different spellings is the evidence.
    expect(names).toEqual(expect.arrayContaining(['Putin / Poetin', 'Lawrow / Lavrov', 'Moskau / Moskou', 'Xi', expect.stringMatching(/^Peking \/ Beijing$/iu)]));
    const m34 = compareDocuments(doc(plain, 3), doc(plain, 4));
    expect(related(m34)).toBe(true);
    expect(m34.basis).toBe('same_language');
    expect(m34.evidence.some((e) => (e.kind === 'wording' || e.kind === 'headline') && e.decisive)).toBe(true);
    expect(m34.evidence.some((e) => e.kind === 'names')).toBe(true);
    expect(m02.evidence.some((e) => e.decisive)).toBe(true);
  });
  it('keeps 000/001/002 related but different events, and 000/003 not the same event', () => {
    for (const [a, b] of [[0, 1], [0, 2], [1, 2]] as const) {
      const m = compareDocuments(doc(plain, a), doc(plain, b));
      expect(m.level, `${a}-${b}`).toBe('same_story');
      expect(m.basis).toBe('language_independent');
    }
    expect(['same_story', 'unrelated']).toContain(compareDocuments(doc(plain, 0), doc(plain, 3)).level);
    expect(['same_story', 'unrelated']).toContain(compareDocuments(doc(withEnglish, 0), doc(withEnglish, 2)).level);
  });
  it('finds no duplicate among the five', () => {
    for (const docs of [plain, withEnglish]) for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) {
      expect(compareDocuments(docs[i]!, docs[j]!).level, `${i}-${j}`).not.toBe('duplicate');
    }
  });
  it('orders a pair the same whichever way it is compared', () => {
    expect(compareDocuments(doc(plain, 4), doc(plain, 3))).toEqual(compareDocuments(doc(plain, 3), doc(plain, 4)));
  });
});

describe('translated duplicate', () => {
  it('a German article and its Dutch version with English are duplicates', () => {
    const d3 = doc(plain, 3);
    expect(d3.sentences).toHaveLength(S003_ENGLISH.length);
    const de: MatchDocument = { ...d3, sentences: d3.sentences.map((s, i) => ({ text: s.text, english: S003_ENGLISH[i]! })) };
    const nl: MatchDocument = { id: 11, lang: 'nl', published: null, eventDates: d3.eventDates, sentences: S003_DUTCH.map((text, i) => ({ text, english: S003_ENGLISH[i]! })) };
    const m = compareDocuments(de, nl);
    expect(m.level).toBe('duplicate');
    expect(m.basis).toBe('translation');
    expect(m.score).toBeGreaterThan(0.9);
    expect(m.evidence.find((e) => e.decisive)?.kind).toBe('passages');
    // without any translation: language-independent evidence still puts them on the same event
    const bare = compareDocuments(doc(plain, 3), { ...nl, sentences: nl.sentences.map((s) => ({ ...s, english: null })) });
    expect(bare.basis).toBe('language_independent');
    expect(['same_event', 'duplicate']).toContain(bare.level);
  });
});

describe('language-independent evidence sentence by sentence', () => {
  const dutch = (id: number, sentences: string[]): MatchDocument => ({ id, lang: 'nl', published: null, eventDates: [], sentences: sentences.map((text) => ({ text, english: null })) });
  it('decides a translation without English on features shared by corresponding sentences', () => {
    const m = compareDocuments(doc(plain, 3), dutch(11, S003_DUTCH));
    const aligned = m.evidence.find((e) => e.kind === 'aligned_sentences')!;
    expect(m.level).toBe('same_event');
    expect(aligned.direction).toBe('for');
    expect((aligned.values as string[])[0]).toBe('sentence 1 \u2194 1');
    // the chain pairs sentence i with sentence i for most of the article
    const diagonal = (aligned.values as string[]).filter((v) => { const [i, j] = v.replace('sentence ', '').split(' \u2194 '); return i === j; });
    expect(diagonal.length).toBeGreaterThanOrEqual(8);
  });
  it('scores the same features lower when they do not sit in corresponding sentences', () => {
    const inOrder = compareDocuments(doc(plain, 3), dutch(11, S003_DUTCH));
    const shuffled = compareDocuments(doc(plain, 3), dutch(11, [...S003_DUTCH].reverse()));
    const w = (m: DocumentMatch) => m.evidence.find((e) => e.kind === 'aligned_sentences')?.weight ?? 0;
    expect(w(shuffled)).toBeLessThan(w(inOrder));
    const chain = (m: DocumentMatch) => m.evidence.find((e) => e.kind === 'aligned_sentences')?.values?.length ?? 0;
    expect(chain(shuffled)).toBeLessThan(chain(inOrder));
    // the document-level name overlap is the same either way
    const names = (m: DocumentMatch) => m.evidence.find((e) => e.kind === 'names')?.values;
    expect(names(shuffled)).toEqual(names(inOrder));
  });
  it('does not let a long document pair add up chance overlaps into the same event', () => {
    // two long reports of one story (000 de, 001 is) share many names in non-corresponding sentences
    const m = compareDocuments({ ...doc(plain, 0), published: null, eventDates: [] }, { ...doc(plain, 1), published: null, eventDates: [] });
    expect(m.basis).toBe('language_independent');
    expect(m.level).toBe('same_story');
  });
});

describe('MatchIndex', () => {
  const key = (ms: DocumentMatch[]) => ms.map((m) => `${m.a}-${m.b}:${m.level}:${m.score}`).sort();
  it('gives the same pairs one by one, in any order, as all at once, and as all pairs', () => {
    const all = new MatchIndex().addAll(withEnglish);
    const reversed = new MatchIndex();
    const oneByOne: DocumentMatch[] = [];
    for (const d of [...withEnglish].reverse()) oneByOne.push(...reversed.add(d));
    expect(key(oneByOne)).toEqual(key(all));
    const brute: DocumentMatch[] = [];
    for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) {
      const m = compareDocuments(withEnglish[i]!, withEnglish[j]!);
      if (m.level !== 'unrelated') brute.push(m);
    }
    expect(key(all)).toEqual(key(brute));
    expect(all.some((m) => m.a === 3 && m.b === 4)).toBe(true);
  });
  it('keeps a comparison for an untranslated report in another language when same-language documents crowd the ranking', () => {
    const d3 = doc(plain, 3);
    const nl = { id: 100, lang: 'nl' as const, published: null, eventDates: [], sentences: S003_DUTCH.map((text) => ({ text, english: null })) };
    // 25 German documents close to 003 (copies of 004, which shares many names and words with it)
    const crowd = Array.from({ length: 25 }, (_, k) => ({ ...doc(plain, 4), id: 200 + k }));
    const index = new MatchIndex({ maxCandidates: 10 });
    index.addAll([nl, ...crowd]);
    expect(index.candidates(fingerprint(d3))).toContain(100);
    const found = index.add(d3);
    expect(found.find((m) => m.b === 100 || m.a === 100)?.level).toMatch(/same_event|duplicate/u);
  });
  it('removes documents and persists through fingerprints', () => {
    const index = new MatchIndex();
    index.addAll(plain.slice(0, 4));
    expect(index.size).toBe(4);
    index.remove(3);
    expect(index.size).toBe(3);
    expect(index.add(doc(plain, 4)).some((m) => m.a === 3 || m.b === 3)).toBe(false);
    const stored = JSON.parse(JSON.stringify(index.fingerprints()));
    const restored = MatchIndex.fromFingerprints(stored);
    expect(restored.size).toBe(4);
    expect(key(restored.add(doc(plain, 3)))).toEqual(key(new MatchIndex().addAll([...plain.slice(0, 3), doc(plain, 4), doc(plain, 3)]).filter((m) => m.a === 3 || m.b === 3)));
    expect(fingerprint(doc(plain, 3))).toEqual(JSON.parse(JSON.stringify(fingerprint(doc(plain, 3)))));
  });
});

describe('stories', () => {
  const link = (a: number, b: number, level: DocumentMatch['level'], score = 0.6): DocumentMatch => ({ a, b, level, score, evidence: [], summary: '', basis: 'same_language' });
  const groups = (stories: Story[], level: Story['level']) => stories.filter((s) => s.level === level).map((s) => s.documents);
  it('clusters events and looser stories with ids from the smallest document', () => {
    const s = clusterStories([1, 2, 3, 4, 5], [link(1, 2, 'duplicate', 0.9), link(2, 3, 'same_event'), link(3, 4, 'same_story', 0.3)], []);
    expect(groups(s, 'event')).toEqual([[1, 2, 3], [4], [5]]);
    expect(groups(s, 'story')).toEqual([[1, 2, 3, 4], [5]]);
    expect(s.find((x) => x.level === 'event' && x.documents.includes(2))!.id).toBe('e1');
  });
  it('a reject splits a chained cluster; a confirm joins', () => {
    const links = [link(1, 2, 'same_event', 0.9), link(2, 3, 'same_event', 0.5)];
    const split = clusterStories([1, 2, 3], links, [{ kind: 'reject', a: 1, b: 3 }]);
    expect(groups(split, 'event')).toEqual([[1, 2], [3]]);
    expect(groups(split, 'story')).toEqual([[1, 2], [3]]);
    const joined = clusterStories([1, 2, 3, 4], links, [{ kind: 'confirm', a: 3, b: 4 }]);
    expect(groups(joined, 'event')).toEqual([[1, 2, 3, 4]]);
    // the last decision on a pair wins
    const undone = clusterStories([1, 2, 3], links, [{ kind: 'reject', a: 1, b: 3 }, { kind: 'confirm', a: 1, b: 3 }]);
    expect(groups(undone, 'event')).toEqual([[1, 2, 3]]);
  });
  it('a move sticks across reruns and ids stay stable when documents are added', () => {
    const links = [link(1, 2, 'same_event'), link(3, 4, 'same_event'), link(2, 5, 'same_event')];
    const decisions = [{ kind: 'move' as const, doc: 5, story: 'e3' }];
    const first = clusterStories([1, 2, 3, 4, 5], links, decisions);
    expect(first.find((s) => s.id === 'e3')!.documents).toEqual([3, 4, 5]);
    expect(first.find((s) => s.id === 'e1')!.documents).toEqual([1, 2]);
    // rerun with a new document 0 linked to 2 and a fresh link 5-1: the move still holds
    const second = clusterStories([0, 1, 2, 3, 4, 5], [...links, link(0, 2, 'same_event'), link(1, 5, 'duplicate', 0.99)], decisions, first);
    expect(second.find((s) => s.id === 'e3')!.documents).toEqual([3, 4, 5]);
    // the cluster of 1 and 2 keeps its id although 0 is now its smallest document
    expect(second.find((s) => s.id === 'e1')!.documents).toEqual([0, 1, 2]);
    expect(second.find((s) => s.level === 'story' && s.documents.includes(5))!.documents).toEqual([3, 4, 5]);
  });
});
