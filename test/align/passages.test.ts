import { describe, expect, it } from 'vitest';
import { matchPassages } from '../../src/align/index.ts';
import { asDoc } from './helpers.ts';

// Two independent reports of the same visit: the facts come in a different order and wording.
const reportA = asDoc([
  'Russian Foreign Minister Sergei Lavrov arrived in Beijing on Monday for a two-day visit.',
  'He will hold talks with his Chinese counterpart Wang Yi on the war in Ukraine and the Asia-Pacific region.',
  'Moscow and Beijing declared a "no limits" partnership in February 2022.',
  'Russia has since become China’s fastest-growing trading partner, with trade worth 240 billion dollars last year.',
  'The weather in the capital was unusually warm for the season.',
]);
const reportB = asDoc([
  'Trade between Russia and China reached 240 billion dollars last year, making Russia its fastest-growing trading partner.',
  'Local football clubs announced a new league schedule on Sunday.',
  'Sergei Lavrov, Russia’s foreign minister, arrived in Beijing on Monday for a visit of two days.',
  'The two countries declared a partnership with "no limits" in February 2022.',
  'Lavrov and Wang Yi are expected to discuss the war in Ukraine and the Asia-Pacific region.',
]);

describe('matchPassages', () => {
  it('pairs reordered sentences and leaves unrelated ones unpaired', () => {
    const links = matchPassages(reportA, reportB);
    expect(links.map((l) => [l.a, l.b])).toEqual([
      [0, 2],
      [1, 4],
      [2, 3],
      [3, 0],
    ]);
    for (const l of links) {
      expect(l.score).toBeGreaterThan(0.35);
      expect(l.score).toBeLessThanOrEqual(1);
    }
  });

  it('uses each sentence at most once and respects the threshold', () => {
    const dup = asDoc([reportA[0]!.text, reportA[0]!.text]);
    const links = matchPassages(dup, reportA);
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ b: 0, score: 1 });
    expect(matchPassages(reportA, reportB, { threshold: 0.99 })).toEqual([]);
  });

  it('matches by names and numbers when a side has no English', () => {
    const is = [
      { text: 'Viðskipti Rússlands og Kína námu 240 milljörðum dala í fyrra.', english: null },
      { text: 'Veðrið var hlýtt.', english: null },
    ];
    const links = matchPassages(is, reportA, { threshold: 0.2 });
    expect(links.map((l) => [l.a, l.b])).toEqual([[0, 3]]);
  });
});
