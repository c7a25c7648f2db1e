// Translation cost per sentence through the model path (the real transformers.js pipeline on the
// generated tiny Marian model, in its worker) against a translation-memory hit, same run.
// Prints one JSON object.   npx tsx bench/translate.ts [--sentences N]
// The tiny model has 16-dim layers: its absolute speed says nothing about real opus-mt models
// (~300 MB); the number that matters is what the engine costs around the model, and the ratio.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Tandem } from '../src/api/service.ts';
import { installTinyModels } from '../test/support/models.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const n = Number(arg('--sentences') ?? 500);
const flores = join(import.meta.dirname, '..', '..', 'shared', 'data', 'flores-dev', 'de.txt');
const source = existsSync(flores)
  ? { what: 'flores-dev de.txt', lines: readFileSync(flores, 'utf8').split('\n').filter(Boolean).slice(0, n) }
  : { what: 'generated German sentences (../shared/data not present)', lines: Array.from({ length: n }, (_, i) => `Der Minister sprach am Tag ${i} mit ${i % 7} Kollegen über die Lage.`) };

const dir = mkdtempSync(join(tmpdir(), 'tandem-bench-'));
try {
  const modelsDir = join(dir, 'models');
  const manifestPath = await installTinyModels(modelsDir, ['de']);
  writeFileSync(join(dir, 'a.txt'), source.lines.join('\n'));
  // The same sentences again in a second document: every one is a memory hit.
  writeFileSync(join(dir, 'b.txt'), `${source.lines.join('\n')}\n`);
  const tandem = await Tandem.open({ dbPath: join(dir, 'bench.db'), modelsDir, manifestPath });
  await tandem.ingest([join(dir, 'a.txt')], { oneSentencePerLine: true, lang: 'de' });
  const model = await tandem.translate();
  const again = await tandem.ingest([join(dir, 'b.txt')], { oneSentencePerLine: true, lang: 'de' });
  const memory = await tandem.translate({ documentIds: [again.documents[0]!.id!] });
  await tandem.close();
  const perModel = (model.seconds * 1000) / Math.max(1, model.byModel);
  const perMemory = (memory.seconds * 1000) / Math.max(1, memory.fromMemory);
  console.log(JSON.stringify({
    sentences: source.lines.length,
    source: source.what,
    model: { byModel: model.byModel, seconds: +model.seconds.toFixed(3), msPerSentence: +perModel.toFixed(3), note: 'tiny random-weight Marian model: includes worker start and model load' },
    memory: { fromMemory: memory.fromMemory, byModel: memory.byModel, seconds: +memory.seconds.toFixed(3), msPerSentence: +perMemory.toFixed(4) },
    ratio: { modelToMemory: +(perModel / perMemory).toFixed(1) },
  }, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
