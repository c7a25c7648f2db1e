// PDF ingest: a generated PDF with a German text layer over two pages (running header and footer,
// a word hyphenated at a line end, a paragraph running over the page break) comes out as the
// article's sentences; a password-protected PDF, a scan without text and a damaged file are refused
// with messages that name the file, and nothing is stored for them.
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest/index.ts';
import { makePdf } from '../support/documents.ts';
import { column, GERMAN_PDF } from '../support/format-articles.ts';
import { formatFiles } from '../support/format-files.ts';

const { write, refusal } = formatFiles('tandem-pdf-');

describe('a PDF with a text layer', () => {
  it('is read into the article sentences: lines joined, hyphenation undone, header and footer dropped', async () => {
    const doc = await ingestFile(write('lawrow.pdf', GERMAN_PDF));
    expect(doc.lang).toBe('de');
    expect(doc.format).toBe('text');
    expect(doc.encoding).toBe('pdf');
    expect(doc.title).toBe('Lawrow besucht Pjöngjang');
    // The headline is the title, set aside like an HTML page's repeated headline.
    expect(doc.paragraphs[0]).toMatchObject({ text: 'Lawrow besucht Pjöngjang', dropped: 'repeated_title' });
    expect(doc.paragraphs).toHaveLength(4);
    expect(doc.sentences.map((s) => s.text)).toEqual([
      'Der russische Außenminister Sergej Lawrow ist am Mittwoch zu einem zweitägigen Besuch in Nordkorea eingetroffen.',
      'Nordkoreanische Medien sprachen von einer wichtigen Gelegenheit für die Beziehungen der beiden Länder.',
      'Bei einem Empfang am Abend sagte Lawrow, Russland schätze die Unterstützung Nordkoreas sehr.',
      'Die Zusammenarbeit in Nordrhein-Westfalen spielte dabei keine Rolle, und über Ost- und Westeuropa sprach er nur kurz.',
      'Die Beziehungen beider Staaten hätten eine neue Ebene erreicht, und die Gespräche über die Wirtschaft würden fortgesetzt, sagte er.',
      'Kremlsprecher Dmitri Peskow erklärte, der Termin für den Besuch des Präsidenten sei noch nicht festgelegt worden.',
      'Über Einzelheiten werde später berichtet.',
    ]);
    expect(doc.text).not.toContain('Seite');
    expect(doc.text).not.toContain('Weltnachrichten');
    // Every sentence's offsets point at its text in the stored text.
    for (const s of doc.sentences) expect(doc.text.slice(s.start, s.end)).toBe(s.text);
  });

  it('in two columns is read column by column, a paragraph running on into the next column', async () => {
    const left = ['Die Regierung in Den Haag hat am', 'Dienstag einen neuen Plan für die', 'Landwirtschaft vorgestellt, der von'];
    const right = ['den Bauernverbänden scharf kritisiert', 'wurde. Die Opposition verlangte eine', 'Abstimmung im Parlament.'];
    const pdf = makePdf([{ lines: [...column(left).map((l) => ({ ...l, x: 60 })), ...column(right).map((l) => ({ ...l, x: 320 }))] }]);
    const doc = await ingestFile(write('spalten.pdf', pdf));
    expect(doc.sentences.map((s) => s.text)).toEqual([
      'Die Regierung in Den Haag hat am Dienstag einen neuen Plan für die Landwirtschaft vorgestellt, der von den Bauernverbänden scharf kritisiert wurde.',
      'Die Opposition verlangte eine Abstimmung im Parlament.',
    ]);
  });

  it('is read by content when its name says nothing', async () => {
    const doc = await ingestFile(write('download', GERMAN_PDF));
    expect(doc.encoding).toBe('pdf');
    expect(doc.lang).toBe('de');
  });

  it('opens when encrypted with an empty user password (only the owner password set)', async () => {
    const pdf = makePdf([{ lines: column(['Die Regierung in Berlin hat am Dienstag neue Maßnahmen für die Wirtschaft beschlossen.', 'Die Opposition kritisierte die Pläne als unzureichend und forderte mehr Geld für Schulen.']) }], { userPassword: '' });
    const doc = await ingestFile(write('offen.pdf', pdf));
    expect(doc.sentences.map((s) => s.text)).toEqual([
      'Die Regierung in Berlin hat am Dienstag neue Maßnahmen für die Wirtschaft beschlossen.',
      'Die Opposition kritisierte die Pläne als unzureichend und forderte mehr Geld für Schulen.',
    ]);
  });
});

describe('a PDF that cannot be read', () => {
  it('password-protected: says so and names the file', async () => {
    const err = await refusal(write('geheim.pdf', makePdf([{ lines: column(['Vertraulicher Bericht über die Lage.']) }], { userPassword: 'geheim' })));
    expect(err.code).toBe('encrypted');
    expect(err.message).toBe("geheim.pdf: the PDF is password-protected (encrypted); open it with its password, save a copy without one, and ingest that");
  });

  it('a scan without a text layer: says to run OCR first', async () => {
    const err = await refusal(write('scan.pdf', makePdf([{ image: true }, { image: true }])));
    expect(err.code).toBe('no_text_layer');
    expect(err.message).toBe('scan.pdf: scanned PDF without a text layer (run OCR first): 2 pages of images, no text');
  });

  it('damaged: a cut-off file is refused as not a readable PDF', async () => {
    const err = await refusal(write('kaputt.pdf', GERMAN_PDF.subarray(0, 60)));
    expect(err.code).toBe('unreadable');
    expect(err.message).toMatch(/^kaputt\.pdf: not a readable PDF \(.+\)$/u);
  });

  it('named .pdf but text: refused, not read as mojibake', async () => {
    const err = await refusal(write('falsch.pdf', Buffer.from('Dies ist gar kein PDF, sondern Text.\n')));
    expect(err.message).toBe('falsch.pdf: named .pdf but not a PDF (no %PDF- header); a damaged or mislabelled file');
  });
});
