// The fitted scorer and what it says: names that are names, evidence an analyst reads, the model
// file's promises, and the fitting code on data whose answer is known.
import { beforeAll, describe, expect, it } from 'vitest';
import { compareDocuments, fingerprint, matchLines, shippedModel } from '../../src/match/index.ts';
import type { DocumentMatch, MatchDocument } from '../../src/match/index.ts';
import { calibrateLevels, fitLinear, pearson } from '../../bench/eval/lib/similarity-fit.ts';
import { loadSamples } from './samples.ts';

const doc = (id: number, lang: MatchDocument['lang'], text: string[], extra: Partial<MatchDocument> = {}): MatchDocument => ({
  id, lang, published: null, eventDates: [], sentences: text.map((t) => ({ text: t, english: null })), ...extra,
});
const names = (d: MatchDocument) => new Set(Object.values(fingerprint(d).display ?? {}));

describe('names are names', () => {
  it('does not take capitalised German nouns for names, and keeps the names', () => {
    const de = doc(1, 'de', [
      'Der russische Außenminister Sergej Lawrow ist am Mittwoch in Pjöngjang eingetroffen.',
      'Die Beziehungen zwischen Moskau und Nordkorea haben sich seit dem Angriff auf die Ukraine vertieft.',
      'Das Außenministerium teilte mit, Lawrow werde mit Kim Jong Un über die Zusammenarbeit sprechen.',
      'Regierungssprecher und Spitzendiplomaten im Westen sehen die Annäherung mit Sorge.',
    ]);
    const found = names(de);
    for (const n of ['Lawrow', 'Sergej', 'Pjöngjang', 'Moskau', 'Kim']) expect(found, n).toContain(n);
    for (const n of ['Außenminister', 'Beziehungen', 'Außenministerium', 'Zusammenarbeit', 'Regierungssprecher', 'Spitzendiplomaten', 'Westen', 'Angriff', 'Mittwoch']) expect(found, n).not.toContain(n);
  });

  it('with an English translation, a German word is a name when the translation keeps it capitalised', () => {
    const de = ['Der russische Außenminister Sergej Lawrow ist am Mittwoch in Pjöngjang eingetroffen.', 'Die Zelle ist die kleinste Einheit der Lebewesen, sagte Professor Müller.', 'Das Wort Kork kommt aus dem Lateinischen.'];
    const en = ['Russian Foreign Minister Sergei Lavrov arrived in Pyongyang on Wednesday.', 'The cell is the smallest unit of living beings, said Professor Müller.', 'The word cork comes from Latin.'];
    const translated = names(doc(4, 'de', de, { sentences: de.map((text, i) => ({ text, english: en[i]! })) }));
    for (const n of ['Lawrow', 'Pjöngjang', 'Müller']) expect(translated, n).toContain(n);
    for (const n of ['Zelle', 'Lebewesen', 'Wort', 'Kork', 'Außenminister']) expect(translated, n).not.toContain(n);
    // English that keeps none of the capitalised words (a broken model) is no guide: the rules decide
    const garbled = names(doc(5, 'de', de, { sentences: de.map((text) => ({ text, english: 'qx blorp zz' })) }));
    expect(garbled).toContain('Lawrow');
    expect(garbled).not.toContain('Außenminister');
  });

  it('does not take a sentence-initial common word for a name (Icelandic, English)', () => {
    const is = doc(2, 'is', ['Fræðimenn telja að Lavrov hafi rætt við Kim Jong Un í Pjongjang.', 'Lavrov kom til Pjongjang á miðvikudag.']);
    expect(names(is)).not.toContain('Fræðimenn');
    expect(names(is)).toContain('Lavrov');
    const en = doc(3, 'en', ['Officials said Lavrov met Kim in Pyongyang.', 'Lavrov arrived on Wednesday, officials said.']);
    expect(names(en)).not.toContain('Officials');
    expect(names(en)).toContain('Lavrov');
  });

  it('two unrelated German reports are not matched on their nouns', () => {
    const a = doc(10, 'de', ['Die Regierung plant neue Gesetze für die Landwirtschaft.', 'Der Bauernverband kritisiert die Beziehungen zur Regierung.', 'Die Verhandlungen sollen im Frühjahr beginnen.']);
    const b = doc(11, 'de', ['Die Regierung in Madrid kündigte Beziehungen zu neuen Partnern an.', 'Die Verhandlungen über den Haushalt gehen weiter.', 'Der Fußballverein feierte den Sieg.']);
    const m = compareDocuments(a, b);
    expect(m.level).toBe('unrelated');
    expect(m.evidence.find((e) => e.kind === 'names')?.values ?? []).not.toContain('Regierung');
  });
});

describe('evidence an analyst reads', () => {
  let samples: MatchDocument[];
  beforeAll(async () => {
    samples = await loadSamples();
  });
  const all = () => {
    const out: DocumentMatch[] = [];
    for (let i = 0; i < samples.length; i++) for (let j = i + 1; j < samples.length; j++) out.push(compareDocuments(samples[i]!, samples[j]!));
    return out;
  };

  it('puts every item on one 0..1 scale, for or against, the deciding item first and only when it is for the level', () => {
    for (const m of all()) {
      const decisive = m.evidence.filter((e) => e.decisive);
      expect(decisive.length, `${m.a}-${m.b}`).toBe(m.level === 'unrelated' ? 0 : 1);
      if (decisive.length) {
        expect(m.evidence[0]!.decisive).toBe(true);
        expect(decisive[0]!.direction).toBe('for');
      }
      for (const e of m.evidence) {
        expect(e.weight).toBeGreaterThanOrEqual(0);
        expect(e.weight).toBeLessThanOrEqual(1);
        expect(['for', 'against', 'neutral']).toContain(e.direction);
        for (const v of e.values ?? []) expect(typeof v).toBe('string');
      }
    }
  });

  it('writes no ids, stems, feature names or raw objects, and no coverage over 100%', () => {
    for (const m of all()) {
      const text = [m.summary, ...m.evidence.flatMap((e) => [e.label, e.detail, ...(e.values ?? [])])].join('\n');
      expect(text).not.toMatch(/\[object Object\]|aligned_features|cognates? [a-z]{5}\b|\b\d+ published|#\d|↔ *\d+ \(/u);
      expect(text).not.toMatch(/_cosine|_body|text_|lexical/u);
      for (const p of text.matchAll(/(\d+)%/gu)) expect(Number(p[1])).toBeLessThanOrEqual(100);
      for (const iso of text.matchAll(/\b\d{4}-\d{2}(-\d{2})?\b/gu)) throw new Error(`ISO date shown raw: ${iso[0]}`);
    }
  });

  it('says in one sentence why a pair has its level, with names as the documents wrote them', () => {
    const m = compareDocuments(samples[0]!, samples[2]!);
    expect(m.summary).toMatch(/^Same story: both report on .*Lawrow/u);
    expect(m.summary).toMatch(/\d+ names/u);
    const names = m.evidence.find((e) => e.kind === 'names')!;
    expect(names.values).toEqual(expect.arrayContaining(['Lawrow / Lavrov', 'Putin / Poetin']));
    expect(names.direction).toBe('for');
    // the date conflict speaks against the same event, and is never starred
    const date = m.evidence.find((e) => e.kind === 'event_date');
    expect(date?.direction).toBe('against');
    expect(date?.decisive).toBeUndefined();
    // the CLI prints the same words
    const lines = matchLines(m);
    expect(lines[0]).toContain(m.summary);
    expect(lines.some((l) => l.includes(names.detail))).toBe(true);
  });

  it('weighs an item by what was measured, also where the fitted model gives that measurement no weight', () => {
    // every name of the short report is in the long one: containment 1, Dice lower
    const short = doc(30, 'de', ['Lawrow traf Kim Jong Un in Pjöngjang.', 'Schoigu begleitete Lawrow.']);
    const long = doc(31, 'de', ['Lawrow traf Kim Jong Un in Pjöngjang.', 'Schoigu begleitete Lawrow.', 'Auch Peskow, Sacharowa und Choe Son Hui aus Moskau und Seoul waren dabei.']);
    const item = compareDocuments(short, long).evidence.find((e) => e.kind === 'names')!;
    expect(shippedModel().models.text.terms.map((t) => t.feature)).not.toContain('names_in_smaller');
    expect(item.weight).toBe(1);
  });

  it('names the documents by their titles, and dates as dates', () => {
    const a = doc(20, 'de', ['Lawrow reist nach Pjöngjang.', 'Lawrow trifft Kim Jong Un.'], { title: 'Lawrow in Pjöngjang', published: '2023-10-18' });
    const b = doc(21, 'de', ['Lawrow reist nach Pjöngjang.', 'Lawrow trifft Kim Jong Un.', 'Ein Jahr später.'], { title: 'Lawrow wieder in Pjöngjang', published: '2024-11-02' });
    const m = compareDocuments(a, b);
    const date = m.evidence.find((e) => e.kind === 'event_date')!;
    expect(date.detail).toContain('“Lawrow in Pjöngjang” (de) was published 18 October 2023');
    expect(date.detail).toContain('2 November 2024');
    expect(date.direction).toBe('against');
    expect(m.level).not.toBe('same_event');
  });
});

describe('the shipped scorer', () => {
  it('states the data, the method and the cross-validated figures it came from', () => {
    const model = shippedModel();
    expect(model.data).toMatch(/semeval/iu);
    expect(model.method).toMatch(/ridge/iu);
    expect(model.levelCalibration).toMatch(/macro/iu);
    const cv = model.crossValidated as { pearson: Record<string, number>; folds: number };
    expect(cv.folds).toBeGreaterThanOrEqual(5);
    expect(cv.pearson['en-en']).toBeGreaterThan(0.8);
    for (const kind of ['text', 'cross'] as const) {
      const m = model.models[kind];
      // "more overlap, more similar": no term may say the opposite
      for (const t of m.terms) expect(t.coef, `${kind} ${t.feature}`).toBeLessThanOrEqual(0);
      expect(m.levels.same_event).toBeGreaterThan(m.levels.same_story);
    }
  });

  it('scores the same report highest and two unrelated ones low', () => {
    const a = doc(30, 'en', ['Five surfers died off the Dutch coast at Scheveningen on Monday, police said.', 'Rescue teams searched the North Sea with boats and helicopters.', 'Two of the surfers were trained lifeguards.']);
    const b = doc(31, 'en', ['The central bank raised interest rates by half a point to curb inflation.', 'Markets in Frankfurt fell after the announcement.', 'Economists expect another rise in spring.']);
    const same = compareDocuments(a, { ...a, id: 32 });
    expect(same.level).toBe('duplicate');
    expect(same.score).toBe(1);
    const other = compareDocuments(a, b);
    expect(other.level).toBe('unrelated');
    expect(other.score).toBeLessThan(0.3);
  });
});

describe('fitting', () => {
  it('recovers a known linear rating and keeps every coefficient in the similar direction', () => {
    // rating = 4 - 2*x1 - 1*x2 (+ noise), x3 carries nothing and would take the wrong sign
    let s = 7;
    const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647);
    const rows = Array.from({ length: 400 }, () => {
      const x1 = rnd();
      const x2 = rnd();
      const x3 = rnd();
      return { features: { text_cosine: x1, headline_cosine: x2, numbers: x3 }, rating: 4 - 2 * x1 - x2 + 0.3 * x3 + (rnd() - 0.5) * 0.05 };
    });
    const m = fitLinear(rows, [{ feature: 'text_cosine', transform: 'raw' }, { feature: 'headline_cosine', transform: 'raw' }, { feature: 'numbers', transform: 'raw' }], 0.01);
    const coef = Object.fromEntries(m.terms.map((t) => [t.feature, t.coef / t.sd]));
    expect(coef.text_cosine).toBeCloseTo(-2, 1);
    expect(coef.headline_cosine).toBeCloseTo(-1, 1);
    expect(coef.numbers).toBeUndefined();
  });

  it('calibrates level thresholds that separate the gold levels', () => {
    const pairs = [1, 1.2, 1.4, 2, 2.2, 2.4, 3, 3.5, 4].map((overall) => ({ overall, aspects: { entities: overall } }));
    const scores = pairs.map((p) => (4 - p.overall) / 3);
    const levels = calibrateLevels(scores, pairs);
    expect(levels.macroF1).toBe(1);
    expect(levels.same_event).toBeGreaterThan(levels.same_story);
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 9);
  });
});
