// A small database with every kind of alignment an export meets: translation review (de, with
// model, imported and human English), a German report against an English one, a German report
// against a Dutch one, and a document of hostile text. Built through the service like the app does.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tandem } from '../../src/api/service.ts';
import { memoryKey } from '../../src/translate/memory.ts';

export const GERMAN = ['Der Minister kam am Montag in Peking an.', 'Er traf seinen Amtskollegen Wang Yi.', 'Die Gespräche dauerten drei Stunden.', 'Danach reiste er nach Moskau zurück.'];
export const MT = ['The minister arrived in Beijing on Monday.', 'He met his colleague Wang Yi.', 'The talks took three hours.', 'Then he travelled back to Moscow.'];
export const ENGLISH = ['The minister arrived in Beijing on Monday.', 'He met his counterpart Wang Yi.', 'The talks lasted three hours.', 'Afterwards he travelled back to Moscow.'];
export const DUTCH = ['De minister kwam maandag aan in Peking.', 'Hij ontmoette zijn collega Wang Yi.', 'De gesprekken duurden drie uur.', 'Daarna reisde hij terug naar Moskou.'];
export const DUTCH_MT = ['The minister arrived in Beijing on Monday.', 'He met his colleague Wang Yi.', 'The talks lasted three hours.', 'Then he travelled back to Moscow.'];

const LONG = `${'Sehr lange Sätze über Þingvellir, Æsir, Straße & <Tags> "zitiert" \'einfach\' 🦊 שלום. '.repeat(1200)}Ende.`;
/** Text no export may garble: markup characters, quotes, C0 controls, astral emoji, RTL, Icelandic and German letters, 100 KB. */
export const HOSTILE = [
  'A & B < C > D "double" \'single\' ]]> &amp; <seg>not a tag</seg>',
  'Steuerzeichen:\u0001\u0002\u0008\u000b\u000c\u001b\u001f Ende\u0000.',
  'Tab\tim Satz, Zeilen\numbruch, Wagen\rrücklauf und \\ Backslash \\t kein Tab.',
  'Emoji 🦊👩🏽‍💻🇮🇸 und 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 außerhalb der BMP.',
  'Rechts nach links: שלום עולם and مرحبا بالعالم im Satz.',
  'Þórður og Ægir fóru í ferð, ð æ þ ß Straße Maß.',
  LONG,
];
export const HOSTILE_EN = HOSTILE.map((h, i) => `EN ${i}: ${h}\u0007`);

export interface Fixture {
  tandem: Tandem;
  dbPath: string;
  docs: { de: number; en: number; nl: number; hostile: number };
  alignments: { review: number; deEn: number; deNl: number; hostile: number };
}

export async function buildFixture(dir: string): Promise<Fixture> {
  const dbPath = join(dir, 'tandem.db');
  const tandem = await Tandem.open({ dbPath, modelsDir: join(dir, 'models') });
  writeFileSync(join(dir, 'de.txt'), GERMAN.join('\n'));
  writeFileSync(join(dir, 'en.txt'), ENGLISH.join('\n'));
  writeFileSync(join(dir, 'nl.txt'), DUTCH.join('\n'));
  writeFileSync(join(dir, 'de.tsv'), GERMAN.slice(0, 3).map((g, i) => `${g}\t${MT[i]}`).join('\n'));
  writeFileSync(join(dir, 'nl.tsv'), DUTCH.map((g, i) => `${g}\t${DUTCH_MT[i]}`).join('\n'));
  await tandem.importMemory(join(dir, 'de.tsv'), { lang: 'de' });
  await tandem.importMemory(join(dir, 'nl.tsv'), { lang: 'nl' });
  // The fourth German sentence is "translated by a model".
  await tandem.store.saveTranslations([{ sourceLang: 'de', memoryKey: memoryKey(GERMAN[3]!), sourceText: GERMAN[3]!, english: MT[3]!, origin: 'model', modelId: 'Xenova/opus-mt-de-en', modelRevision: 'abc123' }]);
  const ingest = async (file: string, lang: 'de' | 'en' | 'nl', title: string, date: string) =>
    (await tandem.ingest([join(dir, file)], { oneSentencePerLine: true, lang, title, date })).documents[0]!.id!;
  const de = await ingest('de.txt', 'de', 'Minister in Peking', '2024-05-16');
  const en = await ingest('en.txt', 'en', 'Minister in Beijing', '2024-05-16');
  const nl = await ingest('nl.txt', 'nl', 'Minister in Peking (NL)', '2024-05-17');
  const hostile = await tandem.store.insertDocument({
    contentHash: 'hostile', path: join(dir, 'hostile.txt'), fileName: 'hostile.txt', format: 'lines', encoding: 'utf-8', byteSize: 0,
    status: 'ingested', lang: 'de', langConfidence: 1, detectedLang: 'de', title: 'Böse & <gefährlich> "Titel"\u0001', published: '2024-01-02',
    text: HOSTILE.join('\n'), warnings: [], paragraphs: HOSTILE.map((t) => ({ start: 0, end: t.length, text: t, dropped: null })),
    sentences: HOSTILE.map((t, i) => ({ paragraph: i, start: 0, end: t.length, text: t, memoryKey: memoryKey(t) })), dates: [],
  });
  await tandem.store.saveTranslations(HOSTILE.map((h, i) => ({ sourceLang: 'de', memoryKey: memoryKey(h), sourceText: h, english: HOSTILE_EN[i]!, origin: 'imported' as const, provenance: 'hostile.tmx' })));

  const review = await tandem.align(de, de);
  const deEn = await tandem.align(de, en);
  const deNl = await tandem.align(de, nl);
  const hostileAl = await tandem.align(hostile, hostile);
  // Translation review: accept 0, 1 (post-edited), 3; reject 2.
  await tandem.editEnglish(review.id, 'a', 1, ENGLISH[1]!);
  for (const [i, action] of [[0, 'accept'], [1, 'accept'], [2, 'reject'], [3, 'accept']] as const) await tandem.review(review.id, review.beads[i]!.id, action);
  // de ~ en: accept all but the last (pending).
  for (const b of deEn.beads.slice(0, 3)) await tandem.review(deEn.id, b.id, 'accept');
  // de ~ nl: accept the first two, reject the third.
  await tandem.review(deNl.id, deNl.beads[0]!.id, 'accept');
  await tandem.review(deNl.id, deNl.beads[1]!.id, 'accept');
  await tandem.review(deNl.id, deNl.beads[2]!.id, 'reject');
  for (const b of hostileAl.beads) await tandem.review(hostileAl.id, b.id, 'accept');
  return { tandem, dbPath, docs: { de, en, nl, hostile }, alignments: { review: review.id, deEn: deEn.id, deNl: deNl.id, hostile: hostileAl.id } };
}
