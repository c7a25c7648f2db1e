// Alignment at scale: Tandem's aligner against hunalign (LF Aligner's aligner) on the same
// inputs, scored by the same scorer (bench/eval/lib/align-data.ts, Vecalign strict/lax F1).
//
// Inputs: FLORES dev documents concatenated over every (language, MT system) — the source side
// carries its real machine translation as its English side, the target is the English reference —
// repeated until long enough, perturbed by the shared generator (bench/eval/lib/align-perturb.ts:
// merges, drops, insertions), cut to N x N for N = 500, 2,000 and 8,000.
// Per size: Tandem in a fresh process running this file bundled as the shipped `tandem` is
// (total: start, read, align, write) and inside the
// aligner (alignDocuments alone); hunalign with an empty dictionary on the original texts with
// -realign, which is how LF Aligner runs it without a dictionary. Targets: 500 x 500 within 2x
// hunalign's time, 8,000 within 0.02 strict F1 of 2,000, time at 8,000 no worse than hunalign.
// Then the language-independent case (no MT on either side) on perturbed FLORES documents
// against hunalign's length-based mode (no -realign) and with -realign. Times are wall and CPU
// (user + system; the CPU time is steadier on a shared machine); the targets use wall time.
//   HUNALIGN=/path/to/hunalign npx tsx bench/align-scale.ts [--data FLORES_DIR] [--sizes 500,2000,8000] [--seed N]
// For a profile, bundle first (tsx adds overhead in hot code):
//   npx esbuild bench/align-scale.ts --bundle --platform=node --format=esm --packages=external --outfile=.bench-tmp/align-scale.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { alignDocuments } from '../src/align/index.ts';
import type { AlignSentence } from '../src/align/index.ts';
import { type Alignment, arg, dataDir, rng, scoreMultiple } from './eval/lib/align-data.ts';
import { type Case, loadFlores, perturb, prefixCase } from './eval/lib/align-perturb.ts';
import { childrenCpuMs, findHunalign, runHunalign } from './eval/lib/hunalign.ts';

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const toAlignment = (beads: ReturnType<typeof alignDocuments>): Alignment => beads.map((bd) => [bd.a, bd.b]);

// ---- child: one alignment in a fresh process (what a user's `tandem` run pays) ----
if (process.argv[2] === '--child') {
  const { a, b } = JSON.parse(readFileSync(process.argv[3]!, 'utf8')) as { a: AlignSentence[]; b: AlignSentence[] };
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const beads = alignDocuments(a, b);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  writeFileSync(process.argv[4]!, JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, beads: toAlignment(beads) }));
  process.exit(0);
}

const seed = Number(arg('--seed') ?? 20240601);
const sizes = (arg('--sizes') ?? '500,2000,8000').split(',').map(Number);
const flores = loadFlores(dataDir('flores-dev'));
if (!flores) {
  console.log(JSON.stringify({ skipped: '../shared/data/flores-dev not present' }));
  process.exit(0);
}
const hunalign = findHunalign();

/** The perturbed concatenation, long enough for the largest size. */
function scaleSource(n: number): Case {
  const src: AlignSentence[] = [], tgt: AlignSentence[] = [];
  while (src.length < n * 1.25) {
    for (const side of flores!.sides) {
      src.push(...side.src);
      tgt.push(...flores!.en.map((t) => ({ text: t, english: t })));
    }
  }
  return perturb(src, tgt, src, rng(seed + 2));
}

/**
 * The script the child runs: this file, bundled with esbuild like the shipped `tandem` (under tsx
 * a child would spend most of its time compiling TypeScript), into a temporary folder. Run as a
 * bundle already: itself.
 */
async function childScript(): Promise<{ file: string; dispose: () => void }> {
  const self = fileURLToPath(import.meta.url);
  if (self.endsWith('.mjs')) return { file: self, dispose: () => {} };
  const { buildSync } = await import('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'align-scale-child-'));
  const file = join(dir, 'child.mjs');
  buildSync({ entryPoints: [self], bundle: true, platform: 'node', format: 'esm', external: ['esbuild'], outfile: file, logLevel: 'warning' });
  return { file, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

function tandemInChild(c: Case): { wallMs: number; cpuMs: number | null; alignMs: number; alignCpuMs: number; beads: Alignment } {
  const dir = mkdtempSync(join(tmpdir(), 'align-scale-'));
  try {
    writeFileSync(join(dir, 'in.json'), JSON.stringify({ a: c.a, b: c.b }));
    const t0 = performance.now();
    const c0 = childrenCpuMs();
    execFileSync(process.execPath, [script.file, '--child', join(dir, 'in.json'), join(dir, 'out.json')], { stdio: 'inherit' });
    const wallMs = performance.now() - t0;
    const c1 = childrenCpuMs();
    const out = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as { ms: number; cpuMs: number; beads: Alignment };
    return { wallMs, cpuMs: c0 === null || c1 === null ? null : c1 - c0, alignMs: out.ms, alignCpuMs: out.cpuMs, beads: out.beads };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const script = await childScript();
const whole = scaleSource(Math.max(...sizes));
const scale: Record<string, unknown>[] = [];
for (const n of sizes) {
  const c = prefixCase(whole, n);
  const t = tandemInChild(c);
  const tandem = {
    total_wall_ms: Math.round(t.wallMs),
    total_cpu_ms: t.cpuMs,
    inside_aligner_ms: Math.round(t.alignMs),
    inside_aligner_cpu_ms: Math.round(t.alignCpuMs),
    ...scoreMultiple([c.gold], [t.beads]),
  };
  const row: Record<string, unknown> = { size: `${c.a.length} x ${c.b.length}`, tandem };
  if ('bin' in hunalign) {
    const h = runHunalign(hunalign.bin, [{ a: c.a.map((s) => s.text), b: c.b.map((s) => s.text) }], true);
    const hs = scoreMultiple([c.gold], h.alignments);
    row.hunalign_realign = { wall_ms: Math.round(h.ms), cpu_ms: h.cpuMs, ...hs };
    row.time_ratio_tandem_over_hunalign = round(t.wallMs / h.ms, 2);
    if (t.cpuMs && h.cpuMs) row.cpu_ratio_tandem_over_hunalign = round(t.cpuMs / h.cpuMs, 2);
    row.f1_strict_tandem_minus_hunalign = round(tandem.f1_strict - hs.f1_strict, 4);
  } else row.hunalign = hunalign;
  scale.push(row);
  console.error(JSON.stringify(row));
}
script.dispose();
const f1At = (n: number) => (scale.find((r) => (r.size as string).startsWith(`${n} `))?.tandem as { f1_strict: number } | undefined)?.f1_strict;
const timeAt = (n: number, k: 'tandem' | 'hunalign_realign') => {
  const r = scale.find((x) => (x.size as string).startsWith(`${n} `));
  const v = r?.[k] as { total_wall_ms?: number; wall_ms?: number } | undefined;
  return v?.total_wall_ms ?? v?.wall_ms;
};

// ---- language-independent: perturbed FLORES documents, no English on the source side ----
function neutralCases(): Case[] {
  const cases: Case[] = [];
  const { docs, en, sides } = flores!;
  for (const side of sides.filter((s, k) => sides.findIndex((x) => x.lang === s.lang) === k)) {
    const src = side.src.map((s) => ({ text: s.text, english: null }));
    const rand = rng(seed);
    docs.forEach(([s, e], d) => {
      const [ps, pe] = docs[(d + Math.floor(docs.length / 2)) % docs.length]!;
      cases.push(perturb(src.slice(s, e), en.slice(s, e).map((t) => ({ text: t, english: t })), src.slice(ps, pe), rand));
    });
  }
  return cases;
}
const nc = neutralCases();
const golds = nc.map((c) => c.gold);
const t0 = performance.now();
const c0 = process.cpuUsage();
const neutralTests = nc.map((c) => toAlignment(alignDocuments(c.a, c.b)));
const cpu = process.cpuUsage(c0);
const neutral: Record<string, unknown> = {
  documents: nc.length,
  tandem: { align_ms: Math.round(performance.now() - t0), align_cpu_ms: Math.round((cpu.user + cpu.system) / 1000), ...scoreMultiple(golds, neutralTests) },
};
if ('bin' in hunalign) {
  const pairs = nc.map((c) => ({ a: c.a.map((s) => s.text), b: c.b.map((s) => s.text) }));
  const len = runHunalign(hunalign.bin, pairs, false);
  const re = runHunalign(hunalign.bin, pairs, true);
  neutral.hunalign_length_based = { wall_ms: Math.round(len.ms), cpu_ms: len.cpuMs, ...scoreMultiple(golds, len.alignments) };
  neutral.hunalign_realign = { wall_ms: Math.round(re.ms), cpu_ms: re.cpuMs, ...scoreMultiple(golds, re.alignments) };
} else neutral.hunalign = hunalign;

const h500 = timeAt(500, 'hunalign_realign'), t500 = timeAt(500, 'tandem');
const h8k = timeAt(8000, 'hunalign_realign'), t8k = timeAt(8000, 'tandem');
const f2k = f1At(2000), f8k = f1At(8000);
const nt = (neutral.tandem as { f1_strict: number }).f1_strict;
const nh = (neutral.hunalign_length_based as { f1_strict: number } | undefined)?.f1_strict;
console.log(JSON.stringify({
  seed,
  hunalign: 'bin' in hunalign ? hunalign.bin : hunalign,
  scale,
  language_independent_flores: neutral,
  targets: {
    '500_within_2x_hunalign': h500 && t500 ? { ratio: round(t500 / h500, 2), met: t500 <= 2 * h500 } : null,
    '8000_f1_within_0.02_of_2000': f2k !== undefined && f8k !== undefined ? { f1_2000: f2k, f1_8000: f8k, met: f8k >= f2k - 0.02 } : null,
    '8000_time_no_worse_than_hunalign': h8k && t8k ? { ratio: round(t8k / h8k, 2), met: t8k <= h8k } : null,
    language_independent_ahead_of_hunalign_length_based: nh !== undefined ? { tandem: nt, hunalign: nh, met: nt > nh } : null,
  },
}, null, 2));
