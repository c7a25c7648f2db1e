// Content sanity checks for side-loaded files: catches the usual wrong copies (a Git LFS pointer,
// another model type, a truncated or non-ONNX file) before anything is installed.
import { open, readFile } from 'node:fs/promises';

/** A problem description for one file (`rel` inside the model, read at `real`), or null. */
export async function checkContent(rel: string, real: string): Promise<string | null> {
  if (rel.endsWith('.json')) return jsonProblem(rel, real);
  if (rel.endsWith('.onnx')) {
    const fh = await open(real, 'r');
    try {
      const head = Buffer.alloc(64);
      const { bytesRead } = await fh.read(head, 0, head.length, 0);
      return onnxHeaderProblem(rel, head.subarray(0, bytesRead));
    } finally {
      await fh.close();
    }
  }
  return null;
}

async function jsonProblem(rel: string, real: string): Promise<string | null> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(real, 'utf8'));
  } catch (err) {
    return `${rel} is not valid JSON (${(err as Error).message})`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${rel} is not a JSON object`;
  if (rel === 'config.json') {
    const mt = (value as Record<string, unknown>)['model_type'];
    if (mt !== 'marian') return `config.json has model_type ${JSON.stringify(mt)}, expected "marian"`;
  }
  return null;
}

/** ModelProto field numbers with their protobuf wire types (onnx.proto). */
const MODEL_PROTO_FIELDS = new Map<number, number>([
  [1, 0], // ir_version: int64
  [2, 2], // producer_name
  [3, 2], // producer_version
  [4, 2], // domain
  [5, 0], // model_version
  [6, 2], // doc_string
  [7, 2], // graph
  [8, 2], // opset_import
  [14, 2], // metadata_props
  [20, 2], // training_info
  [25, 2], // functions
]);

function onnxHeaderProblem(rel: string, head: Buffer): string | null {
  if (head.length === 0) return `${rel} is empty`;
  if (head.subarray(0, 24).toString('latin1').startsWith('version https://git-lfs')) {
    return `${rel} is a Git LFS pointer, not the model weights (copy the real file, e.g. with git lfs pull)`;
  }
  const tag = readVarint(head, 0);
  if (!tag) return `${rel} does not start like an ONNX model (no protobuf field tag)`;
  const field = Number(tag.value >> 3n);
  const wire = Number(tag.value & 7n);
  if (MODEL_PROTO_FIELDS.get(field) !== wire) return `${rel} does not start like an ONNX model (unexpected first field ${field}/${wire})`;
  if (field === 1) {
    const ir = readVarint(head, tag.next);
    if (!ir || ir.value < 1n || ir.value > 100n) return `${rel} does not start like an ONNX model (implausible ir_version)`;
  }
  return null;
}

function readVarint(buf: Buffer, at: number): { value: bigint; next: number } | null {
  let value = 0n;
  let shift = 0n;
  for (let i = at; i < buf.length && i < at + 10; i++) {
    const b = buf[i]!;
    value |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) return { value, next: i + 1 };
    shift += 7n;
  }
  return null;
}
