// hunalign (the aligner inside LF Aligner) as a peer for the alignment benches. It is not part of
// Tandem: build it from github.com/danielvarga/hunalign outside the repository and point
// HUNALIGN at the binary. Without it the benches report `hunalign: { absent: ... }`.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Alignment } from './align-data.ts';

/** The hunalign binary named by $HUNALIGN, or why there is none. */
export function findHunalign(): { bin: string } | { absent: string } {
  const bin = process.env.HUNALIGN;
  if (!bin) return { absent: 'HUNALIGN is not set (build github.com/danielvarga/hunalign and set HUNALIGN=/path/to/hunalign)' };
  try {
    accessSync(bin, constants.X_OK);
    return { bin };
  } catch {
    return { absent: `HUNALIGN=${bin} is not an executable file` };
  }
}

/** hunalign reads one sentence per line, tokens separated by spaces (no final newline: hunalign
 * would read an empty last sentence). */
function tokenized(sentences: string[]): string {
  return sentences.map((s) => s.replace(/([^\p{L}\p{M}\p{N}\s])/gu, ' $1 ').replace(/\s+/gu, ' ').trim()).join('\n');
}

/** Ladder (rungs "i<TAB>j<TAB>score") -> beads between consecutive rungs. hunalign leaves out
 * the closing rung (n, m) of documents of n and m sentences: it is added. */
export function ladderToBeads(ladder: string, n: number, m: number): Alignment {
  const rungs = ladder.split('\n').filter(Boolean).map((l) => l.split('\t').map(Number) as [number, number]);
  const last = rungs[rungs.length - 1];
  if (!last || last[0] !== n || last[1] !== m) rungs.push([n, m]);
  const out: Alignment = [];
  for (let r = 0; r + 1 < rungs.length; r++) {
    const [i0, j0] = rungs[r]!, [i1, j1] = rungs[r + 1]!;
    if (i1 === i0 && j1 === j0) continue;
    out.push([Array.from({ length: i1 - i0 }, (_, k) => i0 + k), Array.from({ length: j1 - j0 }, (_, k) => j0 + k)]);
  }
  return out;
}

/** CPU time (user + system, ms) of this process's finished children, from /proc (null elsewhere):
 * on a busy machine the CPU time of a run is steadier than its wall time. */
export function childrenCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields after the command name start at field 3 (state): cutime and cstime are fields 16 and 17.
    return ((Number(f[13]) + Number(f[14])) * 1000) / 100;
  } catch {
    return null;
  }
}

export interface HunalignRun {
  alignments: Alignment[];
  /** Wall time of the hunalign process (reading, aligning, writing), ms. */
  ms: number;
  /** Its CPU time (user + system), ms, when /proc tells. */
  cpuMs: number | null;
}

/**
 * Aligns each pair of documents with hunalign and an empty dictionary: its length-based mode,
 * or with `realign` its second pass on a dictionary learnt from the first. One process for all
 * pairs (hunalign's batch mode).
 */
export function runHunalign(bin: string, pairs: { a: string[]; b: string[] }[], realign: boolean): HunalignRun {
  const dir = mkdtempSync(join(tmpdir(), 'hunalign-'));
  try {
    writeFileSync(join(dir, 'null.dic'), '');
    const jobs = pairs.map((p, k) => {
      writeFileSync(join(dir, `${k}.a`), tokenized(p.a));
      writeFileSync(join(dir, `${k}.b`), tokenized(p.b));
      return [join(dir, `${k}.a`), join(dir, `${k}.b`), join(dir, `${k}.out`)];
    });
    const flags = ['-utf', ...(realign ? ['-realign'] : [])];
    const t0 = performance.now();
    const c0 = childrenCpuMs();
    if (jobs.length === 1) {
      const out = execFileSync(bin, [...flags, join(dir, 'null.dic'), jobs[0]![0]!, jobs[0]![1]!], { maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] });
      writeFileSync(jobs[0]![2]!, out);
    } else {
      writeFileSync(join(dir, 'batch'), jobs.map((j) => j.join('\t')).join('\n') + '\n');
      execFileSync(bin, [...flags, '-batch', join(dir, 'null.dic'), join(dir, 'batch')], { stdio: 'ignore' });
    }
    const ms = performance.now() - t0;
    const c1 = childrenCpuMs();
    const cpuMs = c0 === null || c1 === null ? null : c1 - c0;
    return { alignments: jobs.map((j, k) => ladderToBeads(readFileSync(j[2]!, 'utf8'), pairs[k]!.a.length, pairs[k]!.b.length)), ms, cpuMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
