// The packaged app leaves out @napi-rs/canvas (pdf.js draws pages with it; Tandem only reads the
// text layer), and `npm install --omit=optional` does too. The built CLI must still read a PDF
// there, with nothing of pdf.js's complaints about it on stdout: here it runs from a folder whose
// node_modules has everything but that package.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GERMAN_PDF } from '../support/format-articles.ts';
import { tempDir } from '../support/tmp.ts';

const root = join(import.meta.dirname, '..', '..');

describe('the built CLI without @napi-rs/canvas', () => {
  it('ingests a PDF and prints clean JSON', () => {
    const app = tempDir('tandem-no-canvas-');
    copyFileSync(join(root, 'package.json'), join(app, 'package.json'));
    mkdirSync(join(app, 'models'));
    copyFileSync(join(root, 'models', 'manifest.json'), join(app, 'models', 'manifest.json'));
    cpSync(join(root, 'dist', 'cli'), join(app, 'dist', 'cli'), { recursive: true, filter: (f) => !f.endsWith('.map') });
    const modules = join(app, 'node_modules');
    mkdirSync(modules);
    for (const name of readdirSync(join(root, 'node_modules'))) {
      if (name !== '@napi-rs' && name !== 'pdfjs-dist' && name !== '.bin') symlinkSync(join(root, 'node_modules', name), join(modules, name));
    }
    // pdf.js itself is copied, not linked: Node would resolve a link to where the canvas package is.
    const pdfjs = join(root, 'node_modules', 'pdfjs-dist');
    mkdirSync(join(modules, 'pdfjs-dist', 'legacy', 'build'), { recursive: true });
    copyFileSync(join(pdfjs, 'package.json'), join(modules, 'pdfjs-dist', 'package.json'));
    for (const f of ['pdf.mjs', 'pdf.worker.mjs']) copyFileSync(join(pdfjs, 'legacy', 'build', f), join(modules, 'pdfjs-dist', 'legacy', 'build', f));
    for (const d of ['standard_fonts', 'cmaps']) symlinkSync(join(pdfjs, d), join(modules, 'pdfjs-dist', d));
    writeFileSync(join(app, 'lawrow.pdf'), GERMAN_PDF);

    const r = spawnSync(process.execPath, [join(app, 'dist', 'cli', 'tandem.js'), '--db', join(app, 't.db'), '--models', join(app, 'models'), '--json', 'ingest', join(app, 'lawrow.pdf')], { cwd: app, encoding: 'utf8', env: { ...process.env, TANDEM_MODELS: '', NODE_OPTIONS: '' } });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).documents).toEqual([expect.objectContaining({ status: 'ingested', lang: 'de', sentences: 7, title: 'Lawrow besucht Pjöngjang' })]);
  });
});
