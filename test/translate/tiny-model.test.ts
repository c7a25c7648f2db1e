// The tiny random-weight Marian model (test/support/tiny-marian.ts) runs through the real
// transformers.js path: local folder loading, MarianTokenizer, encoder + merged decoder with KV cache.
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AutoTokenizer, Tensor, env, pipeline } from '@huggingface/transformers';
import { TINY_MARIAN_SPEC, withTinyModels, writeTinyMarianModel } from '../support/tiny-marian.ts';

const MODEL_ID = 'Xenova/opus-mt-de-en';
const SHORT_DE = 'Die Straße ist heute sehr groß.';
const LONG_DE =
  'Der Präsident von Russland sagte am 18. Oktober in Moskau, dass die Regierung über den Besuch aus Peking erfreut sei.';
const ICELANDIC = 'Þetta er íslenska: það, þjóð, eða æðarfugl á Íslandi!';

// Minimal structural views of the transformers.js objects used here (its typings are loose).
interface Encoded {
  input_ids: Tensor;
  attention_mask: Tensor;
}
interface TinyTokenizer {
  (texts: string | string[], options?: { padding?: boolean; truncation?: boolean }): Encoded;
  encode(text: string): number[];
  decode(ids: number[], options?: { skip_special_tokens?: boolean }): string;
}
interface TinyModel {
  (inputs: Record<string, unknown>): Promise<{ logits: Tensor }>;
  generate(args: Record<string, unknown>): Promise<Tensor>;
  sessions: Record<string, { inputNames: string[]; outputNames: string[] }>;
  config: { model_type: string; eos_token_id: number; pad_token_id: number; decoder_start_token_id: number };
  dispose(): Promise<unknown>;
}
interface TinyTranslator {
  (texts: string[], options: Record<string, unknown>): Promise<Array<{ translation_text: string }>>;
  tokenizer: TinyTokenizer;
  model: TinyModel;
  dispose(): Promise<unknown>;
}

const EOS = TINY_MARIAN_SPEC.eosTokenId;

function rows(t: Tensor): number[][] {
  return (t.tolist() as Array<Array<number | bigint>>).map((r) => r.map(Number));
}

/** Number of real (unpadded) tokens per row of an attention mask. */
function lengths(mask: Tensor): number[] {
  return rows(mask).map((r) => r.reduce((a, b) => a + b, 0));
}

async function filesIn(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out.set(path.relative(dir, full), await readFile(full));
  }
  return out;
}

let root = '';
let translator: TinyTranslator;
const loadedFiles: string[] = [];

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'tandem-tiny-marian-'));
  await writeTinyMarianModel(path.join(root, ...MODEL_ID.split('/')), { seed: 7, modelId: MODEL_ID });
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = root;
  translator = (await pipeline('translation', MODEL_ID, {
    dtype: 'fp32',
    device: 'cpu',
    progress_callback: (info: { status: string; file?: string }) => {
      if (info.status === 'done' && info.file) loadedFiles.push(info.file);
    },
  })) as unknown as TinyTranslator;
});

afterAll(async () => {
  await translator?.dispose();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('tiny Marian generator', () => {
  it('is byte-deterministic for a seed, and the seed changes only the weights', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tandem-tiny-det-'));
    try {
      const a = await writeTinyMarianModel(path.join(dir, 'a'), { seed: 42 });
      const b = await writeTinyMarianModel(path.join(dir, 'b'), { seed: 42 });
      const c = await writeTinyMarianModel(path.join(dir, 'c'), { seed: 43 });
      expect(a.files).toEqual([
        'config.json',
        'generation_config.json',
        'onnx/decoder_model_merged.onnx',
        'onnx/encoder_model.onnx',
        'tokenizer.json',
        'tokenizer_config.json',
      ]);
      expect(b.files).toEqual(a.files);
      const fa = await filesIn(a.dir);
      const fb = await filesIn(b.dir);
      const fc = await filesIn(c.dir);
      expect([...fa.keys()].sort()).toEqual(a.files);
      for (const f of a.files) expect(fb.get(f)?.equals(fa.get(f)!), f).toBe(true);
      expect(fc.get('onnx/encoder_model.onnx')?.equals(fa.get('onnx/encoder_model.onnx')!)).toBe(false);
      expect(fc.get('onnx/decoder_model_merged.onnx')?.equals(fa.get('onnx/decoder_model_merged.onnx')!)).toBe(false);
      expect(fc.get('tokenizer.json')?.equals(fa.get('tokenizer.json')!)).toBe(true);

      const total = [...fa.values()].reduce((n, buf) => n + buf.length, 0);
      expect(total).toBeLessThan(1024 * 1024);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('withTinyModels writes one loadable model per language under Xenova/opus-mt-<lang>-en', async () => {
    const langsRoot = await mkdtemp(path.join(tmpdir(), 'tandem-tiny-langs-'));
    try {
      await withTinyModels(langsRoot, ['de', 'is', 'nl']);
      for (const lang of ['de', 'is', 'nl']) {
        const dir = path.join(langsRoot, 'Xenova', `opus-mt-${lang}-en`);
        expect((await stat(path.join(dir, 'onnx', 'decoder_model_merged.onnx'))).size).toBeGreaterThan(0);
        const cfg = JSON.parse(await readFile(path.join(dir, 'tokenizer_config.json'), 'utf8')) as { source_lang: string };
        expect(cfg.source_lang).toBe(lang);
      }
      const de = await readFile(path.join(langsRoot, 'Xenova/opus-mt-de-en/onnx/decoder_model_merged.onnx'));
      const is = await readFile(path.join(langsRoot, 'Xenova/opus-mt-is-en/onnx/decoder_model_merged.onnx'));
      expect(de.equals(is)).toBe(false);
      // The same settings the engine uses find it by model id.
      env.localModelPath = langsRoot;
      const tok = (await AutoTokenizer.from_pretrained('Xenova/opus-mt-is-en')) as unknown as TinyTokenizer;
      expect(tok.decode(tok.encode(ICELANDIC), { skip_special_tokens: true })).toBe(ICELANDIC);
    } finally {
      env.localModelPath = root;
      await rm(langsRoot, { recursive: true, force: true });
    }
  });
});

describe('tiny Marian model through transformers.js', () => {
  it('loads the fp32 encoder and merged decoder (no quantized variants)', () => {
    expect(loadedFiles).toContain('onnx/encoder_model.onnx');
    expect(loadedFiles).toContain('onnx/decoder_model_merged.onnx');
    expect(loadedFiles.some((f) => f.includes('quantized'))).toBe(false);
    const { model } = translator;
    expect(model.config.model_type).toBe('marian');
    expect(Object.keys(model.sessions).sort()).toEqual(['decoder_model_merged', 'model']);
    const dec = model.sessions['decoder_model_merged']!;
    expect(dec.inputNames).toContain('use_cache_branch');
    expect(dec.inputNames).toContain('encoder_attention_mask');
    expect(dec.inputNames).toContain('past_key_values.1.encoder.value');
    expect(dec.outputNames).toContain('present.1.decoder.key');
  });

  it('translates a batch: one string per input, deterministic across runs', async () => {
    const first = await translator([SHORT_DE, LONG_DE], { max_new_tokens: 48 });
    const second = await translator([SHORT_DE, LONG_DE], { max_new_tokens: 48 });
    expect(first).toHaveLength(2);
    for (const out of first) {
      expect(typeof out.translation_text).toBe('string');
      expect(out.translation_text.length).toBeGreaterThan(0);
    }
    expect(second).toEqual(first);
    // Same sentence alone gives the same text as inside the batch (padding is masked).
    const alone = await translator([SHORT_DE], { max_new_tokens: 48 });
    expect(alone[0]?.translation_text).toBe(first[0]?.translation_text);
  });

  it('stops on its own at EOS, within max_new_tokens', async () => {
    const { tokenizer, model } = translator;
    const inputs = tokenizer([SHORT_DE, LONG_DE], { padding: true, truncation: true });
    const srcLens = lengths(inputs.attention_mask);
    const maxNew = 64;
    const out = rows(await model.generate({ ...inputs, max_new_tokens: maxNew }));
    expect(out).toHaveLength(2);
    out.forEach((row, i) => {
      expect(row.length).toBeLessThanOrEqual(1 + maxNew);
      expect(row[0]).toBe(model.config.decoder_start_token_id);
      // The tiny model emits EOS after (source tokens - 1) tokens; the batch ends with the longest row.
      expect(row.indexOf(EOS, 1)).toBe(srcLens[i]);
      expect(row.at(-1)).toBe(EOS);
      expect(row.slice(1)).not.toContain(model.config.pad_token_id); // bad_words_ids
    });
    expect(out[0]!.length).toBe(1 + Math.max(...srcLens));

    // A tight budget cuts generation: exactly max_new_tokens, the last one forced to EOS
    // (generation_config.forced_eos_token_id, as in the real opus-mt configs).
    const tight = rows(await model.generate({ ...inputs, max_new_tokens: 3 }));
    for (const row of tight) {
      expect(row).toHaveLength(4);
      expect(row.at(-1)).toBe(EOS);
    }
  });

  it('the KV-cache path agrees with a full uncached forward pass', async () => {
    const { tokenizer, model } = translator;
    const inputs = tokenizer([SHORT_DE, LONG_DE], { padding: true, truncation: true });
    const generated = rows(await model.generate({ ...inputs, max_new_tokens: 64 }));
    const steps = generated[0]!.length - 1;
    const decoderInputIds = new Tensor(
      'int64',
      BigInt64Array.from(generated.flatMap((r) => r.slice(0, steps).map(BigInt))),
      [generated.length, steps],
    );
    const { logits } = await model({ ...inputs, decoder_input_ids: decoderInputIds });
    const [batch, seq, vocab] = logits.dims as [number, number, number];
    expect([batch, seq]).toEqual([2, steps]);
    const data = logits.data as Float32Array;
    const pad = model.config.pad_token_id; // suppressed during generation by bad_words_ids
    for (let b = 0; b < batch; b++) {
      const argmax: number[] = [];
      for (let t = 0; t < seq; t++) {
        let best = -1;
        let bestValue = -Infinity;
        for (let v = 0; v < vocab; v++) {
          const x = data[(b * seq + t) * vocab + v]!;
          if (v !== pad && x > bestValue) {
            bestValue = x;
            best = v;
          }
        }
        argmax.push(best);
      }
      expect(argmax).toEqual(generated[b]!.slice(1));
    }
  });

  it("eosMode 'once': a finished row keeps generating in a batch, so callers must cut at the first EOS", async () => {
    const onceId = 'Xenova/opus-mt-nl-en';
    await writeTinyMarianModel(path.join(root, ...onceId.split('/')), { seed: 7, modelId: onceId, eosMode: 'once' });
    const once = (await pipeline('translation', onceId, { dtype: 'fp32', device: 'cpu' })) as unknown as TinyTranslator;
    try {
      const short = 'Het is een mooie dag.';
      const long = 'De president van Rusland werd door de regering in Moskou ontvangen voor een bezoek van drie dagen.';
      const maxNew = 40;
      const inputs = once.tokenizer([short, long], { padding: true, truncation: true });
      const srcLens = lengths(inputs.attention_mask);
      const out = rows(await once.model.generate({ ...inputs, max_new_tokens: maxNew }));
      // No row ends with EOS at the same step, so the batch runs to the limit (last token forced EOS).
      for (const row of out) {
        expect(row).toHaveLength(1 + maxNew);
        expect(row.at(-1)).toBe(EOS);
      }
      const firstEos = out.map((row) => row.indexOf(EOS, 1));
      expect(firstEos).toEqual(srcLens);
      expect(out[0]!.slice(firstEos[0]! + 1, -1).some((id) => id !== EOS)).toBe(true); // junk after EOS

      // The pipeline decodes the whole row with special tokens skipped: the junk shows up.
      const [alone] = await once([short], { max_new_tokens: maxNew });
      const [inBatch] = await once([short, long], { max_new_tokens: maxNew });
      expect(inBatch!.translation_text.startsWith(alone!.translation_text)).toBe(true);
      expect(inBatch!.translation_text.length).toBeGreaterThan(alone!.translation_text.length);
      // Cutting generate() output at the first EOS gives the unbatched result.
      const cut = out[0]!.slice(0, firstEos[0]);
      expect(once.tokenizer.decode(cut, { skip_special_tokens: true })).toBe(alone!.translation_text);
    } finally {
      await once.dispose();
    }
  });

  it("eosMode 'never' with a larger vocabulary decodes every row to max_new_tokens (fixed-length benchmarks)", async () => {
    const neverId = 'Xenova/opus-mt-is-en';
    await writeTinyMarianModel(path.join(root, ...neverId.split('/')), { seed: 7, modelId: neverId, eosMode: 'never', vocabSize: 1000 });
    const never = (await pipeline('translation', neverId, { dtype: 'fp32', device: 'cpu' })) as unknown as TinyTranslator;
    try {
      expect(JSON.parse(await readFile(path.join(root, ...neverId.split('/'), 'config.json'), 'utf8')).vocab_size).toBe(1000);
      const inputs = never.tokenizer(['Það er gott.', 'Forseti Rússlands var í Kína í gær með forseta.'], { padding: true, truncation: true });
      const maxNew = 12;
      for (const row of rows(await never.model.generate({ ...inputs, max_new_tokens: maxNew }))) {
        expect(row).toHaveLength(1 + maxNew);
        // No EOS of its own: only the one forced at the length limit.
        expect(row.slice(1, -1)).not.toContain(EOS);
      }
    } finally {
      await never.dispose();
    }
  });

  it('tokenizer round-trips German ß, Icelandic þ ð and Dutch text', () => {
    const { tokenizer } = translator;
    for (const text of [SHORT_DE, LONG_DE, 'Der Fußgänger grüßt: „Schöne Grüße!“', ICELANDIC, 'Het Nederlandse één, ijs en ruïne.']) {
      const ids = tokenizer.encode(text);
      expect(ids.at(-1)).toBe(EOS);
      expect(ids).not.toContain(TINY_MARIAN_SPEC.unkTokenId);
      expect(tokenizer.decode(ids, { skip_special_tokens: true })).toBe(text);
    }
    // Whole-word pieces are used where they exist.
    expect(tokenizer.encode('Straße').length).toBe(2);
  });
});
