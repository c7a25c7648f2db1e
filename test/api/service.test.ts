// The engine end to end on the bundled samples: ingest, translate with generated models,
// memory hits on re-runs, missing models, and memory imports that make model calls unnecessary.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tandem } from '../../src/api/service.ts';
import { installTinyModels } from '../support/models.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir();
const modelsDir = join(dir, 'models');
const samples = join(import.meta.dirname, '..', '..', 'samples');
let tandem: Tandem;

beforeAll(async () => {
  const manifestPath = await installTinyModels(modelsDir, ['de', 'nl']);
  tandem = await Tandem.open({ dbPath: join(dir, 'tandem.db'), modelsDir, manifestPath });
});
afterAll(() => tandem.close());

const BOILERPLATE = /^(READ\b|Quellenlink$|\[Anzeige_\d+\]$|Kommentar \(\d+\)$|Birtingartími:|Dagelijks meer nieuwsberichten)/u;

describe('the engine on the samples', () => {
  it('ingests all five samples with the right languages and no boilerplate sentences', async () => {
    const report = await tandem.ingest([samples]);
    expect(report.documents.map((d) => [d.path.split('/').pop()!.slice(0, 3), d.status, d.lang])).toEqual([
      ['000', 'ingested', 'de'], ['001', 'ingested', 'is'], ['002', 'ingested', 'nl'], ['003', 'ingested', 'de'], ['004', 'ingested', 'de'],
    ]);
    for (const d of report.documents) {
      expect(d.langConfidence).toBeGreaterThan(0.9);
      expect(d.sentences).toBeGreaterThan(5);
      const sentences = await tandem.sentences(d.id!);
      expect(sentences.filter((s) => BOILERPLATE.test(s.text))).toEqual([]);
      // Offsets point into the stored text.
      const text = await tandem.store.documentText(d.id!);
      for (const s of sentences) expect(text!.slice(s.start, s.end)).toBe(s.text);
    }
    expect(report.documents.find((d) => d.path.includes('001'))!.date).toBe('2021-03-19');
    expect(report.documents.find((d) => d.path.includes('002'))!.date).toBe('2024-11-23');
    expect(report.documents.reduce((n, d) => n + d.boilerplate, 0)).toBeGreaterThanOrEqual(8);
  });

  it('translates what it has models for, names the missing model and how to get it', async () => {
    const report = await tandem.translate();
    expect(report.missingModels).toEqual(['is']);
    expect(report.messages.join('\n')).toMatch(/tandem models fetch --lang is/);
    const docs = await tandem.documents();
    const de000 = docs.find((d) => d.fileName.startsWith('000'))!;
    const is001 = docs.find((d) => d.fileName.startsWith('001'))!;
    // 000 repeats its own paragraphs: the repeats come from memory, never from the model.
    const unique = new Set((await tandem.sentences(de000.id)).map((s) => s.text)).size;
    expect(unique).toBeLessThan(de000.sentenceCount);
    const germanAndDutch = docs.filter((d) => d.lang === 'de' || d.lang === 'nl').reduce((n, d) => n + d.sentenceCount, 0);
    expect(report.translated).toBe(germanAndDutch);
    expect(report.byModel).toBeLessThan(germanAndDutch);
    expect((await tandem.sentences(de000.id)).every((s) => s.translation && s.origin === 'model')).toBe(true);
    expect((await tandem.sentences(is001.id)).every((s) => s.translation === null)).toBe(true);
  });

  it('does no new work when run again', async () => {
    const ingest = await tandem.ingest([samples]);
    expect(ingest.documents.map((d) => d.status)).toEqual(Array(5).fill('duplicate'));
    const translate = await tandem.translate();
    expect(translate.byModel).toBe(0);
    expect(translate.fromMemory).toBe(translate.translated);
  });

  it('translates only the new language once its model arrives', async () => {
    await installTinyModels(modelsDir, ['is']);
    const is001 = (await tandem.documents()).find((d) => d.lang === 'is')!;
    const report = await tandem.translate();
    expect(report.missingModels).toEqual([]);
    expect(report.byModel).toBe(new Set((await tandem.sentences(is001.id)).map((s) => s.text)).size);
    expect((await tandem.sentences(is001.id)).every((s) => s.translation)).toBe(true);
  });

  it('uses imported memory instead of the model, and prefers it over model output', async () => {
    const extra = join(dir, 'extra.txt');
    writeFileSync(extra, 'Der Minister reiste am Montag nach Peking.\nDort traf er seinen Amtskollegen zu langen Gesprächen.\n');
    const [doc] = (await tandem.ingest([extra])).documents;
    expect(doc).toMatchObject({ status: 'ingested', lang: 'de', sentences: 2 });
    const tsv = join(dir, 'memory.tsv');
    writeFileSync(tsv, 'Der Minister reiste am Montag nach Peking.\tThe minister travelled to Beijing on Monday.\nDort traf er seinen Amtskollegen zu langen Gesprächen.\tThere he met his counterpart for long talks.\n');
    expect(await tandem.importMemory(tsv, { lang: 'de' })).toMatchObject({ imported: 2, byLang: { de: 2 } });
    const report = await tandem.translate({ documentIds: [doc!.id!] });
    expect(report).toMatchObject({ byModel: 0, fromMemory: 2, translated: 2 });
    expect((await tandem.sentences(doc!.id!)).map((s) => [s.translation, s.origin])).toEqual([
      ['The minister travelled to Beijing on Monday.', 'imported'],
      ['There he met his counterpart for long talks.', 'imported'],
    ]);
    expect(await tandem.store.integrityCheck()).toBe('ok');
  });

  it('extracts the article from an HTML page and honours title, date and language overrides', async () => {
    const page = join(dir, 'page.html');
    writeFileSync(page, `<!doctype html><html><head><title>Lawrow in Peking | Beispielzeitung</title>
      <meta property="article:published_time" content="2024-04-08T09:30:00Z"><script>alert('x')</script></head>
      <body><nav><a href="/">Startseite</a> <a href="/politik">Politik</a></nav>
      <article><h1>Lawrow in Peking</h1>
      <p>Der russische Außenminister Sergej Lawrow ist am Montag zu einem zweitägigen Besuch in Peking eingetroffen.</p>
      <p>Er wird mit seinem chinesischen Amtskollegen Wang Yi über den Krieg in der Ukraine sprechen.<img src=x onerror="alert(1)"></p>
      </article><footer>© 2024 Beispielzeitung. Alle Rechte vorbehalten.</footer></body></html>`);
    const [doc] = (await tandem.ingest([page])).documents;
    expect(doc).toMatchObject({ status: 'ingested', lang: 'de', title: 'Lawrow in Peking', date: expect.stringMatching(/^2024-04-08/) });
    const texts = (await tandem.sentences(doc!.id!)).map((s) => s.text);
    expect(texts).toEqual([
      'Der russische Außenminister Sergej Lawrow ist am Montag zu einem zweitägigen Besuch in Peking eingetroffen.',
      'Er wird mit seinem chinesischen Amtskollegen Wang Yi über den Krieg in der Ukraine sprechen.',
    ]);

    const plain = join(dir, 'override.txt');
    writeFileSync(plain, 'Dit is een kort bericht over het bezoek van de minister aan Peking.\n');
    const [over] = (await tandem.ingest([plain], { lang: 'nl', title: 'Eigen titel', date: '2024-05-16' })).documents;
    expect(over).toMatchObject({ status: 'ingested', lang: 'nl', langConfidence: 1, title: 'Eigen titel', date: '2024-05-16' });
    await expect(tandem.ingest([plain], { date: '16.05.2024' })).rejects.toThrow(/YYYY-MM-DD/);
  });
});
