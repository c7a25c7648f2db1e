import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/api/types.ts';
import { findDates, publicationDate, type FoundDate } from '../../src/ingest/dates.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
function sampleParagraphs(id: string): string[] {
  const dir = join(root, 'samples');
  const f = readdirSync(dir).find((n) => n.startsWith(`${id}_`));
  if (!f) throw new Error(`sample ${id} missing`);
  return readFileSync(join(dir, f), 'utf8').split('\n').filter((l) => l.trim() !== '');
}

const brief = (ds: FoundDate[]): [string, string, string, string][] => ds.map((d) => [d.iso, d.text, d.precision, d.kind]);

function checkOffsets(text: string, ds: FoundDate[]): void {
  let prev = 0;
  for (const d of ds) {
    expect(text.slice(d.start, d.end)).toBe(d.text);
    expect(d.start).toBeGreaterThanOrEqual(prev);
    prev = d.end;
  }
}

describe('findDates', () => {
  it.each<[Lang, string, string, string]>([
    ['en', 'Updated 14 Jan 2008', '2008-01-14', '14 Jan 2008'],
    ['en', 'Jan 14, 2008', '2008-01-14', 'Jan 14, 2008'],
    ['nl', 'op 14 jan 2008', '2008-01-14', '14 jan 2008'],
    ['de', 'am 3 Okt 2021', '2021-10-03', '3 Okt 2021'],
    ['is', '14. janúar 2008', '2008-01-14', '14. janúar 2008'],
    ['de', 'Berlin, 14.01.2008', '2008-01-14', '14.01.2008'],
  ])('an abbreviation without its dot, with a day and a year: %s %j', (lang, text, iso, found) => {
    expect(findDates(text, lang).map((d) => [d.iso, d.text])).toEqual([[iso, found]]);
  });

  it('needs a day and a year beside a dotless abbreviation: a name or a word stays a word', () => {
    expect(findDates('Jan 14 kam spät', 'de', { year: 2024 })).toEqual([]);
    expect(findDates('Jan 2008 war kalt', 'de')).toEqual([]);
    expect(findDates('the Dec 2008 vote', 'en')).toEqual([]);
    expect(findDates('Jan de Vries schreef op 14 mei 2024', 'nl').map((d) => d.iso)).toEqual(['2024-05-14']);
  });

  it.each<[Lang, string, [string, string, string, string][]]>([
    ['de', 'Lawrow traf am 18. Oktober 2023 ein.', [['2023-10-18', '18. Oktober 2023', 'day', 'absolute']]],
    ['de', 'Im Februar 2022 erklärten sie eine Partnerschaft.', [['2022-02', 'Februar 2022', 'month', 'absolute']]],
    ['de', 'Stand: 14.05.2024, 10:00 Uhr', [['2024-05-14', '14.05.2024', 'day', 'absolute']]],
    ['de', 'Am Dienstag, 14. Mai 2024 kam er.', [['2024-05-14', 'Dienstag, 14. Mai 2024', 'day', 'absolute']]],
    ['de', 'Der 1. März 2020 und der 3. Jänner 2021.', [['2020-03-01', '1. März 2020', 'day', 'absolute'], ['2021-01-03', '3. Jänner 2021', 'day', 'absolute']]],
    ['is', 'Birtingartími: 19. mars 2021', [['2021-03-19', '19. mars 2021', 'day', 'absolute']]],
    ['is', 'Fundurinn 3. ágúst 2020 og 1. desember 2019.', [['2020-08-03', '3. ágúst 2020', 'day', 'absolute'], ['2019-12-01', '1. desember 2019', 'day', 'absolute']]],
    ['is', 'Í janúar 2019 og 17. júní 2022, 5. maí 2023.', [['2019-01', 'janúar 2019', 'month', 'absolute'], ['2022-06-17', '17. júní 2022', 'day', 'absolute'], ['2023-05-05', '5. maí 2023', 'day', 'absolute']]],
    ['nl', 'Moskou, Rusland, dinsdag 14 mei 2024. (foto)', [['2024-05-14', 'dinsdag 14 mei 2024', 'day', 'absolute']]],
    ['nl', 'Op 14 mei 2024 en 14-05-2024.', [['2024-05-14', '14 mei 2024', 'day', 'absolute'], ['2024-05-14', '14-05-2024', 'day', 'absolute']]],
    ['nl', 'november 23, 2024', [['2024-11-23', 'november 23, 2024', 'day', 'absolute']]],
    ['nl', 'In oktober 2019 meldde hij het.', [['2019-10', 'oktober 2019', 'month', 'absolute']]],
    ['en', 'On November 23, 2024 he left.', [['2024-11-23', 'November 23, 2024', 'day', 'absolute']]],
    ['en', 'On 23 November 2024 he left.', [['2024-11-23', '23 November 2024', 'day', 'absolute']]],
    ['en', 'On May 14, 2024 and Tuesday, May 14, 2024.', [['2024-05-14', 'May 14, 2024', 'day', 'absolute'], ['2024-05-14', 'Tuesday, May 14, 2024', 'day', 'absolute']]],
    ['en', 'The 5th of May 2023 and 2024-05-14.', [['2023-05-05', '5th of May 2023', 'day', 'absolute'], ['2024-05-14', '2024-05-14', 'day', 'absolute']]],
  ])('%s: %s', (lang, text, expected) => {
    const ds = findDates(text, lang);
    checkOffsets(text, ds);
    expect(brief(ds)).toEqual(expected);
  });

  it('dates without a year need a reference year and are marked relative-year', () => {
    expect(findDates('Er traf am 18. Oktober ein.', 'de')).toEqual([]);
    expect(brief(findDates('Er traf am 18. Oktober ein.', 'de', { year: 2023 }))).toEqual([['2023-10-18', '18. Oktober', 'day', 'relative-year']]);
    expect(brief(findDates('am 1. Mai', 'de', { year: 2024 }))).toEqual([['2024-05-01', '1. Mai', 'day', 'relative-year']]);
    expect(brief(findDates('op 14 mei', 'nl', { year: 2024 }))).toEqual([['2024-05-14', '14 mei', 'day', 'relative-year']]);
    expect(brief(findDates('hinn 19. mars', 'is', { year: 2021 }))).toEqual([['2021-03-19', '19. mars', 'day', 'relative-year']]);
    expect(brief(findDates('on May 14 and 23 November', 'en', { year: 2024 }))).toEqual([
      ['2024-05-14', 'May 14', 'day', 'relative-year'],
      ['2024-11-23', '23 November', 'day', 'relative-year'],
    ]);
    // an explicit year always wins over the reference
    expect(brief(findDates('am 18. Oktober 2023', 'de', { year: 2020 }))).toEqual([['2023-10-18', '18. Oktober 2023', 'day', 'absolute']]);
  });

  it('rejects impossible dates and ordinary words that look like months', () => {
    expect(findDates('Am 31. Februar 2023 und am 30.02.2024.', 'de')).toEqual([]);
    expect(findDates('Im Mai 20 Menschen.', 'de', { year: 2024 })).toEqual([]);
    expect(findDates('Prices may 2 times rise; you may 2024 see.', 'en')).toEqual([]);
    expect(findDates('The Mars 2020 rover landed.', 'en')).toEqual([]);
    expect(findDates('Call 5/6/2024 maybe.', 'en')).toEqual([]);
    expect(findDates('Gruppe der 20 (G20) im Jahr 2022.', 'de')).toEqual([]);
    expect(findDates('Er kam im September.', 'de', { year: 2023 })).toEqual([]);
  });

  it('finds the dates of sample 003: "am 18. Oktober" without a year, "Dezember 2022" with one', () => {
    const paras = sampleParagraphs('003');
    const without = paras.flatMap((p) => findDates(p, 'de'));
    expect(brief(without)).toEqual([['2022-12', 'Dezember 2022', 'month', 'absolute']]);
    const withRef = paras.flatMap((p) => findDates(p, 'de', { year: 2023 }));
    expect(brief(withRef)).toEqual([
      ['2023-10-18', '18. Oktober', 'day', 'relative-year'],
      ['2023-10-18', '18. Oktober', 'day', 'relative-year'],
      ['2022-12', 'Dezember 2022', 'month', 'absolute'],
    ]);
    for (const p of paras) checkOffsets(p, findDates(p, 'de', { year: 2023 }));
  });

  it('finds the caption dates of sample 002', () => {
    const ds = sampleParagraphs('002').flatMap((p) => findDates(p, 'nl'));
    expect(ds.map((d) => d.iso)).toEqual(['2024-11-23', '2024-05-14', '2024-05-06', '2024-05-06', '2019-10']);
  });
});

describe('publicationDate', () => {
  it('001 (is): the "Birtingartími:" line, last in the article', () => {
    const d = publicationDate(sampleParagraphs('001'), 'is');
    expect(d?.iso).toBe('2021-03-19');
    expect(d?.text).toBe('19. mars 2021');
  });

  it('002 (nl): the standalone first line "november 23, 2024" (English month in a Dutch page)', () => {
    const d = publicationDate(sampleParagraphs('002'), 'nl');
    expect(d?.iso).toBe('2024-11-23');
    expect(d?.precision).toBe('day');
  });

  it('003 (de) states no publication date', () => {
    expect(publicationDate(sampleParagraphs('003'), 'de')).toBeNull();
    expect(publicationDate(sampleParagraphs('004'), 'de')).toBeNull();
    expect(publicationDate(sampleParagraphs('000'), 'de')).toBeNull();
  });

  it.each<[Lang, string[], string]>([
    ['de', ['Titel', 'Text am 3. Mai 2020 geschrieben.', 'Veröffentlicht am 14. Mai 2024, 10:15 Uhr'], '2024-05-14'],
    ['de', ['Titel', 'Aktualisiert am 15.05.2024', 'Veröffentlicht am 14.05.2024'], '2024-05-14'],
    ['de', ['Titel', 'Stand: 15.05.2024'], '2024-05-15'],
    ['nl', ['Gepubliceerd op 14 mei 2024', 'De tekst van 6 mei 2024.'], '2024-05-14'],
    ['en', ['Headline', 'Published: May 14, 2024 at 9:00 a.m.', 'Body.'], '2024-05-14'],
    ['en', ['Headline', 'Posted on 23 November 2024'], '2024-11-23'],
    ['is', ['Fyrirsögn', 'Birt: 19. mars 2021 kl. 10:00'], '2021-03-19'],
    ['de', ['Dienstag, 14. Mai 2024, 14:30 Uhr', 'Titel', 'Text.'], '2024-05-14'],
    ['en', ['Headline', 'Tuesday, May 14, 2024', 'Published March 1, 2024'], '2024-03-01'],
  ])('%s %j -> %s', (lang, paragraphs, iso) => {
    expect(publicationDate(paragraphs, lang)?.iso).toBe(iso);
  });

  // Bylines and datelines (issue 12): the forms the analysts' pages carry, in each language.
  const body = 'Der Außenminister traf am Dienstag seinen Amtskollegen, um über Handel und Sicherheit zu sprechen, und beide Seiten nannten das Gespräch konstruktiv, offen und freundlich, wie es in Berlin hieß.';
  it.each<[Lang, string[], string]>([
    ['de', ['Lawrow in Pjöngjang', '14. Januar 2008', body], '2008-01-14'],
    ['de', ['Lawrow in Pjöngjang', 'Von Hans Müller, 14. Januar 2008', body], '2008-01-14'],
    ['de', ['Lawrow in Pjöngjang', 'Von Hans Müller | 14.01.2008, 10:15 Uhr', body], '2008-01-14'],
    ['de', ['Lawrow in Pjöngjang', '14. Januar 2008 | Von Hans Müller', body], '2008-01-14'],
    ['de', ['Lawrow in Pjöngjang', 'Berlin, 14.01.2008', body], '2008-01-14'],
    ['de', ['Lawrow in Pjöngjang', `BERLIN, 14.01.2008 (dpa) – ${body}`], '2008-01-14'],
    ['nl', ['Lavrov in Pyongyang', '14 januari 2008', 'Tekst.'], '2008-01-14'],
    ['nl', ['Lavrov in Pyongyang', 'Door Jan de Vries, 14 januari 2008', 'Tekst.'], '2008-01-14'],
    ['nl', ['Lavrov in Pyongyang', 'Den Haag, 14-01-2008', 'Tekst.'], '2008-01-14'],
    ['is', ['Lavrov í Pjongjang', '14. janúar 2008', 'Texti.'], '2008-01-14'],
    ['is', ['Lavrov í Pjongjang', 'Reykjavík, 14. janúar 2008', 'Texti.'], '2008-01-14'],
    ['is', ['Lavrov í Pjongjang', 'Eftir Jón Jónsson 14. janúar 2008', 'Texti.'], '2008-01-14'],
    ['en', ['Lavrov in Pyongyang', 'January 14, 2008', 'Body.'], '2008-01-14'],
    ['en', ['Lavrov in Pyongyang', 'By John Smith, January 14, 2008', 'Body.'], '2008-01-14'],
    ['en', ['Lavrov in Pyongyang', 'By John Smith | 14 Jan 2008 10:15 GMT', 'Body.'], '2008-01-14'],
    ['en', ['Lavrov in Pyongyang', 'Updated: 3 March 2021 10:15', 'Body.'], '2021-03-03'],
  ])('byline or dateline, %s %j -> %s', (lang, paragraphs, iso) => {
    expect(publicationDate(paragraphs, lang)?.iso).toBe(iso);
  });

  it('takes no date from a sentence that merely names a place and a date, or from a dateline deep in the text', () => {
    expect(publicationDate(['Titel', 'Die Sitzung in Berlin, 14.01.2008, war lang und ergebnislos, sagten Teilnehmer.'], 'de')).toBeNull();
    expect(publicationDate(['Titel', 'Am 14. Januar 2008 traf er in Berlin ein.'], 'de')).toBeNull();
    const deep = [...Array.from({ length: 8 }, () => body), `BERLIN, 14.01.2008 – ${body}`];
    expect(publicationDate(deep, 'de')).toBeNull();
  });

  it('ignores dates inside article sentences', () => {
    expect(publicationDate(['Titel', 'Lawrow traf am 18. Oktober 2023 in Pjöngjang ein und blieb zwei Tage.'], 'de')).toBeNull();
    expect(publicationDate([], 'de')).toBeNull();
  });
});
