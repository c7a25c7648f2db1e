import { describe, expect, it } from 'vitest';
import { wordDiff } from '../../src/align/index.ts';
import type { DiffPart } from '../../src/align/index.ts';
import { tokenize } from '../../src/align/tokenize.ts';

const newSide = (parts: DiffPart[]) => parts.filter((p) => !p.removed).map((p) => p.value).join('');
const oldSide = (parts: DiffPart[]) => parts.filter((p) => !p.added).map((p) => (p.removed ? p.value : (p.valueA ?? p.value))).join('');
const changed = (parts: DiffPart[]) => parts.filter((p) => p.added || p.removed).map((p) => `${p.added ? '+' : '-'}${p.value.trim()}`);

describe('tokenize', () => {
  it('keeps numbers with separators, letters of every script and punctuation apart', () => {
    const words = (s: string) => tokenize(s).filter((t) => t.kind !== 'space').map((t) => t.text);
    expect(words('Es kostete 8.000 Euro, also 1,000.5 mehr.')).toEqual(['Es', 'kostete', '8.000', 'Euro', ',', 'also', '1,000.5', 'mehr', '.']);
    expect(words('Þrándur fór til Ísafjarðar; Größe: 3,5%')).toEqual(['Þrándur', 'fór', 'til', 'Ísafjarðar', ';', 'Größe', ':', '3,5%']);
    expect(words('„Nicht ausgeschlossen“ – Kreml')).toEqual(['„', 'Nicht', 'ausgeschlossen', '“', '–', 'Kreml']);
    expect(tokenize('a  b, c').map((t) => t.text).join('')).toBe('a  b, c');
  });
});

describe('wordDiff', () => {
  it('marks changed words and reconstructs both sentences', () => {
    const a = 'The minister arrived in Beijing on Monday.';
    const b = 'The foreign minister arrived in Pyongyang on Monday.';
    const parts = wordDiff(a, b);
    expect(newSide(parts)).toBe(b);
    expect(oldSide(parts)).toBe(a);
    expect(changed(parts)).toEqual(['+foreign', '-Beijing', '+Pyongyang']);
  });

  it('treats numbers as single tokens', () => {
    const parts = wordDiff('Trade reached 1,000.5 million in 2023.', 'Trade reached 1,000.7 million in 2023.');
    expect(changed(parts)).toEqual(['-1,000.5', '+1,000.7']);
    expect(changed(wordDiff('Es waren 8.000 Menschen.', 'Es waren 8.000 Menschen.'))).toEqual([]);
    expect(changed(wordDiff('about 8.000 people', 'about 9.000 people'))).toEqual(['-8.000', '+9.000']);
  });

  it('separates punctuation and can ignore it', () => {
    const a = 'Lavrov said: "We are ready."';
    const b = 'Lavrov said we are ready';
    expect(changed(wordDiff('We are ready.', 'We are ready!'))).toEqual(['-.', '+!']);
    expect(changed(wordDiff(a, b))).toEqual(['-: "We', '+we', '-."']);
    const ignoring = wordDiff(a, b, { ignorePunctuation: true, ignoreCase: true });
    expect(changed(ignoring)).toEqual([]);
    expect(newSide(ignoring)).toBe(b);
    expect(changed(wordDiff(a, b, { ignorePunctuation: true }))).toEqual(['-We', '+we']);
  });

  it('can ignore case', () => {
    expect(changed(wordDiff('The Kremlin Said', 'the kremlin said', { ignoreCase: true }))).toEqual([]);
    expect(changed(wordDiff('The Kremlin', 'the Kremlin'))).toEqual(['-The', '+the']);
  });

  it('preserves German and Icelandic letters', () => {
    const parts = wordDiff('Größere Straße nach Ísafjörður', 'Größte Straße nach Þórshöfn');
    expect(changed(parts)).toEqual(['-Größere', '+Größte', '-Ísafjörður', '+Þórshöfn']);
    expect(newSide(parts)).toBe('Größte Straße nach Þórshöfn');
    expect(changed(wordDiff('ÞRÁNDUR fór', 'þrándur fór', { ignoreCase: true }))).toEqual([]);
  });

  it('gives each side back exactly, whatever the spacing around changed punctuation', () => {
    // Today's bugs: the equal runs showed b's spacing on side a ("internallybut", "award , Atlanta").
    const cases: [string, string][] = [
      ['It was discussed internally but not decided.', 'It was discussed internally, but not decided.'],
      ['He won the award, Atlanta said.', 'He won the award Atlanta said.'],
      ['These are the results.', 'These are the results .'],
      ['  Two  spaces\tand a tab. ', 'Two spaces and a tab.'],
      ['„Nein“, sagte er.', '"No," he said.'],
    ];
    for (const [a, b] of cases) {
      for (const opts of [{}, { ignoreCase: true }, { ignorePunctuation: true }, { ignoreCase: true, ignorePunctuation: true }]) {
        const parts = wordDiff(a, b, opts);
        expect(oldSide(parts), JSON.stringify([a, opts])).toBe(a);
        expect(newSide(parts), JSON.stringify([b, opts])).toBe(b);
        const swapped = wordDiff(b, a, opts);
        expect(oldSide(swapped)).toBe(b);
        expect(newSide(swapped)).toBe(a);
      }
    }
    expect(changed(wordDiff(cases[0]![0], cases[0]![1]))).toEqual(['+,']);
    // An equal run keeps a's own text where only spacing or (ignored) case differs.
    expect(wordDiff('The Kremlin  said', 'the kremlin said', { ignoreCase: true })).toEqual([{ value: 'the kremlin said', valueA: 'The Kremlin  said' }]);
  });

  it('handles empty input', () => {
    expect(wordDiff('', '')).toEqual([]);
    expect(wordDiff('', 'Neu.')).toEqual([{ value: 'Neu.', added: true }]);
  });
});
