// Folder ingest takes the new article files (PDF, DOCX, MHTML, EML) and still lists every other
// file as skipped; the file picker offers the same extensions.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTICLE_ACCEPT, ARTICLE_EXTENSIONS } from '../../src/common/index.ts';
import { sniffContainer } from '../../src/ingest/formats/sniff.ts';
import { collectFiles } from '../../src/ingest/index.ts';
import { tempDir } from '../support/tmp.ts';

describe('article files in a folder', () => {
  it('are PDF, DOCX, MHTML and EML besides text and HTML; others are skipped with the reason', async () => {
    const dir = join(tempDir('tandem-formats-folder-'), 'inbox');
    mkdirSync(dir);
    for (const name of ['a.pdf', 'b.DOCX', 'c.mht', 'd.mhtml', 'e.eml', 'f.txt', 'g.xlsx', 'h.doc']) writeFileSync(join(dir, name), 'x');
    const { files, skipped } = await collectFiles([dir]);
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual(['a.pdf', 'b.DOCX', 'c.mht', 'd.mhtml', 'e.eml', 'f.txt']);
    expect(skipped).toEqual([
      { path: join(dir, 'g.xlsx'), reason: 'not an article file (.xlsx)' },
      { path: join(dir, 'h.doc'), reason: 'not an article file (.doc)' },
    ]);
  });

  it('the file picker accepts every article extension', () => {
    const accepted = ARTICLE_ACCEPT.split(',');
    for (const ext of ARTICLE_EXTENSIONS) expect(accepted).toContain(ext);
    expect(accepted).toEqual(expect.arrayContaining(['application/pdf', 'message/rfc822']));
  });
});

describe('telling a container from text', () => {
  const sniff = (text: string, name = 'artikel.txt') => sniffContainer(Buffer.from(text, 'latin1'), name);

  it('reads an article that opens with "Name: value" lines as text, not as mail', () => {
    expect(sniff('Titel: Lawrow in Pjöngjang\nDatum: 18.10.2023\n\nDer russische Außenminister traf ein.')).toBeNull();
    expect(sniff('Berlin: Der Bundestag hat beraten.\n\nMehr dazu.')).toBeNull();
    expect(sniff('<!doctype html><html><body><p>Hallo</p></body></html>', 'seite.html')).toBeNull();
  });

  it('knows mail and saved pages by their headers, PDF and DOCX by their bytes', () => {
    expect(sniff('From: a@example.de\r\nSubject: Hallo\r\n\r\nText')).toBe('eml');
    expect(sniff('From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\tboundary="x"\r\n\r\n--x')).toBe('mhtml');
    expect(sniff('junk\n%PDF-1.7\n')).toBe('pdf');
    expect(sniff('PK\x03\x04....word/document.xml....')).toBe('docx');
    expect(sniff('PK\x03\x04....xl/workbook.xml....', 'tabelle.zip')).toBeNull();
  });
});
