// What an alignment was computed from: the mode and both documents' sentences (text and English).
// A stored alignment whose hash still matches is valid and is not recomputed; align and the
// parallel-corpus import (pairs-import.ts) store it the same way.
import { createHash } from 'node:crypto';

export function alignmentSourceHash(mode: string, a: readonly unknown[], b: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify([mode, a, b])).digest('hex');
}
