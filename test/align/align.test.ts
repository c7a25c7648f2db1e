import { describe, expect, it } from 'vitest';
import { alignDocuments } from '../../src/align/index.ts';
import type { AlignSentence, Bead } from '../../src/align/index.ts';
import { asDoc, rng, sampleSentences } from './helpers.ts';

/** Every index of both sides exactly once, in order, and kinds matching the bead sizes. */
function expectCoverage(beads: Bead[], n: number, m: number): void {
  const as = beads.flatMap((b) => b.a), bs = beads.flatMap((b) => b.b);
  expect(as).toEqual(Array.from({ length: n }, (_, i) => i));
  expect(bs).toEqual(Array.from({ length: m }, (_, i) => i));
  for (const b of beads) {
    expect(b.kind).toBe(`${b.a.length}-${b.b.length}`);
    expect(b.a.length + b.b.length).toBeGreaterThan(0);
    expect(b.score).toBeGreaterThanOrEqual(0);
    expect(b.score).toBeLessThanOrEqual(1);
  }
}

const key = (b: { a: number[]; b: number[] }) => `${b.a.join(',')}:${b.b.join(',')}`;

describe('alignDocuments', () => {
  const de = sampleSentences('003');
  const other = sampleSentences('001');

  it('aligns identical documents 1-1 with high scores', () => {
    const beads = alignDocuments(asDoc(de), asDoc(de), { langA: 'de', langB: 'de' });
    expectCoverage(beads, de.length, de.length);
    expect(beads.every((b) => b.kind === '1-1')).toBe(true);
    expect(beads.map((b) => b.a[0])).toEqual(beads.map((b) => b.b[0]));
    expect(Math.min(...beads.map((b) => b.score))).toBeGreaterThan(0.9);
  });

  it('finds two source sentences merged into one target sentence (2-1) and the reverse (1-2)', () => {
    const merged = [...de.slice(0, 5), `${de[5]} ${de[6]}`, ...de.slice(7)];
    const beads = alignDocuments(asDoc(de), asDoc(merged));
    expectCoverage(beads, de.length, merged.length);
    expect(beads.map(key)).toContain('5,6:5');
    expect(beads.filter((b) => b.kind !== '1-1')).toHaveLength(1);
    const reverse = alignDocuments(asDoc(merged), asDoc(de));
    expect(reverse.map(key)).toContain('5:5,6');
    expect(reverse.find((b) => key(b) === '5:5,6')?.kind).toBe('1-2');
  });

  it('leaves an inserted unrelated sentence unpaired (0-1) and a dropped one (1-0)', () => {
    const inserted = [...de.slice(0, 8), other[3]!, ...de.slice(8)];
    const ins = alignDocuments(asDoc(de), asDoc(inserted));
    expectCoverage(ins, de.length, inserted.length);
    expect(ins.filter((b) => b.kind === '0-1').map(key)).toEqual([':8']);
    expect(ins.filter((b) => b.kind !== '1-1' && b.kind !== '0-1')).toEqual([]);

    const dropped = [...de.slice(0, 12), ...de.slice(13)];
    const del = alignDocuments(asDoc(de), asDoc(dropped));
    expectCoverage(del, de.length, dropped.length);
    expect(del.filter((b) => b.kind === '1-0').map(key)).toEqual(['12:']);
    expect(del.find((b) => key(b) === '12:')?.score).toBe(0);
  });

  it('uses the machine translation as the bridge to an English document', () => {
    // German source with its MT, aligned to an independently written English version.
    const a: AlignSentence[] = [
      { text: 'Der russische Außenminister Lawrow traf am Mittwoch in Pjöngjang ein.', english: 'Russian Foreign Minister Lavrov arrived in Pyongyang on Wednesday.' },
      { text: 'Er dankte Nordkorea für seine Unterstützung.', english: 'He thanked North Korea for its support.' },
      { text: 'Es war sein erster Besuch seit 2018.', english: 'It was his first visit since 2018.' },
      { text: 'Die Gespräche sollen zwei Tage dauern.', english: 'The talks are expected to last two days.' },
      { text: 'Beobachter im Westen sind besorgt.', english: 'Observers in the West are worried.' },
    ];
    const b = asDoc([
      'Russia’s foreign minister Sergei Lavrov arrived in Pyongyang on Wednesday and thanked North Korea for its support.',
      'It is his first trip to the country since 2018.',
      'Western diplomats say they are alarmed by the visit.',
      'The talks will last two days, officials said.',
      'Observers in the West are worried.',
    ]);
    const beads = alignDocuments(a, b, { langA: 'de', langB: 'en' });
    expectCoverage(beads, a.length, b.length);
    expect(beads[0]).toMatchObject({ a: [0, 1], b: [0], kind: '2-1' });
    expect(beads.map(key)).toContain('2:1');
    expect(beads.map(key)).toContain('4:4');
  });

  it('falls back to language-independent evidence without MT (Icelandic-English)', () => {
    const is: AlignSentence[] = [
      'Sergey Lavrov, utanríkisráðherra Rússlands, kom til Peking á mánudag.',
      'Heimsóknin stendur í tvo daga.',
      'Hann hittir Wang Yi, utanríkisráðherra Kína, og ræðir samskipti ríkjanna.',
      'Viðskipti landanna námu 190 milljörðum dala árið 2023.',
      'Er það skilið?',
      'Zhao Lijian, talsmaður ráðuneytisins, sagði að fundurinn væri mikilvægur fyrir bæði lönd.',
    ].map((t) => ({ text: t, english: null }));
    const en = asDoc([
      'Sergey Lavrov, the Russian foreign minister, arrived in Beijing on Monday.',
      'The visit lasts two days.',
      'He will meet Wang Yi, the Chinese foreign minister, and discuss relations between the two states.',
      'Trade between the countries reached 190 billion dollars in 2023.',
      'Is that clear?',
      'Zhao Lijian, the ministry spokesman, said the meeting was important for both countries.',
    ]);
    const beads = alignDocuments(is, en, { langA: 'is', langB: 'en' });
    expect(beads.map(key)).toEqual(['0:0', '1:1', '2:2', '3:3', '4:4', '5:5']);
  });

  it('covers every sentence exactly once, in order, under random perturbations (property)', () => {
    const pools = ['000', '001', '002', '003', '004'].map(sampleSentences);
    const rand = rng(42);
    let correct = 0, total = 0;
    for (let trial = 0; trial < 60; trial++) {
      const src = pools[trial % pools.length]!;
      const foreign = pools[(trial + 1) % pools.length]!;
      const a: string[] = [], b: string[] = [];
      const gold: string[] = [];
      for (let i = 0; i < src.length; i++) {
        const r = rand();
        if (r < 0.08 && i + 1 < src.length) {
          gold.push(`${a.length},${a.length + 1}:${b.length}`);
          a.push(src[i]!, src[i + 1]!);
          b.push(`${src[i]} ${src[i + 1]}`);
          i++;
        } else if (r < 0.13) {
          gold.push(`${a.length}:`);
          a.push(src[i]!);
        } else if (r < 0.18) {
          gold.push(`:${b.length}`);
          b.push(foreign[Math.floor(rand() * foreign.length)]!);
          i--;
        } else {
          gold.push(`${a.length}:${b.length}`);
          a.push(src[i]!);
          b.push(src[i]!);
        }
      }
      const beads = alignDocuments(asDoc(a), asDoc(b), { band: 1 + Math.floor(rand() * 20) });
      expectCoverage(beads, a.length, b.length);
      const found = new Set(beads.map(key));
      correct += gold.filter((g) => found.has(g)).length;
      total += gold.length;
    }
    // The samples repeat titles and passages, so a few beads are legitimately ambiguous.
    expect(correct / total).toBeGreaterThan(0.93);
  });

  it('handles empty sides', () => {
    expect(alignDocuments([], [])).toEqual([]);
    expect(alignDocuments(asDoc(['Eins.']), [])).toEqual([{ a: [0], b: [], score: 0, kind: '1-0' }]);
    expect(alignDocuments([], asDoc(['One.', 'Two.'])).map((b) => b.kind)).toEqual(['0-1', '0-1']);
  });

  it('aligns 2,000 x 2,000 sentences (coarse-to-fine) and keeps full coverage', () => {
    const base = ['000', '001', '002', '003', '004'].flatMap(sampleSentences);
    const a: string[] = [];
    for (let i = 0; a.length < 2000; i++) a.push(`${base[i % base.length]} [${i}]`);
    const b = a.filter((_, i) => i % 97 !== 5);
    while (b.length < 2000) b.push(`Zusatz ${b.length}: ${base[b.length % base.length]}`);
    const beads = alignDocuments(asDoc(a), asDoc(b));
    expectCoverage(beads, 2000, 2000);
    const ones = beads.filter((bd) => bd.kind === '1-1' && a[bd.a[0]!] === b[bd.b[0]!]).length;
    expect(ones).toBeGreaterThan(1900);
  });

  it('holds its quality on long documents that repeat (6,000 sentences under merges, drops and insertions)', () => {
    // One text of 1,000 distinct sentences, six times over: b repeats it verbatim, a with a word
    // changed in every sentence (another translation of the same text), so a stretch of b looks
    // much like the same stretch one copy earlier or later.
    const rand = rng(7);
    const word = () => Array.from({ length: 2 + Math.floor(rand() * 8) }, () => String.fromCharCode(97 + Math.floor(rand() * 26))).join('');
    const sentence = () => Array.from({ length: 6 + Math.floor(rand() * 16) }, word);
    const text = Array.from({ length: 1000 }, sentence);
    const pairs: [string, string][] = [];
    for (let copy = 0; copy < 6; copy++) {
      for (const words of text) {
        const variant = [...words];
        variant[Math.floor(rand() * variant.length)] = word();
        pairs.push([`${variant.join(' ')}.`, `${words.join(' ')}.`]);
      }
    }
    const a: string[] = [], b: string[] = [], gold: string[] = [];
    for (let i = 0; i < pairs.length; i++) {
      const r = rand(), [s, t] = pairs[i]!;
      if (r < 0.1 && i + 1 < pairs.length) {
        const [s2, t2] = pairs[++i]!;
        gold.push(`${a.length},${a.length + 1}:${b.length}`);
        a.push(s, s2);
        b.push(`${t} ${t2}`);
      } else if (r < 0.15) {
        gold.push(`:${b.length}`);
        b.push(t);
      } else if (r < 0.2) {
        gold.push(`${a.length}:`, `${a.length + 1}:${b.length}`);
        a.push(`${sentence().join(' ')}.`, s);
        b.push(t);
      } else {
        gold.push(`${a.length}:${b.length}`);
        a.push(s);
        b.push(t);
      }
    }
    const beads = alignDocuments(asDoc(a), asDoc(b));
    expectCoverage(beads, a.length, b.length);
    const found = new Set(beads.map(key));
    expect(gold.filter((g) => found.has(g)).length / gold.length).toBeGreaterThan(0.97);
  });

  it('does not read a length ratio into a short document from a sentence it lacks (no MT)', () => {
    // b opens with a sentence a lacks; b1 and b2 translate a0 and a1 (90 -> 98, 195 -> 194
    // characters). The documents' own ratio (438 / 285 = 1.5) would pair a0 with b0 (146).
    const a: AlignSentence[] = [
      'Stjórnin hefur ákveðið að fresta fundinum um eina viku vegna veðursins sem gengur nú yfir.',
      'Þeir sem höfðu skráð sig á fundinn fá skilaboð um nýja tímasetningu fljótlega, sögðu forsvarsmenn hópsins í gær, og þeir báðu fólk um að sýna biðlund á meðan unnið væri að því að finna nýjan sal.',
    ].map((t) => ({ text: t, english: null }));
    const b = asDoc([
      'Many residents of the town said that they had been waiting for a decision of this kind for a very long time, and that it came as a relief to them.',
      'The board has decided to postpone the meeting by one week because of the weather now passing over.',
      'Those who had registered for the meeting will soon receive a message about the new time, the organisers said yesterday, and they asked people to be patient while work went on to find a new hall.',
    ]);
    const beads = alignDocuments(a, b, { langA: 'is', langB: 'en' });
    expect(beads.map(key)).toEqual([':0', '0:1', '1:2']);
  });
});
