// Bytes that are not clean UTF-8 are never stored as mojibake without a word: damaged UTF-8 stays
// UTF-8 (U+FFFD counted and located), mixed files are decoded line by line, Mac encodings are
// recognised, and text that still looks wrongly decoded is flagged. Every fixture is built here
// from text written for the test, encoded with iconv-lite.
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeText } from '../../src/ingest/decode/index.ts';
import { initLanguageDetector, parseArticle } from '../../src/ingest/index.ts';

/** 18 umlauts and ß, and a „quote“. */
const GERMAN =
  'Die Regierung will können, was die Bürger für nötig halten, sagte der Sprecher am Montag in Köln.\n' +
  '„Größere Änderungen würden später folgen“, hieß es in der Erklärung des Ministeriums.\n' +
  'Über die Höhe der Zuschüsse müsse noch gesprochen werden, äußerte ein Beamter.\n';
const GERMAN_MORE =
  'Die Öffentlichkeit soll in der nächsten Woche erfahren, wie viel die Maßnahmen kosten.\n' +
  'Kritiker bemängeln, dass die Gespräche bisher hinter verschlossenen Türen geführt wurden.\n';
const ICELANDIC =
  'Íslenska landsliðið komst áfram í forúrslitaleiknum í gær eftir sigur á Dönum.\n' +
  'Þjálfarinn sagði að liðið hefði spilað vel og að stuðningsmennirnir hefðu verið frábærir.\n' +
  'Næsti leikur verður á sunnudaginn í Reykjavík, þar sem búist er við fjölda áhorfenda.\n';

const UMLAUTS = /[äöüÄÖÜß]/gu;
const count = (text: string, re: RegExp): number => (text.match(re) ?? []).length;
const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');
/** The bytes with `length` bytes taken out at `at`. */
const cut = (bytes: Buffer, at: number, length = 1): Buffer => Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + length)]);

describe('decodeText: UTF-8 with a few bad bytes stays UTF-8', () => {
  it('keeps every umlaut of a German file with one byte cut out of a „, and says where', () => {
    const bytes = utf8(GERMAN);
    const quote = bytes.indexOf(Buffer.from('„', 'utf8')); // E2 80 9E
    const damaged = cut(bytes, quote + 1); // E2 9E: a sequence cut short
    expect(count(GERMAN, UMLAUTS)).toBe(18);

    const r = decodeText(damaged, 'artikel.txt');
    expect(r.encoding).toBe('utf-8');
    expect(count(r.text, UMLAUTS)).toBe(18);
    expect(r.text).toBe(GERMAN.replace('„', '\uFFFD'));
    expect(r.warnings).toEqual([
      `artikel.txt: 1 invalid UTF-8 byte sequence (2 bytes) replaced with U+FFFD at byte offset ${quote} (the rest is valid UTF-8)`,
    ]);
  });

  it('keeps a file with few umlauts as UTF-8 when the lead byte of one is lost', () => {
    const text = 'Der Minister sagte am Montag, die Gespräche seien gut verlaufen.\nMan werde für eine Lösung sorgen.\n';
    const bytes = utf8(text);
    const ue = bytes.indexOf(Buffer.from('ü', 'utf8'));
    const r = decodeText(cut(bytes, ue), 'kurz.txt'); // BC alone: "f¼r" in windows-1252
    expect(r.encoding).toBe('utf-8');
    expect(r.text).toBe(text.replace('ü', '\uFFFD'));
    expect(r.warnings.join('\n')).toContain(`kurz.txt: 1 invalid UTF-8 byte sequence (1 byte) replaced with U+FFFD at byte offset ${ue}`);
  });

  it('treats a cut UTF-8 character in an otherwise ASCII file as damage, not as windows-1252 "fÃr"', () => {
    const bytes = utf8('Die Zahlen werden heute veröffentlicht, sagte er.\n');
    const at = bytes.indexOf(0xb6); // keep C3, drop B6 of ö
    const r = decodeText(cut(bytes, at), 'ascii.txt');
    expect(r.encoding).toBe('utf-8');
    expect(r.text).toBe('Die Zahlen werden heute ver\uFFFDffentlicht, sagte er.\n');
    expect(r.warnings.join('\n')).toMatch(/ascii\.txt: 1 invalid UTF-8 byte sequence .* at byte offset 27/);
  });

  it('counts bad bytes at their offsets in the file, after a BOM, and lists many compactly', () => {
    const body = utf8(GERMAN.repeat(4));
    const damaged = Buffer.from(body);
    const hits: number[] = [];
    for (let i = 0, n = 0; i < damaged.length && n < 12; i++) {
      if (damaged[i] === 0xc3) {
        damaged[i] = 0xff; // never valid in UTF-8
        hits.push(i + 3);
        n++;
        i += 40;
      }
    }
    const r = decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), damaged]), 'bom.txt');
    expect(r.encoding).toBe('utf-8');
    expect(r.hadBom).toBe(true);
    expect(count(r.text, /\uFFFD/gu)).toBe(24); // FF, then the orphaned continuation byte
    const warning = r.warnings.find((w) => w.includes('invalid UTF-8'));
    expect(warning).toContain('bom.txt: 24 invalid UTF-8 byte sequences (24 bytes)');
    expect(warning).toContain(`byte offsets ${hits[0]}, ${hits[0]! + 1}, ${hits[1]}`);
    expect(warning).toContain('(16 more)');
  });
});

describe('decodeText: encoded UTF-16 surrogates (CESU-8, WTF-8)', () => {
  it('replaces a lone encoded surrogate with one U+FFFD and reports it, instead of "0 invalid bytes" and three', () => {
    const bytes = Buffer.concat([utf8('Größere Schritte würden folgen, sagte er '), Buffer.from([0xed, 0xa0, 0x80]), utf8(' am Montag in Köln.\n')]);
    const at = utf8('Größere Schritte würden folgen, sagte er ').length;
    const r = decodeText(bytes, 'wtf8.txt');
    expect(r.encoding).toBe('utf-8');
    expect(r.text).toBe('Größere Schritte würden folgen, sagte er \uFFFD am Montag in Köln.\n');
    expect(r.warnings).toEqual([
      `wtf8.txt: 1 lone UTF-16 surrogate (U+D800) written as UTF-8 bytes (CESU-8/WTF-8, not valid UTF-8) replaced with U+FFFD at byte offset ${at}`,
    ]);
    expect(r.warnings.join(' ')).not.toMatch(/\b0 invalid/);
  });

  it('decodes a CESU-8 surrogate pair to its character and says so', () => {
    // U+1F600 as UTF-16 D83D DE00, each unit written as three UTF-8-style bytes.
    const bytes = Buffer.concat([utf8('Die Reaktion war eindeutig: '), Buffer.from([0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80]), utf8(' für alle.\n')]);
    const r = decodeText(bytes, 'cesu.txt');
    expect(r.text).toBe('Die Reaktion war eindeutig: \u{1F600} für alle.\n');
    expect(r.warnings.join('\n')).toContain('cesu.txt: 1 character written as UTF-16 surrogate pairs in UTF-8 bytes (CESU-8) decoded at byte offset 28');
  });
});

describe('decodeText: mixed encodings in one file', () => {
  it('decodes UTF-8 paragraphs as UTF-8 and windows-1252 paragraphs as windows-1252, and says which lines', () => {
    const bytes = Buffer.concat([utf8(GERMAN), iconv.encode(GERMAN_MORE, 'windows-1252')]);
    const r = decodeText(bytes, 'gemischt.txt');
    expect(r.text).toBe(GERMAN + GERMAN_MORE);
    expect(r.text).not.toMatch(/Ã|â€/u);
    expect(r.encoding).toBe('utf-8+windows-1252');
    expect(r.warnings).toEqual([
      'gemischt.txt: mixed encodings: 2 of 5 lines (lines 4–5) are not UTF-8 and were decoded as windows-1252; the rest is UTF-8',
    ]);
  });

  it('does the same with windows-1252 first, CRLF line ends and Icelandic text', () => {
    const crlf = (s: string) => s.replace(/\n/g, '\r\n');
    const bytes = Buffer.concat([iconv.encode(crlf(ICELANDIC), 'windows-1252'), utf8(crlf(ICELANDIC))]);
    const r = decodeText(bytes, 'blandad.txt');
    expect(r.text).toBe(ICELANDIC + ICELANDIC);
    expect(r.encoding).toBe('utf-8+windows-1252');
    expect(r.warnings.join('\n')).toContain('(lines 1–3)');
  });

  it('decodes a UTF-8 line with one damaged byte among legacy lines as damaged UTF-8, not as legacy', () => {
    const good = utf8('Kritiker bemängeln die Gespräche über die Maßnahmen.\n');
    const damaged = cut(good, good.indexOf(0xa4)); // ä loses its second byte
    const bytes = Buffer.concat([iconv.encode(GERMAN, 'windows-1252'), damaged]);
    const r = decodeText(bytes, 'teils.txt');
    expect(r.text).toBe(GERMAN + 'Kritiker bem\uFFFDngeln die Gespräche über die Maßnahmen.\n');
    expect(r.encoding).toBe('utf-8+windows-1252');
  });
});

describe('decodeText: Mac encodings and legacy files with few special characters', () => {
  it('recognises German in Mac OS Roman (chardet guesses windows-1252: "kšnnen", "fŸr")', () => {
    const r = decodeText(iconv.encode(GERMAN + GERMAN_MORE, 'macintosh'), 'mac.txt');
    expect(r.encoding).toBe('macintosh');
    expect(r.text).toBe(GERMAN + GERMAN_MORE);
    expect(r.warnings).toEqual([]);
  });

  it('recognises Icelandic from a Mac (Mac Icelandic), not "forœrslitaleiknum"', () => {
    const r = decodeText(iconv.encode(ICELANDIC, 'maciceland'), 'mac-is.txt');
    expect(r.encoding).toBe('x-mac-icelandic');
    expect(r.text).toBe(ICELANDIC);
    expect(r.text).not.toMatch(/[œ‡’]/u);
  });

  it('recognises Icelandic without ð and þ in Mac OS Roman', () => {
    const text = 'Íslenska landsliðið komst áfram í forúrslitaleiknum í gær. Næsti leikur verður á sunnudaginn í Reykjavík, búist er við fjölda áhorfenda.\n'.replace(/ð/g, 'd');
    const r = decodeText(iconv.encode(text, 'macintosh'), 'roman-is.txt');
    expect(r.text).toBe(text);
    expect(r.text).toContain('forúrslitaleiknum');
  });

  it('still reads windows-1252 files whose only special characters are one or two bytes', () => {
    for (const text of ['De schatting is 70 à 90% van de mannen.\n', 'Het werd een nipte marge: 14½-13½.\n', 'Es kostet 12 € im Monat.\n']) {
      const r = decodeText(iconv.encode(text, 'windows-1252'), 'wenig.txt');
      expect(r.text).toBe(text);
      expect(r.text).not.toContain('\uFFFD');
      expect(r.encoding).toBe('windows-1252');
    }
  });
});

describe('decodeText: mojibake that no decoder can undo is flagged', () => {
  it('flags a valid UTF-8 file whose text was garbled before it was saved ("kÃ¶nnen")', () => {
    const garbled = iconv.decode(utf8(GERMAN), 'windows-1252'); // "kÃ¶nnen", "fÃ¼r"...
    const r = decodeText(utf8(garbled), 'doppelt.txt');
    expect(r.encoding).toBe('utf-8');
    const warning = r.warnings.find((w) => w.includes('looks wrongly decoded'));
    expect(warning).toMatch(/^doppelt\.txt: /);
    expect(warning).toContain('“kÃ¶nnen”');
  });

  it('flags Mac Roman text that was saved as windows-1252 mojibake ("Þj‡lfarinn")', () => {
    const garbled = iconv.decode(iconv.encode(ICELANDIC, 'maciceland'), 'windows-1252');
    const r = decodeText(utf8(garbled), 'mac-als-utf8.txt');
    expect(r.warnings.join('\n')).toMatch(/mac-als-utf8\.txt: the text looks wrongly decoded .*“landsliÝiÝ”/);
  });

  it('does not flag clean German, Icelandic, names with other letters, units and symbols', () => {
    const text = `${GERMAN}${ICELANDIC}Präsident Erdoğan traf Šešelj in Kraków. CO₂-Ausstoß, H₂O, 22 °C, 5 m², 12 €, Ø 3 cm, ©2024 Müller™, Nord–Süd, Sainsbury‘s.\n`;
    expect(decodeText(utf8(text), 'sauber.txt').warnings).toEqual([]);
  });
});

describe('parseArticle: letters improbable for the identified language', () => {
  beforeAll(async () => {
    await initLanguageDetector();
  });

  it('flags Icelandic with œ and š inside words ("forœrslitaleiknum") once the language is known', () => {
    // ú and ö of Mac Roman read as windows-1252 and saved as UTF-8; nothing else is wrong.
    const text =
      'Landsliðið komst áfram í forœrslitaleiknum í gær eftir sigur á Dönum og Svíum.\n\n' +
      'Þjálfarinn sagði að úrslitin hefðu komið á óvart og að liðið hefði spilað vel, en margir bœist við betri leik í kvšld.\n\n' +
      'Stuðningsmennirnir voru frábærir og fjšldi fólks fylgdist með leiknum í sjónvarpi, sagði hann.\n';
    expect(decodeText(utf8(text), 'is.txt').warnings).toEqual([]); // no symbol, no capital: the decoder cannot tell
    const doc = parseArticle(utf8(text), '/tmp/is.txt');
    expect(doc.lang).toBe('is');
    expect(doc.warnings.join('\n')).toMatch(/is\.txt: the text looks wrongly decoded: 4 words with letters improbable in is text, such as “forœrslitaleiknum”/);
  });

  it('does not flag foreign names in an otherwise clean article', () => {
    const text = `${GERMAN}\nPräsident Erdoğan traf Šešelj und Łukaszenka in Kraków.\n\n${GERMAN_MORE}`;
    const doc = parseArticle(utf8(text), '/tmp/namen.txt');
    expect(doc.lang).toBe('de');
    expect(doc.warnings.join('\n')).not.toMatch(/wrongly decoded/);
  });

  it('stores the encoding decision and the repair warnings with the document', () => {
    const bytes = Buffer.concat([utf8(GERMAN), iconv.encode(GERMAN_MORE, 'windows-1252')]);
    const doc = parseArticle(bytes, '/tmp/gemischt.txt');
    expect(doc.encoding).toBe('utf-8+windows-1252');
    expect(doc.warnings[0]).toMatch(/^gemischt\.txt: mixed encodings/);
    expect(doc.text).toContain('Öffentlichkeit');
  });
});
