// Hashed feature vectors: strings hashed into a fixed number of signed buckets (FNV-1a), filled
// with the indices they touch so norms and dot products visit only the non-zero entries.
import type { Slab } from './slab.ts';

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A hashed vector being filled, with the indices it has touched (its non-zero entries, in the
 * order first touched): finding them afterwards would scan every dimension of every sentence.
 * `seen` is scratch shared by the vectors of one kind (one is filled at a time); `indices()`
 * clears it again.
 */
export class Filling {
  readonly nz: number[] = [];

  constructor(
    readonly v: Float32Array,
    private readonly seen: Uint8Array,
  ) {}

  bump(i: number, w: number): void {
    if (!this.seen[i]) {
      this.seen[i] = 1;
      this.nz.push(i);
    }
    this.v[i]! += w;
  }

  /** Adds another vector given with its non-zero indices. */
  addAll(v: Float32Array, nz: Uint16Array): void {
    for (let k = 0; k < nz.length; k++) this.bump(nz[k]!, v[nz[k]!]!);
  }

  indices(slab: Slab<Uint16Array>): Uint16Array {
    const out = slab.take(this.nz.length);
    out.set(this.nz);
    for (const i of this.nz) this.seen[i] = 0;
    return out;
  }
}

export function add(vec: Filling, key: string, w: number): void {
  const h = hash(key);
  vec.bump(h % vec.v.length, h & 0x80000000 ? -w : w);
}

/** Hashes the character trigrams of `s` into vec (rolling, no substrings). */
export function addTrigrams(vec: Filling, s: string): void {
  if (s.length < 3) return;
  let c0 = s.charCodeAt(0), c1 = s.charCodeAt(1);
  for (let i = 2; i < s.length; i++) {
    const c2 = s.charCodeAt(i);
    let h = Math.imul(c0, 0x9e3779b1) ^ Math.imul(c1, 0x85ebca77) ^ Math.imul(c2, 0xc2b2ae3d);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    h >>>= 0;
    vec.bump(h % vec.v.length, h & 0x80000000 ? -1 : 1);
    c0 = c1;
    c1 = c2;
  }
}

export function norm(v: Float32Array, nz: Uint16Array): number {
  let s = 0;
  for (let k = 0; k < nz.length; k++) s += v[nz[k]!]! * v[nz[k]!]!;
  return Math.sqrt(s);
}
