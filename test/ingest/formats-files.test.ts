// Folder ingest takes the new article files (PDF, DOCX, MHTML, EML) and still lists every other
// file as skipped; the file picker offers the same extensions.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTICLE_ACCEPT, ARTICLE_EXTENSIONS } from '../../src/common/index.ts';
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
