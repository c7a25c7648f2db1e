// `tandem ingest` on a PDF and a Word file, through the built command (dist/cli, where pdf.js is
// loaded from node_modules and mammoth is bundled): it prints the document, and `sentences` shows
// its text; an encrypted PDF is reported, naming the file, and the exit code says a file failed.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makePdf } from '../support/documents.ts';
import { DUTCH_DOCX, GERMAN_PDF } from '../support/format-articles.ts';
import { tempDir } from '../support/tmp.ts';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'tandem.js');
const dir = tempDir('tandem-formats-cli-');

function tandem(args: string[]) {
  return spawnSync(process.execPath, [bin, '--db', join(dir, 'formats.db'), '--models', join(dir, 'no-models'), ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, TANDEM_MODELS: '' } });
}

describe('tandem ingest with PDF and DOCX files', () => {
  it('prints each document and stores its sentences', () => {
    writeFileSync(join(dir, 'lawrow.pdf'), GERMAN_PDF);
    writeFileSync(join(dir, 'xi.docx'), DUTCH_DOCX);
    const r = tandem(['ingest', 'lawrow.pdf', 'xi.docx']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ingested +#1 +.*lawrow\.pdf\n +de \d+% +7 sentences +Lawrow besucht Pjöngjang$/mu);
    expect(r.stdout).toMatch(/^ingested +#2 +.*xi\.docx\n +nl \d+% +6 sentences +Poetin ontvangt Xi in Moskou$/mu);

    const sentences = tandem(['--json', 'sentences', '1']);
    expect(sentences.status, sentences.stderr).toBe(0);
    const texts = (JSON.parse(sentences.stdout) as { text: string }[]).map((s) => s.text);
    expect(texts[1]).toBe('Nordkoreanische Medien sprachen von einer wichtigen Gelegenheit für die Beziehungen der beiden Länder.');
    expect(texts).toHaveLength(7);
  });

  it('reports a password-protected PDF by name and exits 1', () => {
    writeFileSync(join(dir, 'geheim.pdf'), makePdf([{ lines: [{ text: 'Vertraulich.', y: 700 }] }], { userPassword: 'x' }));
    const r = tandem(['--json', 'ingest', 'geheim.pdf']);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).documents).toEqual([
      expect.objectContaining({ status: 'rejected', errorCode: 'encrypted', error: expect.stringMatching(/^geheim\.pdf: the PDF is password-protected/u) }),
    ]);
    expect(JSON.parse(tandem(['--json', 'documents']).stdout)).toHaveLength(2);
  });
});
