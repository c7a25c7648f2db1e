// File helpers the model verbs share: size without throwing, streaming sha256.
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

/** Size of a regular file (or, with anyType, of anything that exists), or null when absent. */
export async function fileSize(p: string, anyType = false): Promise<number | null> {
  try {
    const st = await stat(p);
    return st.isFile() || anyType ? st.size : null;
  } catch {
    return null;
  }
}

/** Feeds a file into `hash` in 1 MiB chunks (model weights do not fit comfortably in memory). */
export async function hashInto(hash: Hash, p: string): Promise<Hash> {
  for await (const chunk of createReadStream(p, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash;
}

export async function sha256File(p: string): Promise<string> {
  return (await hashInto(createHash('sha256'), p)).digest('hex');
}
