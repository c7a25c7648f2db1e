// Start-up cost of the built `tandem` command against a bare `node -e 0`, measured in the same run
// and interleaved (so a busy machine slows all three alike): `tandem --help` (loads only the
// command table) and `tandem documents` on an empty database (opens SQLite and the engine).
// Target: both within 3x of `node -e 0`. Prints one JSON object.
//   npx tsx bench/startup.ts [--runs N]     (builds dist/cli first when it is missing)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const runs = Number(arg('--runs') ?? 15);
const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist', 'cli', 'tandem.js');
if (!existsSync(cli)) {
  const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), 'node'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'tandem-startup-'));
try {
  const db = join(dir, 'empty.db');
  const cases: Record<string, string[]> = {
    'node -e 0': ['-e', '0'],
    'tandem --help': [cli, '--help'],
    'tandem documents': [cli, '--db', db, 'documents'],
  };
  // One untimed round: creates the empty database and warms the file cache.
  for (const args of Object.values(cases)) spawnSync(process.execPath, args, { cwd: dir });
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (let i = 0; i < runs; i++) {
    for (const [name, args] of Object.entries(cases)) {
      const started = performance.now();
      const r = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8' });
      const ms = performance.now() - started;
      if (r.status !== 0) throw new Error(`${name} exited ${r.status}: ${r.stderr}`);
      times[name]!.push(ms);
    }
  }
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  };
  const base = median(times['node -e 0']!);
  const result = Object.fromEntries(Object.entries(times).map(([name, xs]) => [name, { medianMs: +median(xs).toFixed(1), minMs: +Math.min(...xs).toFixed(1), ratio: +(median(xs) / base).toFixed(2) }]));
  const target = 3;
  console.log(JSON.stringify({
    runs,
    node: process.version,
    target: `within ${target}x of node -e 0`,
    results: result,
    met: Object.values(result).every((r) => r.ratio <= target),
  }, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
