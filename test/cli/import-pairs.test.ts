// `tandem import-pairs FILE.tmx`: a de-nl export read into a fresh database gives back its de-nl
// pairs (issue 12), units that are no pair are counted by reason, a second import stores nothing
// new, and a file with no usable unit is refused with nothing stored. Built CLI, real SQLite files.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportPairsReport } from '../../src/api/pairs-import.ts';
import { tempDir } from '../support/tmp.ts';
import { elements, find, parseXml, textOf } from '../export/xml-check.ts';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'tandem.js');
const dir = tempDir();

function tandem(args: string[], db: string) {
  const r = spawnSync(process.execPath, [bin, '--db', db, '--models', join(dir, 'models'), ...args], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function ok(args: string[], db: string): string {
  const r = tandem(args, db);
  expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

/** Each <tu> of a TMX file as [source text, target text] with their languages. */
function units(file: string): { langs: string[]; texts: string[] }[] {
  return find(parseXml(readFileSync(join(dir, file), 'utf8'), false), 'tu').map((tu) => {
    const tuvs = elements(tu).filter((e) => e.local === 'tuv');
    return { langs: tuvs.map((v) => v.attrs['xml:lang']!), texts: tuvs.map((v) => textOf(find(v, 'seg')[0]!)) };
  });
}

const GERMAN = [
  'Der Bundestag hat am Donnerstag das neue Klimagesetz verabschiedet.',
  'Die Abstimmung endete mit 372 zu 280 Stimmen.',
  'Umweltministerin Lemke sprach von einem historischen Tag.',
  'Die Opposition kündigte eine Klage in Karlsruhe an.',
  'Das Gesetz soll im Januar 2027 in Kraft treten.',
];
const DUTCH = [
  'De Bondsdag heeft donderdag de nieuwe klimaatwet aangenomen.',
  'De stemming eindigde met 372 tegen 280 stemmen.',
  'Milieuminister Lemke sprak van een historische dag.',
  'De oppositie kondigde een rechtszaak in Karlsruhe aan.',
  'De wet moet in januari 2027 in werking treden.',
];

function tmx(header: string, tus: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header ${header} creationtool="test" creationtoolversion="1" segtype="sentence" o-tmf="none" adminlang="en" datatype="plaintext"/><body>\n${tus.join('\n')}\n</body></tmx>\n`;
}
const tu = (...tuvs: [string, string][]) => `<tu>${tuvs.map(([l, t]) => `<tuv xml:lang="${l}"><seg>${t}</seg></tuv>`).join('')}</tu>`;

describe('tandem import-pairs', () => {
  it('a de-nl export imported into a fresh database exports the same de-nl pairs; a second import adds nothing', () => {
    writeFileSync(join(dir, 'klima-de.txt'), `${GERMAN.join('\n')}\n`);
    writeFileSync(join(dir, 'klima-nl.txt'), `${DUTCH.join('\n')}\n`);
    const de = JSON.parse(ok(['--json', 'ingest', '--lang', 'de', '--one-sentence-per-line', 'klima-de.txt'], 'one.db')).documents[0].id;
    const nl = JSON.parse(ok(['--json', 'ingest', '--lang', 'nl', '--one-sentence-per-line', 'klima-nl.txt'], 'one.db')).documents[0].id;
    const alignment = JSON.parse(ok(['--json', 'align', String(de), String(nl)], 'one.db')).id;
    ok(['review', String(alignment), 'accept', '--min-score', '0'], 'one.db');
    ok(['export', '--pair', 'de-nl', '--status', 'accepted', '--out', 'first.tmx'], 'one.db');
    const first = units('first.tmx');
    expect(first.length).toBeGreaterThan(0);
    expect(first.every((u) => u.langs.join() === 'de,nl')).toBe(true);

    const report = JSON.parse(ok(['--json', 'import-pairs', 'first.tmx'], 'two.db')) as ImportPairsReport;
    expect(report).toMatchObject({ read: first.length, kept: { 'de-nl': first.length }, skipped: [] });
    expect(report.pairs).toHaveLength(1);
    expect(report.pairs[0]).toMatchObject({ pair: 'de-nl', units: first.length, alignmentOutcome: 'new', source: { lang: 'de', outcome: 'new' }, target: { lang: 'nl', outcome: 'new' } });
    ok(['export', '--pair', 'de-nl', '--status', 'accepted', '--out', 'second.tmx'], 'two.db');
    expect(units('second.tmx')).toEqual(first);

    const again = JSON.parse(ok(['--json', 'import-pairs', 'first.tmx'], 'two.db')) as ImportPairsReport;
    expect(again.pairs[0]).toMatchObject({
      alignment: report.pairs[0]!.alignment, alignmentOutcome: 'known',
      source: { document: report.pairs[0]!.source.document, outcome: 'known' }, target: { document: report.pairs[0]!.target.document, outcome: 'known' },
    });
    expect(JSON.parse(ok(['--json', 'documents'], 'two.db'))).toHaveLength(2);
    ok(['export', '--pair', 'de-nl', '--status', 'accepted', '--out', 'third.tmx'], 'two.db');
    expect(units('third.tmx')).toEqual(first);
    // the stored alignment counts as valid: aligning the pair again gives it back, not a new one
    expect(JSON.parse(ok(['--json', 'align', String(report.pairs[0]!.source.document), String(report.pairs[0]!.target.document)], 'two.db')).id).toBe(report.pairs[0]!.alignment);
    const human = tandem(['import-pairs', 'first.tmx'], 'two.db');
    expect(human.stderr).toMatch(/^ingest: 1\/1 /mu);
    expect(human.stdout).toMatch(/de-nl: \d+ pairs kept: document \d+ \(de, already stored\) ~ document \d+ \(nl, already stored\); alignment \d+ already stored/u);
  });

  it('counts the units that are no pair of the source language by reason', () => {
    writeFileSync(join(dir, 'mixed.tmx'), tmx('srclang="de-DE"', [
      tu(['de-DE', GERMAN[0]!], ['nl-NL', `${DUTCH[0]!}\n   <ph x="1"/>`]),
      tu(['de', GERMAN[1]!], ['nl', DUTCH[1]!]),
      tu(['de', GERMAN[2]!], ['nl', DUTCH[2]!], ['en', 'Environment minister Lemke spoke of a historic day.']),
      tu(['de', GERMAN[3]!], ['nl', '  ']),
      tu(['nl', DUTCH[4]!], ['en', 'The law is to take effect in January 2027.']),
    ]));
    const report = JSON.parse(ok(['--json', 'import-pairs', 'mixed.tmx'], 'mixed.db')) as ImportPairsReport;
    expect(report.read).toBe(5);
    expect(report.kept).toEqual({ 'de-nl': 2 });
    expect(report.skipped).toEqual(expect.arrayContaining([
      { reason: '3 languages, not two', count: 1 },
      { reason: 'a side is empty', count: 1 },
      { reason: 'no side in the source language de', count: 1 },
    ]));
    expect(report.skipped).toHaveLength(3);
    ok(['export', '--pair', 'de-nl', '--out', 'mixed-out.tmx'], 'mixed.db');
    expect(units('mixed-out.tmx').map((u) => u.texts)).toEqual([[GERMAN[0], DUTCH[0]], [GERMAN[1], DUTCH[1]]]);
  });

  it('a stored document that holds the same text split otherwise is no one-sentence-per-unit side: refused, the new side deleted again', () => {
    // ingested as running text, these two lines are one paragraph cut into sentences by punctuation
    writeFileSync(join(dir, 'klima.de.txt'), 'Der Bundestag stimmte zu. Die Opposition nicht.\nDas Gesetz gilt ab 2027.\n');
    ok(['ingest', '--lang', 'de', 'klima.de.txt'], 'split.db');
    const before = JSON.parse(ok(['--json', 'documents'], 'split.db'));
    expect(before).toHaveLength(1);
    writeFileSync(join(dir, 'klima.tmx'), tmx('srclang="de"', [
      tu(['de', 'Der Bundestag stimmte zu. Die Opposition nicht.'], ['nl', 'De Bondsdag stemde in. De oppositie niet.']),
      tu(['de', 'Das Gesetz gilt ab 2027.'], ['nl', 'De wet geldt vanaf 2027.']),
    ]));
    const r = tandem(['import-pairs', 'klima.tmx'], 'split.db');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`klima\\.tmx: the de document ${before[0].id} \\(already stored with this text\\) has 3 sentences for 2 de-nl units; unit 1 differs: each unit must be one sentence`, 'u'));
    expect(JSON.parse(ok(['--json', 'documents'], 'split.db'))).toEqual(before);
  });

  it('a TMX with no usable unit is refused with the reasons, and nothing is stored', () => {
    writeFileSync(join(dir, 'none.tmx'), tmx('srclang="de"', [tu(['de', GERMAN[0]!], ['de', GERMAN[1]!]), tu(['de', GERMAN[2]!])]));
    const r = tandem(['import-pairs', 'none.tmx'], 'none.db');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/none\.tmx: no unit with two languages to import \(2 units read: .*both sides in one language.*one language, not two.*\); nothing was stored/u);
    expect(JSON.parse(ok(['--json', 'documents'], 'none.db'))).toEqual([]);
    const broken = join(dir, 'broken.tmx');
    writeFileSync(broken, '<tmx><body><tu>');
    expect(tandem(['import-pairs', 'broken.tmx'], 'none.db').stderr).toMatch(/broken\.tmx: not well-formed TMX/u);
  });
});
