// DOCX ingest: a generated Word document (a ZIP of WordprocessingML made in the test) is read by
// mammoth into HTML and through the HTML reader into the article's sentences; a damaged one is
// refused with a message naming the file.
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest/index.ts';
import { makeZip } from '../support/documents.ts';
import { DUTCH_DOCX } from '../support/format-articles.ts';
import { formatFiles } from '../support/format-files.ts';

const { write, refusal } = formatFiles('tandem-docx-');

describe('a Word document', () => {
  it('is read into the article sentences, its first heading the title', async () => {
    const doc = await ingestFile(write('xi.docx', DUTCH_DOCX));
    expect(doc.lang).toBe('nl');
    expect(doc.format).toBe('html');
    expect(doc.encoding).toBe('docx');
    expect(doc.title).toBe('Poetin ontvangt Xi in Moskou');
    expect(doc.sentences.map((s) => s.text)).toEqual([
      'De Chinese president Xi Jinping is maandag aangekomen in Moskou voor een driedaags staatsbezoek.',
      'Het is zijn eerste reis naar het buitenland sinds de herverkiezing.',
      'Volgens het Kremlin zullen beide leiders spreken over de economische samenwerking en de oorlog in Oekraïne.',
      'Westerse regeringen volgen het bezoek met argwaan.',
      'Een woordvoerder in Peking zei dat China een neutrale positie inneemt.',
      'Dat wordt in Brussel betwijfeld.',
    ]);
  });

  it('is read by content under another name', async () => {
    const doc = await ingestFile(write('bijlage.bin', DUTCH_DOCX));
    expect(doc.encoding).toBe('docx');
    expect(doc.sentences).toHaveLength(6);
  });
});

describe('a Word document that cannot be read', () => {
  it('cut off (no ZIP directory): refused as corrupt, naming the file', async () => {
    const err = await refusal(write('kapot.docx', DUTCH_DOCX.subarray(0, DUTCH_DOCX.length - 200)));
    expect(err.code).toBe('unreadable');
    expect(err.message).toMatch(/^kapot\.docx: not a readable Word document \(corrupt or not a DOCX: .+\)$/u);
  });

  it('a ZIP without a Word body: refused as corrupt', async () => {
    const err = await refusal(write('leeg.docx', makeZip({ 'readme.txt': 'nothing here' })));
    expect(err.message).toMatch(/^leeg\.docx: not a readable Word document \(corrupt or not a DOCX: .+\)$/u);
  });

  it('not a ZIP at all: refused as corrupt', async () => {
    const err = await refusal(write('tekst.docx', Buffer.from('Dit is gewoon tekst.\n')));
    expect(err.message).toBe('tekst.docx: not a readable Word document (corrupt or not a DOCX: not a ZIP archive)');
  });
});
