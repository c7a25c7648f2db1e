import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/api/types.ts';
import { splitSentences, type SentenceSpan } from '../../src/ingest/sentences/index.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const samplesDir = join(root, 'samples');
const goldDir = join(root, 'test', 'fixtures', 'gold');
const SAMPLE_LANG: Record<string, Lang> = { '000': 'de', '001': 'is', '002': 'nl', '003': 'de', '004': 'de' };

function sampleFile(id: string): string {
  const f = readdirSync(samplesDir).find((n) => n.startsWith(`${id}_`));
  if (!f) throw new Error(`sample ${id} missing`);
  return join(samplesDir, f);
}
/** In the sample format every non-empty line is a paragraph. */
function sampleParagraphs(id: string): string[] {
  return readFileSync(sampleFile(id), 'utf8').split('\n').filter((l) => l.trim() !== '');
}
const texts = (p: string, lang: Lang): string[] => splitSentences(p, lang).map((s) => s.text);

/** Offsets are right, spans ordered, disjoint, trimmed, and every non-space char is covered. */
function checkSpans(paragraph: string, spans: SentenceSpan[]): void {
  let prevEnd = 0;
  const covered = new Uint8Array(paragraph.length);
  for (const s of spans) {
    expect(paragraph.slice(s.start, s.end)).toBe(s.text);
    expect(s.text).toBe(s.text.trim());
    expect(s.text.length).toBeGreaterThan(0);
    expect(s.start).toBeGreaterThanOrEqual(prevEnd);
    prevEnd = s.end;
    covered.fill(1, s.start, s.end);
  }
  for (let i = 0; i < paragraph.length; i++) {
    if (!covered[i] && /\S/.test(paragraph[i] as string)) throw new Error(`char ${i} (${JSON.stringify(paragraph[i])}) not covered in ${JSON.stringify(paragraph.slice(Math.max(0, i - 30), i + 30))}`);
  }
}

describe('gold segmentation of the sample articles', () => {
  for (const id of ['001', '002', '003', '004']) {
    const goldFile = join(goldDir, `${id}.sentences.json`);
    it(`matches the hand-checked gold for ${id} (${SAMPLE_LANG[id]})`, () => {
      const gold = JSON.parse(readFileSync(goldFile, 'utf8')) as string[][];
      const paragraphs = sampleParagraphs(id);
      expect(paragraphs.length).toBe(gold.length);
      paragraphs.forEach((p, i) => expect(texts(p, SAMPLE_LANG[id] as Lang), `paragraph ${i}`).toEqual(gold[i]));
    });
  }

  it('keeps "am 18. Oktober" together in 003', () => {
    const p = sampleParagraphs('003')[1] as string;
    const s = texts(p, 'de');
    expect(s).toHaveLength(2);
    expect(s[0]).toContain('am 18. Oktober in Pjöngjang');
  });
});

describe('German', () => {
  it.each([
    ['Er kam am 18. Oktober an. Dann ging er.', ['Er kam am 18. Oktober an.', 'Dann ging er.']],
    ['Am 1. Mai demonstrierten Tausende.', ['Am 1. Mai demonstrierten Tausende.']],
    ['Der Umsatz stieg im 3. Quartal deutlich.', ['Der Umsatz stieg im 3. Quartal deutlich.']],
    ['Nach dem 2. Weltkrieg wurde alles anders.', ['Nach dem 2. Weltkrieg wurde alles anders.']],
    ['Er feierte seinen 75. Geburtstag.', ['Er feierte seinen 75. Geburtstag.']],
    ['Zum 75. Jubiläum kamen viele.', ['Zum 75. Jubiläum kamen viele.']],
    ['Es war der 3. von 5 Versuchen.', ['Es war der 3. von 5 Versuchen.']],
    ['Das Treffen am 18. 10. 2023 fiel aus.', ['Das Treffen am 18. 10. 2023 fiel aus.']],
    ['Die Zahl der Toten stieg auf 25. Die Polizei ermittelt.', ['Die Zahl der Toten stieg auf 25.', 'Die Polizei ermittelt.']],
    ['Das geschah im Dezember 2022. Pjöngjang reagierte.', ['Das geschah im Dezember 2022.', 'Pjöngjang reagierte.']],
  ])('ordinals: %s', (input, expected) => expect(texts(input, 'de')).toEqual(expected));

  it.each([
    ['Viele Länder, z. B. Frankreich, stimmten zu.', 1],
    ['Viele Länder, z.B. Frankreich, stimmten zu.', 1],
    ['Dabei waren u. a. Vertreter der EU.', 1],
    ['Er kam spät, d. h. Nach dem Essen.', 1],
    ['Die Kosten bzw. Ausgaben stiegen.', 1],
    ['Dr. Müller und Prof. Schmidt sprachen.', 1],
    ['Es geht um Haus Nr. 5 in der Straße.', 1],
    ['Es kamen ca. 300 Menschen.', 1],
    ['Er lebt in St. Petersburg.', 1],
    ['Das kostet 3 Mio. Euro und 2 Mrd. Dollar.', 1],
    ['Caesar wurde 44 v. Chr. ermordet.', 1],
    ['Caesar starb 44 v. Chr. Danach kam Augustus.', 2],
    ['Der Etat beträgt 3 Mio. Die Opposition ist dagegen.', 2],
    ['Nach Art. 5 GG ist das erlaubt.', 1],
    ['J. R. R. Tolkien schrieb viel.', 1],
    ['Präsident Wladimir W. Putin kam.', 1],
  ])('abbreviations and initials: %s', (input, n) => expect(texts(input, 'de')).toHaveLength(n));

  it('quotes: closing quote + lowercase continues the sentence, + capital starts a new one', () => {
    expect(texts('„Wir sind bereit.“ sagte er. Dann ging er.', 'de')).toEqual(['„Wir sind bereit.“ sagte er.', 'Dann ging er.']);
    expect(texts('„Wo ist er?“ fragte sie. „Hier!“ rief er.', 'de')).toEqual(['„Wo ist er?“ fragte sie.', '„Hier!“ rief er.']);
    expect(texts('„Wir sind bereit“, sagte er. „Gut.“ Er ging.', 'de')).toEqual(['„Wir sind bereit“, sagte er.', '„Gut.“', 'Er ging.']);
    expect(texts('»Wir kommen.« Er nickte.', 'de')).toEqual(['»Wir kommen.«', 'Er nickte.']);
    expect(texts('Er sagte: "Wir sind bereit." Dann ging er.', 'de')).toEqual(['Er sagte: "Wir sind bereit."', 'Dann ging er.']);
    expect(texts('Er sagte: „Wir sind bereit. Wir kommen.“ Dann ging er.', 'de')).toEqual([
      'Er sagte: „Wir sind bereit.',
      'Wir kommen.“',
      'Dann ging er.',
    ]);
    // opening quote glued to the previous sentence moves to the next one
    expect(texts('Das ist erreicht.„Russland hilft.“', 'de')).toEqual(['Das ist erreicht.', '„Russland hilft.“']);
  });

  it('question marks, exclamation marks and ellipses', () => {
    expect(texts('Kommt er? Ja! Er kommt.', 'de')).toEqual(['Kommt er?', 'Ja!', 'Er kommt.']);
    expect(texts('Er zögerte … Dann kam er doch.', 'de')).toEqual(['Er zögerte …', 'Dann kam er doch.']);
    expect(texts('Er zögerte... Dann kam er doch.', 'de')).toEqual(['Er zögerte...', 'Dann kam er doch.']);
    expect(texts('Nordkorea ist unser … nächster Nachbar.', 'de')).toEqual(['Nordkorea ist unser … nächster Nachbar.']);
    expect(texts('Er sagte, es sei (…) Unsinn. Dann ging er.', 'de')).toEqual(['Er sagte, es sei (…) Unsinn.', 'Dann ging er.']);
    expect(texts('Er sagte, es sei [...] Unsinn.', 'de')).toEqual(['Er sagte, es sei [...] Unsinn.']);
    expect(texts('Das war alles. – Dann kam der Regen.', 'de')).toEqual(['Das war alles.', '– Dann kam der Regen.']);
  });

  it('splits sentences glued where a scraper dropped the paragraph break, but not abbreviations', () => {
    expect(texts('Der Mann wurde festgenommen, teilte die Polizei mit.Er soll die Tat gestanden haben.Wann?Das ist offen.', 'de')).toEqual([
      'Der Mann wurde festgenommen, teilte die Polizei mit.',
      'Er soll die Tat gestanden haben.',
      'Wann?',
      'Das ist offen.',
    ]);
    expect(texts('Das sagte Prof.Dr. Meier aus Bonn.', 'de')).toEqual(['Das sagte Prof.Dr. Meier aus Bonn.']);
    expect(texts('Die U.S.Army und z.B.Der Spiegel berichten.', 'de')).toEqual(['Die U.S.Army und z.B.Der Spiegel berichten.']);
    expect(texts('The talks ended on Monday.Officials said they would resume.', 'en')).toEqual(['The talks ended on Monday.', 'Officials said they would resume.']);
  });
});

describe('Icelandic', () => {
  it.each([
    ['Birtingartími: 19. mars 2021', 1],
    ['Hann kom 19. mars 2021 til Moskvu. Hún fór.', 2],
    ['Þar eru t.d. Kína og Rússland.', 1],
    ['Kína, Rússland o.s.frv. eru aðilar.', 1],
    ['Kína, Rússland o.s.frv. Það er ljóst.', 2],
    ['Þetta er, þ.e. Kína, stærst.', 1],
    ['Mörg ríki, þ.á m. Kína, tóku þátt.', 1],
    ['Hann ræddi m.a. Úkraínu.', 1],
    ['Fundurinn var skv. Reuters góður.', 1],
    ['Þar voru u.þ.b. 300 manns.', 1],
    ['Sjá sbr. Ákvæði 5.', 1],
    ['Fundurinn er á mánudag nk. kl. 14.', 1],
    ['Fundurinn hefst kl. 5. Það er snemma.', 2],
  ])('%s', (input, n) => expect(texts(input, 'is')).toHaveLength(n));
});

describe('Dutch', () => {
  it.each([
    ['Dat is d.w.z. Goed geregeld.', 1],
    ['Er waren o.a. Duitsers en Fransen.', 1],
    ['Grote landen, bijv. Duitsland, stemden voor.', 1],
    ['Mr. Jansen en dhr. De Vries en mevr. Bakker kwamen.', 1],
    ['Drs. Pietersen en ir. Smit spraken.', 1],
    ['Hij bedoelde nl. Rusland.', 1],
    ['Afspraken m.b.t. Oekraïne werden gemaakt.', 1],
    ['Hij zei: “We staan open.” “Wij willen praten.”', 2],
    ['Dat was het. -Grootschalige invasie van Oekraïne.', 2],
    ['Rusland, dinsdag 14 mei 2024. (Vyacheslav Prokofjev, via AP)', 2],
    ['Ongeveer 8.000 mensen vluchtten.', 1],
  ])('%s', (input, n) => expect(texts(input, 'nl')).toHaveLength(n));
});

describe('English', () => {
  it.each([
    ['Mr. Smith met Mrs. Jones and Dr. Brown.', 1],
    ['The U.S. Navy said so.', 1],
    ['He moved to the U.S. The move was costly.', 2],
    ['Some countries, e.g. France, agreed.', 1],
    ['One country, i.e. France, agreed.', 1],
    ['The meeting on Jan. 5 and Feb. 6 was short.', 1],
    ['He lives at No. 10 Downing Street.', 1],
    ['J. R. R. Tolkien wrote it.', 1],
    ['President George W. Bush spoke.', 1],
    ['"Why?" he asked. "Because." She left.', 3],
    ['It ended in World War I. The peace was fragile.', 2],
    ['Wait... Then it started.', 2],
  ])('%s', (input, n) => expect(texts(input, 'en')).toHaveLength(n));
});

describe('offsets', () => {
  const all: [string, Lang][] = [];
  for (const id of Object.keys(SAMPLE_LANG)) for (const p of sampleParagraphs(id)) all.push([p, SAMPLE_LANG[id] as Lang]);

  it('hold over every sample paragraph', () => {
    expect(all.length).toBeGreaterThan(50);
    for (const [p, lang] of all) checkSpans(p, splitSentences(p, lang));
  });

  it('hold over every whole sample file taken as one paragraph (line breaks are soft wraps)', () => {
    for (const id of Object.keys(SAMPLE_LANG)) {
      const text = readFileSync(sampleFile(id), 'utf8');
      const spans = splitSentences(text, SAMPLE_LANG[id] as Lang);
      checkSpans(text, spans);
    }
  });

  it('hold on random mixtures of the hard cases', () => {
    const pieces = ['Er kam am 18. Oktober an.', ' ', '  ', '\n', 'z. B.', 'u. a.', '„Ja.“', '“No?”', 'sagte er.', 'Dann', '…', '...', '(…)', 'Dr.', 'J.', 'U.S.', 'þ.á m.', 'd.w.z.', '3.', 'Quartal', '!', '?', '–', '-', '»', '«', '"', "'", '\u00a0', '\r\n', 'ß', '😀', '', 'Das.', 'das', '25.', 'Die'];
    let seed = 12345;
    const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    const langs: Lang[] = ['de', 'is', 'nl', 'en'];
    for (let k = 0; k < 400; k++) {
      let p = '';
      const n = 1 + rnd(40);
      for (let i = 0; i < n; i++) p += pieces[rnd(pieces.length)] + (rnd(3) ? ' ' : '');
      const lang = langs[k % 4] as Lang;
      checkSpans(p, splitSentences(p, lang));
      checkSpans(p, splitSentences(p, lang, { oneSentencePerLine: true }));
    }
  });

  it('handle empty and whitespace-only input', () => {
    expect(splitSentences('', 'de')).toEqual([]);
    expect(splitSentences('  \n\t ', 'de')).toEqual([]);
    expect(splitSentences('  Hallo.  ', 'de')).toEqual([{ start: 2, end: 8, text: 'Hallo.' }]);
  });

  it('count UTF-16 code units (astral characters)', () => {
    const p = '😀 Er kam. 😀 Sie ging.';
    const spans = splitSentences(p, 'de');
    expect(spans.map((s) => s.text)).toEqual(['😀 Er kam.', '😀 Sie ging.']);
    checkSpans(p, spans);
  });

  const ntrex = join(root, '..', 'shared', 'data', 'ntrex128');
  it.skipIf(!existsSync(ntrex))('hold over NTREX-128 (when ../shared/data is present)', () => {
    const files: [string, Lang][] = [['deu', 'de'], ['isl', 'is'], ['nld', 'nl'], ['eng-US', 'en']];
    for (const [f, lang] of files) {
      const lines = readFileSync(join(ntrex, `newstest2019-ref.${f}.txt`), 'utf8').split('\n');
      for (const l of lines) checkSpans(l, splitSentences(l, lang));
      const joined = lines.join(' ');
      checkSpans(joined, splitSentences(joined, lang));
    }
  });
});

describe('line breaks', () => {
  it('are soft wraps by default', () => {
    const p = 'Er kam am 18.\nOktober an. Dann\r\nging er.';
    const spans = splitSentences(p, 'de');
    expect(spans.map((s) => s.text)).toEqual(['Er kam am 18.\nOktober an.', 'Dann\r\nging er.']);
    checkSpans(p, spans);
  });

  it('oneSentencePerLine: each non-empty line is exactly one sentence', () => {
    const p = 'Erster Satz. Noch einer\n\n  zweite Zeile z. B. \r\nDritte?\r\n   \nam 18.';
    const spans = splitSentences(p, 'de', { oneSentencePerLine: true });
    expect(spans.map((s) => s.text)).toEqual(['Erster Satz. Noch einer', 'zweite Zeile z. B.', 'Dritte?', 'am 18.']);
    checkSpans(p, spans);
  });
});

describe('long paragraphs', () => {
  // 003's paragraphs that end a sentence and are followed by a capital: joined, they must split
  // exactly like their gold, however long the paragraph gets.
  const gold = JSON.parse(readFileSync(join(goldDir, '003.sentences.json'), 'utf8')) as string[][];
  const paras = sampleParagraphs('003');
  const use = [0, 1, 2, 3, 4, 6, 7, 8];

  it('a 200k-char paragraph keeps offsets and decisions right (its speed: bench/segment.ts)', () => {
    let p = '';
    const expected: string[] = [];
    while (p.length < 200_000) {
      for (const i of use) {
        p += (p ? ' ' : '') + (paras[i] as string).trim();
        expected.push(...(gold[i] as string[]));
      }
    }
    const spans = splitSentences(p, 'de');
    checkSpans(p, spans);
    expect(spans.map((s) => s.text)).toEqual(expected);
  });

  it('a 200k-char run-on without any sentence end stays one sentence', () => {
    const p = 'und noch ein Wort '.repeat(12_000) + 'Ende.';
    const spans = splitSentences(p, 'de');
    expect(spans).toHaveLength(1);
    checkSpans(p, spans);
  });

  it('windowed segmentation keeps the gold decisions of 002 (quotes, captions) at any length', () => {
    const gold002 = JSON.parse(readFileSync(join(goldDir, '002.sentences.json'), 'utf8')) as string[][];
    const paras002 = sampleParagraphs('002');
    // paragraphs that end a sentence and start like one, so joining them creates no new decisions
    const ok = paras002.map((p, i) => i).filter((i) => /[.”]$/.test((paras002[i] as string).trim()) && /^[\p{Lu}“]/u.test(paras002[i] as string));
    expect(ok.length).toBeGreaterThan(20);
    let long = '';
    const expected: string[] = [];
    while (long.length < 50_000) {
      for (const i of ok) {
        long += (long ? ' ' : '') + (paras002[i] as string).trim();
        expected.push(...(gold002[i] as string[]));
      }
    }
    const spans = splitSentences(long, 'nl');
    checkSpans(long, spans);
    expect(spans.map((s) => s.text)).toEqual(expected);
  });
});
