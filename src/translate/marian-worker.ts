// Runs inside a worker thread: loads one Marian model with transformers.js and translates batches.
// Kept off the caller's thread so the CLI, server and app never block on inference.
import { parentPort } from 'node:worker_threads';
import { env, pipeline } from '@huggingface/transformers';
import { splitLongSentence } from './clauses.ts';
import { maxNewTokensFor } from './generation.ts';
import type { LoadOptions, WorkerRequest, WorkerResponse } from './marian-protocol.ts';

/** Input tokens per piece; Marian position embeddings end at 512 and quality drops long before. */
const MAX_INPUT_TOKENS = 256;
/** Padded tokens per batch: bounds memory and keeps short sentences out of long ones' padding. */
const BATCH_TOKEN_BUDGET = 4096;
const MAX_BATCH_SENTENCES = 32;

interface Loaded {
  tokenizer: {
    (texts: string[], options: { padding: boolean; truncation: boolean }): Record<string, unknown>;
    encode(text: string): number[];
    batch_decode(ids: number[][], options: { skip_special_tokens: boolean }): string[];
  };
  model: {
    generate(args: Record<string, unknown>): Promise<{ tolist(): (number | bigint)[][] }>;
    config: { eos_token_id?: number | number[]; max_position_embeddings?: number };
  };
  eos: Set<number>;
}

let loaded: Loaded | null = null;

// transformers.js warns on every MarianTokenizer it creates that the fast tokenizer library does not
// cover it; the slow path is the intended one for Marian, so the warning is only noise on stderr.
const warn = console.warn.bind(console);
console.warn = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].includes('MarianTokenizer')) return;
  warn(...args);
};

async function load(modelsDir: string, modelId: string, options: LoadOptions): Promise<void> {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = modelsDir.endsWith('/') ? modelsDir : `${modelsDir}/`;
  // dtype picks the ONNX files: fp32 = encoder_model.onnx, q8 = encoder_model_quantized.onnx.
  const sessionOptions = options.threads ? { intraOpNumThreads: options.threads, interOpNumThreads: 1 } : {};
  const translator = (await pipeline('translation', modelId, {
    dtype: options.dtype ?? 'fp32',
    device: 'cpu',
    session_options: sessionOptions,
  })) as unknown as Omit<Loaded, 'eos'>;
  const eos = translator.model.config.eos_token_id;
  loaded = { tokenizer: translator.tokenizer, model: translator.model, eos: new Set(Array.isArray(eos) ? eos : eos === undefined ? [] : [eos]) };
}

async function translate(sentences: string[]): Promise<{ english: string[]; pieces: number }> {
  if (!loaded) throw new Error('model not loaded');
  const { tokenizer } = loaded;
  const countTokens = (s: string) => tokenizer.encode(s).length;
  // Split over-long sentences, remembering which pieces belong to which sentence.
  const pieces: { owner: number; text: string; tokens: number }[] = [];
  sentences.forEach((sentence, owner) => {
    for (const text of splitLongSentence(sentence, countTokens, MAX_INPUT_TOKENS)) pieces.push({ owner, text, tokens: countTokens(text) });
  });
  // Batch by length so padding is small.
  const order = pieces.map((_, i) => i).sort((a, b) => pieces[a]!.tokens - pieces[b]!.tokens);
  const outputs: string[] = new Array(pieces.length).fill('');
  let start = 0;
  while (start < order.length) {
    let end = start + 1;
    while (end < order.length && end - start < MAX_BATCH_SENTENCES && pieces[order[end]!]!.tokens * (end - start + 1) <= BATCH_TOKEN_BUDGET) end++;
    const batch = order.slice(start, end);
    const texts = batch.map((i) => pieces[i]!.text);
    const longest = Math.max(...batch.map((i) => pieces[i]!.tokens));
    const english = await generate(texts, maxNewTokensFor(longest));
    batch.forEach((pieceIndex, k) => (outputs[pieceIndex] = english[k] ?? ''));
    start = end;
  }
  const english: string[] = sentences.map(() => '');
  pieces.forEach((p, i) => (english[p.owner] = english[p.owner] ? `${english[p.owner]} ${outputs[i]}` : outputs[i]!));
  return { english, pieces: pieces.length };
}

async function generate(texts: string[], maxNewTokens: number): Promise<string[]> {
  const { tokenizer, model, eos } = loaded!;
  const inputs = tokenizer(texts, { padding: true, truncation: true });
  const output = await model.generate({ ...inputs, max_new_tokens: maxNewTokens, num_beams: 1, do_sample: false });
  // In a batch, a row that reached EOS keeps generating until the longest row ends: cut it there.
  const rows = output.tolist().map((row) => {
    const ids = row.map(Number);
    const end = ids.findIndex((id, i) => i > 0 && eos.has(id));
    return end === -1 ? ids : ids.slice(0, end);
  });
  return tokenizer.batch_decode(rows, { skip_special_tokens: true }).map((s) => s.trim());
}

// One request at a time: a second batch must not run on the same sessions while one is in flight.
let queue: Promise<void> = Promise.resolve();

async function handle(msg: WorkerRequest): Promise<WorkerResponse> {
  if (msg.type === 'load') {
    const started = performance.now();
    await load(msg.modelsDir, msg.modelId, msg.options ?? {});
    return { type: 'loaded', id: msg.id, ms: performance.now() - started };
  }
  if (msg.type === 'dispose') {
    // Release the ONNX sessions before the thread goes away.
    await (loaded?.model as { dispose?: () => Promise<unknown> } | undefined)?.dispose?.();
    loaded = null;
    return { type: 'disposed', id: msg.id };
  }
  const { english, pieces } = await translate(msg.sentences);
  return { type: 'translated', id: msg.id, english, pieces };
}

parentPort!.on('message', (msg: WorkerRequest) => {
  queue = queue.then(async () => {
    let reply: WorkerResponse;
    try {
      reply = await handle(msg);
    } catch (err) {
      reply = { type: 'error', id: msg.id, message: err instanceof Error ? err.message : String(err) };
    }
    parentPort!.postMessage(reply);
  });
});
