// The Marian engine on the real transformers.js pipeline, with a generated tiny model.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MarianTranslator } from '../../src/translate/marian.ts';
import { CancelledError } from '../../src/common/index.ts';
import { withTinyModels } from '../support/tiny-marian.ts';
import { tempDir } from '../support/tmp.ts';

const root = tempDir();
const onceRoot = join(root, 'once');
let engine: MarianTranslator;

beforeAll(async () => {
  await withTinyModels(root, ['de']);
  await withTinyModels(onceRoot, ['de'], { eosMode: 'once' });
  engine = new MarianTranslator('de', 'Xenova/opus-mt-de-en', 'test', root);
});
afterAll(() => engine.close());

describe('MarianTranslator', () => {
  it('translates a batch in a worker thread, one English string per input, deterministically', async () => {
    const input = ['Der Außenminister traf am 18. Oktober ein.', 'Ja.', 'Moskau und Peking erklärten im Februar 2022 eine Partnerschaft.'];
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const first = await engine.translate(input);
    clearInterval(timer);
    expect(first).toHaveLength(3);
    expect(first.every((s) => typeof s === 'string' && s.length > 0)).toBe(true);
    expect(await engine.translate(input)).toEqual(first);
    // The caller's event loop kept running while the model worked.
    expect(ticks).toBeGreaterThan(5);
    expect(await engine.translate([])).toEqual([]);
  });

  it('cuts each batch row at its first EOS, so batching never changes a translation', async () => {
    const once = new MarianTranslator('de', 'Xenova/opus-mt-de-en', 'test', onceRoot);
    try {
      const short = 'Ja.';
      const long = 'Der russische Außenminister wird mit seinem chinesischen Amtskollegen über heiße Themen sprechen.';
      const [alone] = await once.translate([short]);
      const [inBatch] = await once.translate([short, long]);
      expect(inBatch).toBe(alone);
    } finally {
      await once.close();
    }
  });

  it('splits a sentence longer than the model input limit and joins the pieces', async () => {
    const clause = 'und die Beziehungen seien auf dem besten Stand ihrer Geschichte';
    const long = `${Array.from({ length: 30 }, () => clause).join(', ')}.`;
    const [english] = await engine.translate([long]);
    // Each piece contributes its own output; one 256-token cut would yield far less text.
    expect(english!.split(' ').length).toBeGreaterThan(30);
  });

  it('stops at once when cancelled and works again afterwards', async () => {
    const [ja] = await engine.translate(['Ja.']);
    const controller = new AbortController();
    const many = Array.from({ length: 64 }, (_, i) => `Satz Nummer ${i} über die Lage in der Ukraine und in Russland.`);
    const pending = engine.translate(many, controller.signal);
    const outcome = pending.then(() => 'translated', (err: unknown) => err);
    // Aborted right after the call, while the batch is pending: the worker still gets it and works
    // on it, and no reply can have arrived yet (replies come on a later turn of the event loop).
    controller.abort();
    // "At once": the call settles before the next turn of the event loop, so without waiting for
    // the worker, which still has 64 sentences to translate.
    const settled = await Promise.race([outcome, new Promise((r) => setImmediate(() => r('still waiting')))]);
    expect(settled).toBeInstanceOf(CancelledError);
    // The worker's late reply to the cancelled batch is dropped, not handed to the next call.
    expect(await engine.translate(['Ja.'])).toEqual([ja]);
  });

  it('reports a missing model folder as an error naming the model', async () => {
    const missing = new MarianTranslator('is', 'Xenova/opus-mt-is-en', 'test', join(root, 'nowhere'));
    await expect(missing.translate(['Já.'])).rejects.toThrow(/opus-mt-is-en/);
    await missing.close();
  });
});
