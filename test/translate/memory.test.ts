import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryKey, readMemoryFile, type ImportedPair } from '../../src/translate/memory.ts';
import { splitLongSentence } from '../../src/translate/clauses.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir();

async function readAll(file: string, opts: Parameters<typeof readMemoryFile>[1]): Promise<ImportedPair[]> {
  const out: ImportedPair[] = [];
  for await (const batch of readMemoryFile(file, opts, 2)) out.push(...batch);
  return out;
}

describe('memory keys', () => {
  it('fold whitespace and Unicode form but keep case and punctuation', () => {
    expect(memoryKey('  Straße\u00a0 und\n\tWeg. ')).toBe('Straße und Weg.');
    expect(memoryKey('Pu\u0301tín')).toBe(memoryKey('Pútín'));
    expect(memoryKey('Ja.')).not.toBe(memoryKey('ja.'));
  });
});

describe('memory import', () => {
  it('reads TMX 1.4b with region subtags, entities, CDATA and inline codes', async () => {
    const file = join(dir, 'mem.tmx');
    writeFileSync(file, `\uFEFF<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" datatype="plaintext" segtype="sentence" adminlang="en" srclang="de-DE" o-tmf="x"/>
<body>
<tu><tuv xml:lang="de-DE"><seg>Lawrow &amp; Wang trafen sich &lt;heute&gt;.</seg></tuv><tuv xml:lang="EN-US"><seg>Lavrov &amp; Wang met "today".</seg></tuv></tu>
<tu><tuv xml:lang="de"><seg>Er sagte <bpt i="1">&lt;b&gt;</bpt>nein<ept i="1">&lt;/b&gt;</ept>.</seg></tuv><tuv xml:lang="en"><seg><![CDATA[He said no.]]></seg></tuv></tu>
<tu><tuv xml:lang="is"><seg>Þú</seg></tuv><tuv xml:lang="en"><seg>You</seg></tuv></tu>
<tu><tuv xml:lang="de"><seg>Ohne Englisch</seg></tuv></tu>
</body></tmx>`);
    expect(await readAll(file, {})).toEqual([
      { lang: 'de', source: 'Lawrow & Wang trafen sich <heute>.', english: 'Lavrov & Wang met "today".' },
      { lang: 'de', source: 'Er sagte nein.', english: 'He said no.' },
      { lang: 'is', source: 'Þú', english: 'You' },
    ]);
    expect((await readAll(file, { lang: 'is' })).map((p) => p.source)).toEqual(['Þú']);
  });

  it('names the file when TMX is not well-formed', async () => {
    const file = join(dir, 'broken.tmx');
    writeFileSync(file, '<tmx><body><tu><tuv xml:lang="de"><seg>a</tuv></body>');
    await expect(readAll(file, {})).rejects.toThrow(/broken\.tmx: not well-formed TMX/);
  });

  it('reads TSV and requires --lang for it', async () => {
    const file = join(dir, 'mem.tsv');
    writeFileSync(file, 'Guten Tag.\tGood day.\r\n\r\nDanke\tThanks\n');
    expect(await readAll(file, { lang: 'de' })).toEqual([
      { lang: 'de', source: 'Guten Tag.', english: 'Good day.' },
      { lang: 'de', source: 'Danke', english: 'Thanks' },
    ]);
    await expect(readAll(file, {})).rejects.toThrow(/--lang is required/);
    writeFileSync(join(dir, 'bad.tsv'), 'no tab here\n');
    await expect(readAll(join(dir, 'bad.tsv'), { lang: 'de' })).rejects.toThrow(/bad\.tsv line 1/);
  });

  it('pairs line-aligned files and refuses files of different length', async () => {
    writeFileSync(join(dir, 'src.txt'), 'Een.\nTwee.\nDrie.\n');
    writeFileSync(join(dir, 'en.txt'), 'One.\nTwo.\nThree.\n');
    writeFileSync(join(dir, 'short.txt'), 'One.\nTwo.\n');
    expect((await readAll(join(dir, 'src.txt'), { lang: 'nl', english: join(dir, 'en.txt') })).map((p) => p.english)).toEqual(['One.', 'Two.', 'Three.']);
    await expect(readAll(join(dir, 'src.txt'), { lang: 'nl', english: join(dir, 'short.txt') })).rejects.toThrow(/same number of lines/);
  });
});

describe('long sentences', () => {
  const words = (s: string) => s.split(/\s+/u).length;
  it('are cut at clause boundaries first, words last, and lose no text', () => {
    const text = 'Eins zwei drei, vier fünf sechs; sieben acht neun zehn elf zwölf dreizehn vierzehn fünfzehn.';
    const pieces = splitLongSentence(text, words, 6);
    expect(pieces[0]).toBe('Eins zwei drei, vier fünf sechs;');
    expect(pieces.every((p) => words(p) <= 6)).toBe(true);
    expect(pieces.join(' ')).toBe(text);
    expect(splitLongSentence('Kurz.', words, 6)).toEqual(['Kurz.']);
  });
});
