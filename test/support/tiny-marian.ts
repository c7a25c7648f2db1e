/**
 * Tiny random-weight Marian translation model, generated in pure Node.
 *
 * The model hub cannot be reached from build, test or CI machines, so tests and benchmarks
 * exercise the real transformers.js code path (tokenizer, encoder session, merged decoder with
 * KV cache, greedy generation, decoding) with this model instead of real opus-mt weights.
 *
 * Layout written into `dir` (use `<localModelPath>/<modelId>`, e.g. `<models>/Xenova/opus-mt-de-en`):
 *   config.json, generation_config.json, tokenizer.json, tokenizer_config.json,
 *   onnx/encoder_model.onnx, onnx/decoder_model_merged.onnx
 *
 * Load it with `env.allowRemoteModels = false; env.localModelPath = root` and
 * `pipeline('translation', modelId, { dtype: 'fp32' })` (fp32 => no `_quantized` suffix).
 *
 * The output is random tokens, but a position-dependent bias on the EOS logit makes each row emit
 * EOS after (number of source tokens - 1) generated tokens, and (default `eosMode: 'sticky'`) keep
 * emitting EOS after that, so generation stops on its own; `max_new_tokens` still bounds it.
 * With `eosMode: 'once'` a row goes on with random tokens after its EOS, as real models do in a
 * batch, so callers' "cut at the first EOS" logic can be tested.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import onnxProto from 'onnx-proto';
import type { onnx as OnnxTypes } from 'onnx-proto';
import { seededRandom } from './random.ts';

const { onnx } = onnxProto;

type INode = OnnxTypes.INodeProto;
type ITensor = OnnxTypes.ITensorProto;
type IAttr = OnnxTypes.IAttributeProto;
type IGraph = OnnxTypes.IGraphProto;
type IValueInfo = OnnxTypes.IValueInfoProto;

const FLOAT = 1;
const INT8 = 3;
const INT64 = 7;
const BOOL = 9;

/** Architecture of a generated model (the tiny one by default; see `spec` in TinyMarianOptions). */
export interface MarianSpec {
  dModel: number;
  heads: number;
  headDim: number;
  ffnDim: number;
  encoderLayers: number;
  decoderLayers: number;
  maxPositions: number;
  eosTokenId: number;
  unkTokenId: number;
  eosSlope: number;
}

/** Fixed architecture of the tiny model; exported so tests can reason about ids and shapes. */
export const TINY_MARIAN_SPEC = {
  dModel: 16,
  heads: 2,
  headDim: 8,
  ffnDim: 32,
  encoderLayers: 1,
  decoderLayers: 2,
  maxPositions: 512,
  eosTokenId: 0,
  unkTokenId: 1,
  /** EOS logit bias slope per decoder position (see buildDecoder). */
  eosSlope: 20,
} as const;

const OPSET = 17;
const IR_VERSION = 8;

// ---------------------------------------------------------------------------------------------
// Deterministic PRNG (mulberry32); uniform floats only, so no platform-dependent transcendental
// functions are involved in the weights.


function uniform(rand: () => number, n: number, scale: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (rand() * 2 - 1) * scale;
  return out;
}

function seedFromString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary (SentencePiece-style Unigram pieces, "▁" marks a preceding space).

const SPACE = '\u2581';

const LETTERS_LOWER = 'abcdefghijklmnopqrstuvwxyzäöüßþðæáéíóúýàèêëïîôûçñåøœ';
const LETTERS_UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜÞÐÆÁÉÍÓÚÝÀÈÊËÏÎÔÛÇÑÅØŒ';
const DIGITS = '0123456789';
const PUNCTUATION = '.,;:!?-–—\'"„“”‚‘’«»()[]{}/\\&%€$£§+*=#@…·_°<>|~^`';

const WORDS = [
  // German
  'der', 'die', 'das', 'und', 'ist', 'nicht', 'ein', 'eine', 'zu', 'in', 'den', 'von', 'mit', 'sich',
  'des', 'auf', 'für', 'im', 'dem', 'es', 'sie', 'er', 'wir', 'auch', 'als', 'an', 'bei', 'nach',
  'wie', 'Die', 'Der', 'Das', 'Straße', 'groß', 'heute', 'Jahr', 'Jahre', 'Präsident', 'Russland',
  'China', 'Regierung', 'sagte', 'über', 'wurde', 'hat', 'haben', 'werden', 'Moskau', 'Peking',
  'Putin', 'Xi', 'Oktober', 'Januar', 'Nordkorea', 'Außenminister', 'Besuch',
  // Icelandic
  'og', 'að', 'er', 'í', 'á', 'það', 'sem', 'ekki', 'við', 'þetta', 'því', 'með', 'fyrir', 'var',
  'hann', 'hún', 'þeir', 'til', 'um', 'eftir', 'forseti', 'Rússland', 'Kína', 'Rússlands', 'þjóð',
  'Það', 'Þeir',
  // Dutch
  'de', 'het', 'een', 'van', 'en', 'op', 'dat', 'met', 'voor', 'niet', 'zijn', 'ook', 'aan', 'door',
  'bij', 'maar', 'wordt', 'werd', 'Rusland', 'Moskou', 'De', 'Het',
  // English
  'the', 'of', 'and', 'to', 'a', 'is', 'that', 'for', 'it', 'was', 'on', 'with', 'as', 'by', 'said',
  'year', 'president', 'Russia', 'government', 'The', 'visit', 'minister',
];

const SUBWORDS = [
  'en', 'er', 'ch', 'sch', 'ung', 'ein', 'ge', 'st', 'ie', 'ei', 'an', 'in', 'ar', 'ur', 'el', 'te',
  'nd', 'ng', 'th', 'ið', 'ir', 'ur', 'ij', 'aa', 'oo', 'ee', 'lich', 'keit', 'heit', 'ion', 'ing',
];

interface Vocabulary {
  pieces: Array<[string, number]>;
  padId: number;
}

function buildVocabulary(size?: number): Vocabulary {
  const seen = new Set<string>();
  const pieces: Array<[string, number]> = [];
  const add = (piece: string, score: number): void => {
    if (seen.has(piece)) return;
    seen.add(piece);
    pieces.push([piece, score]);
  };
  add('</s>', 0);
  add('<unk>', 0);
  add(SPACE, -7);
  for (const w of WORDS) add(SPACE + w, -4);
  for (const s of SUBWORDS) add(s, -6);
  for (const s of SUBWORDS) add(SPACE + s, -6.5);
  for (const ch of [...LETTERS_LOWER, ...LETTERS_UPPER]) add(SPACE + ch, -8.5);
  for (const ch of [...LETTERS_LOWER, ...LETTERS_UPPER, ...DIGITS, ...PUNCTUATION]) add(ch, -9);
  // Filler pieces up to a real model's vocabulary size (never preferred by the tokenizer).
  for (let i = 0; size !== undefined && pieces.length < size - 1; i++) add(`${SPACE}zq${i.toString(36)}`, -30);
  const padId = pieces.length;
  add('<pad>', 0);
  return { pieces, padId };
}

// ---------------------------------------------------------------------------------------------
// ONNX construction helpers.

function le32(values: Float32Array): Uint8Array {
  const buf = new Uint8Array(values.length * 4);
  const view = new DataView(buf.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i] ?? 0, true);
  return buf;
}

function le64(values: readonly number[]): Uint8Array {
  const buf = new Uint8Array(values.length * 8);
  const view = new DataView(buf.buffer);
  for (let i = 0; i < values.length; i++) view.setBigInt64(i * 8, BigInt(values[i] ?? 0), true);
  return buf;
}

function attrInt(name: string, i: number): IAttr {
  return { name, type: onnx.AttributeProto.AttributeType.INT, i };
}
function attrInts(name: string, ints: number[]): IAttr {
  return { name, type: onnx.AttributeProto.AttributeType.INTS, ints };
}
function attrFloat(name: string, f: number): IAttr {
  return { name, type: onnx.AttributeProto.AttributeType.FLOAT, f };
}
function attrGraph(name: string, g: IGraph): IAttr {
  return { name, type: onnx.AttributeProto.AttributeType.GRAPH, g };
}

type Dim = number | string;

function valueInfo(name: string, elemType: number, dims?: Dim[]): IValueInfo {
  const tensorType: OnnxTypes.TypeProto.ITensor = { elemType };
  if (dims) {
    tensorType.shape = {
      dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })),
    };
  }
  return { name, type: { tensorType } };
}

/** Collects nodes and initializers of one (sub)graph; names are unique per model via `prefix`. */
class GraphBuilder {
  readonly nodes: INode[] = [];
  readonly initializers: ITensor[] = [];
  private counter = 0;
  private readonly consts: Map<string, string>;

  constructor(
    private readonly prefix: string,
    readonly spec: MarianSpec,
    consts?: Map<string, string>,
    /** Weight matrices as int8 with dynamic MatMul quantization (the `_quantized` files). */
    readonly quantized = false,
  ) {
    this.consts = consts ?? new Map();
  }

  fresh(hint: string): string {
    return `${this.prefix}${hint}_${this.counter++}`;
  }

  op(opType: string, inputs: string[], attrs: IAttr[] = [], output?: string): string {
    const out = output ?? this.fresh(opType);
    this.nodes.push({ opType, input: inputs, output: [out], attribute: attrs, name: `${out}_node` });
    return out;
  }

  opMulti(opType: string, inputs: string[], outputs: string[], attrs: IAttr[] = []): void {
    this.nodes.push({ opType, input: inputs, output: outputs, attribute: attrs, name: `${this.fresh(opType)}_node` });
  }

  weight(name: string, dims: number[], data: Float32Array): string {
    this.initializers.push({ name, dims, dataType: FLOAT, rawData: le32(data) });
    return name;
  }

  /**
   * x @ W for a weight matrix W [in, out]. Quantized, it is what onnxruntime's `quantize_dynamic`
   * makes of a MatMul with a constant weight (QOperator format, per-tensor symmetric int8 weight):
   * DynamicQuantizeLinear(x) -> MatMulInteger(xq, Wq, xzp, 0) -> Cast -> Mul(x_scale * w_scale).
   */
  matmulWeight(x: string, name: string, dims: [number, number], data: Float32Array): string {
    if (!this.quantized) return this.op('MatMul', [x, this.weight(name, dims, data)]);
    let max = 0;
    for (let i = 0; i < data.length; i++) max = Math.max(max, Math.abs(data[i] ?? 0));
    const scale = max > 0 ? max / 127 : 1;
    const q = new Int8Array(data.length);
    for (let i = 0; i < data.length; i++) q[i] = Math.max(-127, Math.min(127, Math.round((data[i] ?? 0) / scale)));
    this.initializers.push({ name: `${name}_quantized`, dims, dataType: INT8, rawData: new Uint8Array(q.buffer) });
    this.initializers.push({ name: `${name}_zero_point`, dims: [], dataType: INT8, rawData: new Uint8Array(1) });
    const wScale = this.f32(scale);
    const xq = this.fresh('x_quantized');
    const xScale = this.fresh('x_scale');
    const xZero = this.fresh('x_zero_point');
    this.opMulti('DynamicQuantizeLinear', [x], [xq, xScale, xZero]);
    const acc = this.op('MatMulInteger', [xq, `${name}_quantized`, xZero, `${name}_zero_point`]);
    const accF = this.op('Cast', [acc], [attrInt('to', FLOAT)]);
    return this.op('Mul', [accF, this.op('Mul', [xScale, wScale])]);
  }

  /** int64 constant (scalar when dims = []), shared by value. */
  i64(values: number[], dims: number[] = [values.length]): string {
    const key = `i64:${dims.join('x')}:${values.join(',')}`;
    const existing = this.consts.get(key);
    if (existing) return existing;
    const name = this.fresh('const_i64');
    this.consts.set(key, name);
    this.initializers.push({ name, dims, dataType: INT64, rawData: le64(values) });
    return name;
  }

  /** float32 scalar constant, shared by value. */
  f32(value: number): string {
    const key = `f32:${value}`;
    const existing = this.consts.get(key);
    if (existing) return existing;
    const name = this.fresh('const_f32');
    this.consts.set(key, name);
    this.initializers.push({ name, dims: [], dataType: FLOAT, rawData: le32(Float32Array.of(value)) });
    return name;
  }
}

interface LinearW {
  name: string;
  dims: [number, number];
  data: Float32Array;
  b: string;
}
interface AttnW {
  q: LinearW;
  k: LinearW;
  v: LinearW;
  o: LinearW;
}
interface NormW {
  g: string;
  b: string;
}

function makeLinear(g: GraphBuilder, rand: () => number, name: string, inDim: number, outDim: number): LinearW {
  const scale = Math.sqrt(3 / inDim); // unit-variance outputs for unit-variance inputs
  return {
    name: `${name}.weight`,
    dims: [inDim, outDim],
    data: uniform(rand, inDim * outDim, scale),
    b: g.weight(`${name}.bias`, [outDim], uniform(rand, outDim, 0.1)),
  };
}

function makeAttn(g: GraphBuilder, rand: () => number, name: string, d: number): AttnW {
  return {
    q: makeLinear(g, rand, `${name}.q_proj`, d, d),
    k: makeLinear(g, rand, `${name}.k_proj`, d, d),
    v: makeLinear(g, rand, `${name}.v_proj`, d, d),
    o: makeLinear(g, rand, `${name}.out_proj`, d, d),
  };
}

function makeNorm(g: GraphBuilder, rand: () => number, name: string, d: number): NormW {
  const gamma = uniform(rand, d, 0.1).map((x) => 1 + x);
  return { g: g.weight(`${name}.weight`, [d], gamma), b: g.weight(`${name}.bias`, [d], uniform(rand, d, 0.05)) };
}

function linear(g: GraphBuilder, x: string, w: LinearW): string {
  return g.op('Add', [g.matmulWeight(x, w.name, w.dims, w.data), w.b]);
}

function layerNorm(g: GraphBuilder, x: string, w: NormW): string {
  return g.op('LayerNormalization', [x, w.g, w.b], [attrInt('axis', -1), attrFloat('epsilon', 1e-5)]);
}

/** [B, T, D] -> [B, H, T, Dh] */
function splitHeads(g: GraphBuilder, x: string): string {
  const { heads, headDim } = g.spec;
  const r = g.op('Reshape', [x, g.i64([0, 0, heads, headDim])]);
  return g.op('Transpose', [r], [attrInts('perm', [0, 2, 1, 3])]);
}

/** Scaled dot-product attention; q [B,H,T,Dh], k/v [B,H,S,Dh], biases broadcast to [B,H,T,S]. Returns [B,T,D]. */
function attention(g: GraphBuilder, q: string, k: string, v: string, biases: string[]): string {
  const { dModel, headDim } = g.spec;
  const kt = g.op('Transpose', [k], [attrInts('perm', [0, 1, 3, 2])]);
  let s = g.op('Mul', [g.op('MatMul', [q, kt]), g.f32(1 / Math.sqrt(headDim))]);
  for (const b of biases) s = g.op('Add', [s, b]);
  const p = g.op('Softmax', [s], [attrInt('axis', -1)]);
  const o = g.op('Transpose', [g.op('MatMul', [p, v])], [attrInts('perm', [0, 2, 1, 3])]);
  return g.op('Reshape', [o, g.i64([0, 0, dModel])]);
}

/** attention mask int64 [B, S] -> additive float bias [B, 1, 1, S] (0 keep, -1e4 masked). */
function maskBias(g: GraphBuilder, mask: string): string {
  const mf = g.op('Cast', [mask], [attrInt('to', FLOAT)]);
  const inv = g.op('Sub', [g.f32(1), mf]);
  const bias = g.op('Mul', [inv, g.f32(-1e4)]);
  return g.op('Unsqueeze', [bias, g.i64([1, 2])]);
}

function feedForward(g: GraphBuilder, x: string, fc1: LinearW, fc2: LinearW): string {
  return linear(g, g.op('Relu', [linear(g, x, fc1)]), fc2);
}

function encodeModel(graph: IGraph): Uint8Array {
  const model = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    producerName: 'tandem-tiny-marian',
    producerVersion: '1',
    opsetImport: [{ domain: '', version: OPSET }],
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}

interface SharedWeights {
  embed: Float32Array; // [V, D]
  positions: Float32Array; // [P, D]
}

interface BuildOptions {
  spec: MarianSpec;
  vocabSize: number;
  quantized: boolean;
}

function buildEncoder(rand: () => number, shared: SharedWeights, o: BuildOptions): Uint8Array {
  const { vocabSize } = o;
  const { dModel, ffnDim, encoderLayers, maxPositions } = o.spec;
  const g = new GraphBuilder('enc_', o.spec, undefined, o.quantized);
  const embed = g.weight('model.shared.weight', [vocabSize, dModel], shared.embed);
  const posTable = g.weight('model.encoder.embed_positions.weight', [maxPositions, dModel], shared.positions);

  const tokEmb = g.op('Mul', [g.op('Gather', [embed, 'input_ids'], [attrInt('axis', 0)]), g.f32(Math.sqrt(dModel))]);
  const seqLen = g.op('Gather', [g.op('Shape', ['input_ids']), g.i64([1], [])], [attrInt('axis', 0)]);
  const posIds = g.op('Range', [g.i64([0], []), seqLen, g.i64([1], [])]);
  let x = g.op('Add', [tokEmb, g.op('Gather', [posTable, posIds], [attrInt('axis', 0)])]);
  const bias = maskBias(g, 'attention_mask');

  for (let l = 0; l < encoderLayers; l++) {
    const p = `model.encoder.layers.${l}`;
    const sa = makeAttn(g, rand, `${p}.self_attn`, dModel);
    const saNorm = makeNorm(g, rand, `${p}.self_attn_layer_norm`, dModel);
    const fc1 = makeLinear(g, rand, `${p}.fc1`, dModel, ffnDim);
    const fc2 = makeLinear(g, rand, `${p}.fc2`, ffnDim, dModel);
    const ffNorm = makeNorm(g, rand, `${p}.final_layer_norm`, dModel);

    const q = splitHeads(g, linear(g, x, sa.q));
    const k = splitHeads(g, linear(g, x, sa.k));
    const v = splitHeads(g, linear(g, x, sa.v));
    const a = linear(g, attention(g, q, k, v, [bias]), sa.o);
    x = layerNorm(g, g.op('Add', [x, a]), saNorm);
    const f = feedForward(g, x, fc1, fc2);
    x = layerNorm(g, g.op('Add', [x, f]), ffNorm);
  }
  g.op('Identity', [x], [], 'last_hidden_state');

  return encodeModel({
    name: 'tiny_marian_encoder',
    node: g.nodes,
    initializer: g.initializers,
    input: [
      valueInfo('input_ids', INT64, ['batch_size', 'encoder_sequence_length']),
      valueInfo('attention_mask', INT64, ['batch_size', 'encoder_sequence_length']),
    ],
    output: [valueInfo('last_hidden_state', FLOAT, ['batch_size', 'encoder_sequence_length', dModel])],
  });
}

function buildDecoder(rand: () => number, shared: SharedWeights, o: BuildOptions, eosMode: EosMode): Uint8Array {
  const { vocabSize } = o;
  const { dModel, heads, headDim, ffnDim, decoderLayers, maxPositions, eosTokenId, eosSlope } = o.spec;
  const consts = new Map<string, string>();
  const g = new GraphBuilder('dec_', o.spec, consts, o.quantized);
  const embed = g.weight('model.shared.weight', [vocabSize, dModel], shared.embed);
  const posTable = g.weight('model.decoder.embed_positions.weight', [maxPositions, dModel], shared.positions);

  // lm_head: an independent random projection [D, V]. (Real Marian ties it to the embedding; with
  // random weights a tied head mostly copies the previous token, so greedy output would be one
  // token repeated. An untied head gives varied output, which exercises the KV cache better.)
  const lmHeadData = uniform(rand, dModel * vocabSize, 0.5);
  const finalLogitsBias = g.weight('final_logits_bias', [vocabSize], new Float32Array(vocabSize));
  const eosOneHot = new Float32Array(vocabSize);
  eosOneHot[eosTokenId] = 1;
  const eosOneHotW = g.weight('eos_one_hot', [vocabSize], eosOneHot);

  const past = (l: number, kind: 'decoder' | 'encoder', kv: 'key' | 'value'): string =>
    `past_key_values.${l}.${kind}.${kv}`;
  const present = (l: number, kind: 'decoder' | 'encoder', kv: 'key' | 'value'): string =>
    `present.${l}.${kind}.${kv}`;

  // Positions: past length comes from the cached self-attention keys (0 on the first step).
  const pastLen = g.op('Gather', [g.op('Shape', [past(0, 'decoder', 'key')]), g.i64([2], [])], [attrInt('axis', 0)]);
  const curLen = g.op('Gather', [g.op('Shape', ['input_ids']), g.i64([1], [])], [attrInt('axis', 0)]);
  const totalLen = g.op('Add', [pastLen, curLen]);
  const qPos = g.op('Range', [pastLen, totalLen, g.i64([1], [])]);
  const kPos = g.op('Range', [g.i64([0], []), totalLen, g.i64([1], [])]);

  const tokEmb = g.op('Mul', [g.op('Gather', [embed, 'input_ids'], [attrInt('axis', 0)]), g.f32(Math.sqrt(dModel))]);
  let x = g.op('Add', [tokEmb, g.op('Gather', [posTable, qPos], [attrInt('axis', 0)])]);

  // Causal bias [T, Tk]: key position > query position is masked.
  const future = g.op('Greater', [g.op('Unsqueeze', [kPos, g.i64([0])]), g.op('Unsqueeze', [qPos, g.i64([1])])]);
  const causalBias = g.op('Where', [future, g.f32(-1e4), g.f32(0)]);
  const crossBias = maskBias(g, 'encoder_attention_mask');

  // Per-layer weights (drawn in a fixed order).
  const layers = Array.from({ length: decoderLayers }, (_, l) => {
    const p = `model.decoder.layers.${l}`;
    return {
      sa: makeAttn(g, rand, `${p}.self_attn`, dModel),
      saNorm: makeNorm(g, rand, `${p}.self_attn_layer_norm`, dModel),
      ca: makeAttn(g, rand, `${p}.encoder_attn`, dModel),
      caNorm: makeNorm(g, rand, `${p}.encoder_attn_layer_norm`, dModel),
      fc1: makeLinear(g, rand, `${p}.fc1`, dModel, ffnDim),
      fc2: makeLinear(g, rand, `${p}.fc2`, ffnDim, dModel),
      ffNorm: makeNorm(g, rand, `${p}.final_layer_norm`, dModel),
    };
  });

  // Cross-attention keys/values: reuse the cache (use_cache_branch) or project encoder_hidden_states.
  // Subgraphs see the outer constants but keep their own new ones local (copy of the map).
  const thenG = new GraphBuilder('then_', o.spec, new Map(consts), o.quantized);
  const elseG = new GraphBuilder('else_', o.spec, new Map(consts), o.quantized);
  const thenOut: string[] = [];
  const elseOut: string[] = [];
  const ifOut: string[] = [];
  layers.forEach((w, l) => {
    for (const kv of ['key', 'value'] as const) {
      thenOut.push(thenG.op('Identity', [past(l, 'encoder', kv)]));
      const proj = kv === 'key' ? w.ca.k : w.ca.v;
      elseOut.push(elseG.op('Identity', [splitHeads(elseG, linear(elseG, 'encoder_hidden_states', proj))]));
      ifOut.push(present(l, 'encoder', kv));
    }
  });
  const encKvDims: Dim[] = ['batch_size', heads, 'encoder_sequence_length_out', headDim];
  const branch = (name: string, b: GraphBuilder, outs: string[]): IGraph => ({
    name,
    node: b.nodes,
    initializer: b.initializers,
    output: outs.map((o) => valueInfo(o, FLOAT, encKvDims)),
  });
  g.opMulti('If', ['use_cache_branch'], ifOut, [
    attrGraph('then_branch', branch('use_cache', thenG, thenOut)),
    attrGraph('else_branch', branch('compute_cross_kv', elseG, elseOut)),
  ]);

  layers.forEach((w, l) => {
    // Self-attention with cache: present = concat(past, new) along the sequence axis.
    const q = splitHeads(g, linear(g, x, w.sa.q));
    const kNew = splitHeads(g, linear(g, x, w.sa.k));
    const vNew = splitHeads(g, linear(g, x, w.sa.v));
    const k = g.op('Concat', [past(l, 'decoder', 'key'), kNew], [attrInt('axis', 2)], present(l, 'decoder', 'key'));
    const v = g.op('Concat', [past(l, 'decoder', 'value'), vNew], [attrInt('axis', 2)], present(l, 'decoder', 'value'));
    x = layerNorm(g, g.op('Add', [x, linear(g, attention(g, q, k, v, [causalBias]), w.sa.o)]), w.saNorm);

    const cq = splitHeads(g, linear(g, x, w.ca.q));
    const ca = attention(g, cq, present(l, 'encoder', 'key'), present(l, 'encoder', 'value'), [crossBias]);
    x = layerNorm(g, g.op('Add', [x, linear(g, ca, w.ca.o)]), w.caNorm);

    x = layerNorm(g, g.op('Add', [x, feedForward(g, x, w.fc1, w.fc2)]), w.ffNorm);
  });

  const rawLogits = g.op('Add', [g.matmulWeight(x, 'lm_head.weight_t', [dModel, vocabSize], lmHeadData), finalLogitsBias]);
  if (eosMode === 'never') {
    // No EOS at all: every row decodes exactly max_new_tokens (fixed-length benchmarks).
    g.op('Add', [rawLogits, g.op('Mul', [eosOneHotW, g.f32(-1e4)])], [], 'logits');
    return encodeDecoder(g, o);
  }

  // EOS bias from d = position - (sourceLength - 1), the EOS position being d = 0:
  //   'sticky': slope * (d + 0.5) -- strongly negative before, positive from d = 0 on, so a finished
  //             row keeps emitting EOS and a batch stops once its longest row is done;
  //   'once':   slope * (0.5 - |d|) -- EOS only at d = 0; a finished row then goes on with random
  //             tokens (like a real model in a batch), so a batch runs to max_new_tokens.
  const srcLen = g.op(
    'ReduceSum',
    [g.op('Cast', ['encoder_attention_mask'], [attrInt('to', FLOAT)]), g.i64([1])],
    [attrInt('keepdims', 1)],
  ); // [B, 1]
  const posF = g.op('Unsqueeze', [g.op('Cast', [qPos], [attrInt('to', FLOAT)]), g.i64([0])]); // [1, T]
  const d = g.op('Add', [g.op('Sub', [posF, srcLen]), g.f32(1)]); // [B, T]
  const shaped =
    eosMode === 'sticky' ? g.op('Add', [d, g.f32(0.5)]) : g.op('Sub', [g.f32(0.5), g.op('Abs', [d])]);
  const eosBias = g.op('Unsqueeze', [g.op('Mul', [shaped, g.f32(eosSlope)]), g.i64([2])]); // [B, T, 1]
  g.op('Add', [rawLogits, g.op('Mul', [eosBias, eosOneHotW])], [], 'logits');
  return encodeDecoder(g, o);
}

/** The merged decoder's inputs and outputs around the graph `g` built. */
function encodeDecoder(g: GraphBuilder, o: BuildOptions): Uint8Array {
  const { vocabSize } = o;
  const { dModel, heads, headDim, decoderLayers } = o.spec;
  const past = (l: number, kind: 'decoder' | 'encoder', kv: 'key' | 'value'): string =>
    `past_key_values.${l}.${kind}.${kv}`;
  const present = (l: number, kind: 'decoder' | 'encoder', kv: 'key' | 'value'): string =>
    `present.${l}.${kind}.${kv}`;
  const encKvDims: Dim[] = ['batch_size', heads, 'encoder_sequence_length_out', headDim];
  const pastDims: Dim[] = ['batch_size', heads, 'past_decoder_sequence_length', headDim];
  const inputs: IValueInfo[] = [
    valueInfo('encoder_attention_mask', INT64, ['batch_size', 'encoder_sequence_length']),
    valueInfo('input_ids', INT64, ['batch_size', 'decoder_sequence_length']),
    valueInfo('encoder_hidden_states', FLOAT, ['batch_size', 'encoder_sequence_length', dModel]),
  ];
  const outputs: IValueInfo[] = [valueInfo('logits', FLOAT, ['batch_size', 'decoder_sequence_length', vocabSize])];
  for (let l = 0; l < decoderLayers; l++) {
    inputs.push(valueInfo(past(l, 'decoder', 'key'), FLOAT, pastDims));
    inputs.push(valueInfo(past(l, 'decoder', 'value'), FLOAT, pastDims));
    inputs.push(valueInfo(past(l, 'encoder', 'key'), FLOAT, encKvDims));
    inputs.push(valueInfo(past(l, 'encoder', 'value'), FLOAT, encKvDims));
    const presentDims: Dim[] = ['batch_size', heads, 'past_decoder_sequence_length + 1', headDim];
    outputs.push(valueInfo(present(l, 'decoder', 'key'), FLOAT, presentDims));
    outputs.push(valueInfo(present(l, 'decoder', 'value'), FLOAT, presentDims));
    outputs.push(valueInfo(present(l, 'encoder', 'key'), FLOAT, encKvDims));
    outputs.push(valueInfo(present(l, 'encoder', 'value'), FLOAT, encKvDims));
  }
  inputs.push(valueInfo('use_cache_branch', BOOL, [1]));

  return encodeModel({
    name: 'tiny_marian_decoder_merged',
    node: g.nodes,
    initializer: g.initializers,
    input: inputs,
    output: outputs,
  });
}

// ---------------------------------------------------------------------------------------------
// JSON files.

function tokenizerJson(vocab: Vocabulary): unknown {
  const special = (id: number, content: string): Record<string, unknown> => ({
    id,
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [special(0, '</s>'), special(1, '<unk>'), special(vocab.padId, '<pad>')],
    normalizer: null,
    pre_tokenizer: { type: 'Metaspace', replacement: SPACE, add_prefix_space: true, prepend_scheme: 'always' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '</s>', type_id: 0 } }],
      pair: [
        { Sequence: { id: 'A', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 0 } },
        { SpecialToken: { id: '</s>', type_id: 0 } },
      ],
      special_tokens: { '</s>': { id: '</s>', ids: [0], tokens: ['</s>'] } },
    },
    decoder: { type: 'Metaspace', replacement: SPACE, add_prefix_space: true, prepend_scheme: 'always' },
    model: { type: 'Unigram', unk_id: 1, vocab: vocab.pieces },
  };
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** How the model behaves around EOS (see buildDecoder); 'never' emits no EOS (fixed-length output). */
export type EosMode = 'sticky' | 'once' | 'never';

/** Which ONNX files to write: fp32 (`encoder_model.onnx`), q8 (`encoder_model_quantized.onnx`, int8 MatMuls). */
export type TinyMarianVariant = 'fp32' | 'q8';
const VARIANT_SUFFIX: Record<TinyMarianVariant, string> = { fp32: '', q8: '_quantized' };

export interface TinyMarianOptions {
  /** PRNG seed for the weights (default 1). Same seed => byte-identical files. */
  seed?: number;
  /** Model id recorded in config.json `_name_or_path` (default "Xenova/opus-mt-de-en"). */
  modelId?: string;
  /**
   * 'sticky' (default): after its EOS a row keeps emitting EOS, so generation ends by itself once
   * every row is done. 'once': EOS is emitted once and the row then continues with random tokens,
   * as real models do in a batch -- use it to test that callers cut at the first EOS.
   */
  eosMode?: EosMode;
  /** Other dimensions than the tiny model's (e.g. opus-mt-de-en's for benchmarks). */
  spec?: Partial<MarianSpec>;
  /** Vocabulary size (filler pieces are added); default: the built-in pieces only. */
  vocabSize?: number;
  /** ONNX files to write, all from the same weights (default ['fp32']). */
  variants?: TinyMarianVariant[];
}

/**
 * Writes a tiny random-weight Marian model into `dir` (created if needed).
 * Returns `dir` and the written files as paths relative to `dir`, sorted.
 */
export async function writeTinyMarianModel(
  dir: string,
  opts: TinyMarianOptions = {},
): Promise<{ dir: string; files: string[] }> {
  const seed = opts.seed ?? 1;
  const modelId = opts.modelId ?? 'Xenova/opus-mt-de-en';
  const eosMode = opts.eosMode ?? 'sticky';
  const langMatch = /opus-mt-([a-z]+)-([a-z]+)$/.exec(modelId);
  const sourceLang = langMatch?.[1] ?? 'de';
  const targetLang = langMatch?.[2] ?? 'en';
  const spec: MarianSpec = { ...TINY_MARIAN_SPEC, ...opts.spec };

  const vocab = buildVocabulary(opts.vocabSize);
  const vocabSize = vocab.pieces.length;
  const shared: SharedWeights = (() => {
    const rand = seededRandom(seed);
    return { embed: uniform(rand, vocabSize * spec.dModel, 0.5), positions: uniform(rand, spec.maxPositions * spec.dModel, 0.5) };
  })();

  const config = {
    _name_or_path: modelId,
    architectures: ['MarianMTModel'],
    model_type: 'marian',
    activation_function: 'relu',
    d_model: spec.dModel,
    encoder_layers: spec.encoderLayers,
    decoder_layers: spec.decoderLayers,
    num_hidden_layers: spec.encoderLayers,
    encoder_attention_heads: spec.heads,
    decoder_attention_heads: spec.heads,
    encoder_ffn_dim: spec.ffnDim,
    decoder_ffn_dim: spec.ffnDim,
    max_position_embeddings: spec.maxPositions,
    vocab_size: vocabSize,
    decoder_vocab_size: vocabSize,
    bos_token_id: spec.eosTokenId,
    eos_token_id: spec.eosTokenId,
    pad_token_id: vocab.padId,
    decoder_start_token_id: vocab.padId,
    forced_eos_token_id: spec.eosTokenId,
    bad_words_ids: [[vocab.padId]],
    is_encoder_decoder: true,
    scale_embedding: true,
    share_encoder_decoder_embeddings: true,
    static_position_embeddings: false,
    normalize_before: false,
    use_cache: true,
    max_length: 512,
    num_beams: 4,
    tiny_marian: { seed, eosMode, generator: 'test/support/tiny-marian.ts' },
  };
  const generationConfig = {
    bad_words_ids: [[vocab.padId]],
    bos_token_id: spec.eosTokenId,
    decoder_start_token_id: vocab.padId,
    eos_token_id: spec.eosTokenId,
    forced_eos_token_id: spec.eosTokenId,
    max_length: 512,
    num_beams: 4,
    pad_token_id: vocab.padId,
  };
  const tokenizerConfig = {
    tokenizer_class: 'MarianTokenizer',
    model_max_length: 512,
    eos_token: '</s>',
    unk_token: '<unk>',
    pad_token: '<pad>',
    source_lang: sourceLang,
    target_lang: targetLang,
    separate_vocabs: false,
    clean_up_tokenization_spaces: false,
  };

  const contents: Array<[string, string | Uint8Array]> = [
    ['config.json', json(config)],
    ['generation_config.json', json(generationConfig)],
    ['tokenizer.json', json(tokenizerJson(vocab))],
    ['tokenizer_config.json', json(tokenizerConfig)],
  ];
  await mkdir(path.join(dir, 'onnx'), { recursive: true });
  await Promise.all(contents.map(([rel, data]) => writeFile(path.join(dir, rel), data)));
  const files = contents.map(([rel]) => rel);
  // Each variant draws the same weights again from the seed (one graph in memory at a time).
  for (const variant of opts.variants ?? ['fp32']) {
    const o: BuildOptions = { spec, vocabSize, quantized: variant === 'q8' };
    const rand = seededRandom(seed);
    uniform(rand, vocabSize * spec.dModel + spec.maxPositions * spec.dModel, 0); // skip the shared weights
    const suffix = VARIANT_SUFFIX[variant];
    await writeFile(path.join(dir, `onnx/encoder_model${suffix}.onnx`), buildEncoder(rand, shared, o));
    await writeFile(path.join(dir, `onnx/decoder_model_merged${suffix}.onnx`), buildDecoder(rand, shared, o, eosMode));
    files.push(`onnx/encoder_model${suffix}.onnx`, `onnx/decoder_model_merged${suffix}.onnx`);
  }
  return { dir, files: files.sort() };
}

/**
 * Writes one tiny model per source language at `${root}/Xenova/opus-mt-${lang}-en`, the layout
 * transformers.js resolves for `env.localModelPath = root` and model id `Xenova/opus-mt-${lang}-en`.
 * Each language gets its own seed (derived from the model id), so the models differ.
 */
export async function withTinyModels(
  root: string,
  langs: string[],
  opts: { eosMode?: EosMode } = {},
): Promise<void> {
  await Promise.all(
    langs.map((lang) => {
      const modelId = `Xenova/opus-mt-${lang}-en`;
      return writeTinyMarianModel(path.join(root, ...modelId.split('/')), {
        modelId,
        seed: seedFromString(modelId),
        ...(opts.eosMode ? { eosMode: opts.eosMode } : {}),
      });
    }),
  );
}
