// `tandem review` and `tandem export` killed with SIGKILL at a seeded random point: nothing the
// command reported as saved is lost, no bead is half-written, the database stays sound, the file
// at an export's target is never a partial one, and running again completes. The kill point comes
// from a seeded PRNG (set TANDEM_KILL_SEED to replay a failure); the tests wait on what the child
// says or writes, never on fixed delays.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { beforeAll, describe, expect, it } from 'vitest';
import { Tandem } from '../../src/api/service.ts';
import { seededRandom } from '../support/random.ts';
import { tempDir } from '../support/tmp.ts';
import { rawQuery as query } from '../support/sqlite.ts';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'tandem.js');
const dir = tempDir();
const modelsDir = join(dir, 'models');
const SEED = Number(process.env.TANDEM_KILL_SEED ?? 20250917);

/** Each test draws from its own sequence, so one run alone (vitest -t) draws the same points. */
function prng(test: number) {
  const random = seededRandom(SEED + test);
  /** A seeded integer in [lo, hi]. */
  const pick = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  return { random, pick };
}

function cliArgs(db: string, args: string[]): string[] {
  return [bin, '--db', db, '--models', modelsDir, ...args];
}

function tandem(db: string, args: string[]) {
  const r = spawnSync(process.execPath, cliArgs(db, args), { cwd: dir, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}


const pause = () => new Promise((r) => setTimeout(r, 5));

/** Resolves with the exit of a child; `exited.done` says whether it has happened yet. */
function exitOf(child: ChildProcess) {
  const state = { done: false, code: null as number | null, signal: null as NodeJS.Signals | null };
  const promise = new Promise<typeof state>((resolve) => child.on('exit', (code, signal) => {
    Object.assign(state, { done: true, code, signal });
    resolve(state);
  }));
  return { state, promise };
}

/**
 * A document of `n` generated German sentences, one per line, with imported English for those
 * `translated` picks, aligned with itself for translation review (score 1 with English, 0 without).
 */
async function buildReview(name: string, n: number, translated: (i: number) => boolean): Promise<{ db: string; alignment: number }> {
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  const db = join(folder, 'tandem.db');
  const german: string[] = [];
  const tsv: string[] = [];
  for (let i = 0; i < n; i++) {
    const s = `Der Minister sprach am Tag ${i} mit ${i % 13} Kollegen über die Lage im Bezirk ${i * 7}.`;
    german.push(s);
    if (translated(i)) tsv.push(`${s}\tOn day ${i} the minister spoke with ${i % 13} colleagues about the situation in district ${i * 7}.`);
  }
  writeFileSync(join(folder, 'de.txt'), german.join('\n'));
  writeFileSync(join(folder, 'de.tsv'), tsv.join('\n'));
  const t = await Tandem.open({ dbPath: db, modelsDir });
  try {
    await t.importMemory(join(folder, 'de.tsv'), { lang: 'de' });
    const doc = (await t.ingest([join(folder, 'de.txt')], { oneSentencePerLine: true, lang: 'de', title: name })).documents[0]!;
    expect(doc.sentences).toBe(n);
    const alignment = await t.align(doc.id!, doc.id!);
    expect(alignment.beads).toHaveLength(n);
    return { db, alignment: alignment.id };
  } finally {
    await t.close();
  }
}

interface BeadState { id: number; pos: number; a_sentences: string; b_sentences: string; score: number; kind: string; status: string; origin: string }
const beadsOf = (db: string, alignment: number) =>
  query<BeadState>(db, `SELECT id, pos, a_sentences, b_sentences, score, kind, status, origin FROM beads WHERE alignment_id = ${alignment} ORDER BY pos`);
const integrity = async (db: string) => (await query<{ integrity_check: string }>(db, 'PRAGMA integrity_check')).map((r) => r.integrity_check);

let batch: { db: string; alignment: number };
let series: { db: string; alignment: number };
let big: { db: string; alignment: number };

beforeAll(async () => {
  // Two thirds of the sentences have English: `accept --min-score 1` takes those and leaves the rest.
  batch = await buildReview('batch', 600, (i) => i % 3 !== 2);
  series = await buildReview('series', 30, () => true);
  // Enough pairs that an export takes a good part of a second to write.
  big = await buildReview('big', 40_000, () => true);
}, 180_000);

describe(`killed with SIGKILL (seed ${SEED})`, () => {
  it('a review batch is one transaction: killed at any point it leaves all or nothing, and completes when run again', async () => {
    const { pick } = prng(1);
    const before = await beadsOf(batch.db, batch.alignment);
    const targets = before.filter((b) => b.score >= 1).map((b) => b.id);
    expect(targets).toHaveLength(400);
    const logCount = async () => (await query<{ n: number }>(batch.db, `SELECT count(*) AS n FROM review_log WHERE alignment_id = ${batch.alignment}`))[0]!.n;
    // The kill comes after a seeded number of looks at the database: before the batch starts, while
    // it runs, or (rarely) after it is done; whichever, the database holds none of it or all of it.
    const looks = pick(0, 60);

    const child = spawn(process.execPath, cliArgs(batch.db, ['--json', 'review', String(batch.alignment), 'accept', '--min-score', '1']), { cwd: dir, stdio: 'ignore' });
    const exit = exitOf(child);
    for (let k = 0; k < looks && !exit.state.done; k++) {
      if ((await logCount()) > 0) break;
      await pause();
    }
    child.kill('SIGKILL');
    await exit.promise;

    expect(await integrity(batch.db)).toEqual(['ok']);
    const after = await beadsOf(batch.db, batch.alignment);
    // Every bead is still there exactly as it was, apart from its status: none deleted and not
    // written back, none doubled.
    const strip = ({ status: _, ...rest }: BeadState) => rest;
    expect(after.map(strip)).toEqual(before.map(strip));
    const accepted = after.filter((b) => b.status === 'accepted').map((b) => b.id);
    const log = await query<{ action: string; before: string; after: string; undone: number }>(batch.db, `SELECT action, before, after, undone FROM review_log WHERE alignment_id = ${batch.alignment} ORDER BY id`);
    if (log.length === 0) {
      expect(accepted, `part of the batch was saved without its log entry (seed ${SEED}, ${looks} looks)`).toEqual([]);
    } else {
      // One decision for the whole batch: one log entry holding every bead as it was and as it became.
      expect(log).toHaveLength(1);
      expect(accepted).toEqual(targets);
      expect(log[0]).toMatchObject({ action: 'accept', undone: 0 });
      expect(JSON.parse(log[0]!.before).beads.map((b: BeadState) => [b.id, b.status])).toEqual(targets.map((id) => [id, 'pending']));
      expect(JSON.parse(log[0]!.after).beads.map((b: BeadState) => [b.id, b.status])).toEqual(targets.map((id) => [id, 'accepted']));
    }
    expect(after.filter((b) => b.status !== 'accepted').every((b) => b.status === 'pending')).toBe(true);

    // Run again: the batch is complete, and nothing already decided is decided twice.
    const again = tandem(batch.db, ['--json', 'review', String(batch.alignment), 'accept', '--min-score', '1']);
    expect(again.status, again.stderr).toBe(0);
    const report = JSON.parse(again.stdout) as { beads: { id: number; status: string; score: number }[] };
    expect(report.beads.filter((b) => b.status === 'accepted').map((b) => b.id)).toEqual(targets);
    expect(report.beads.filter((b) => b.score < 1).every((b) => b.status === 'pending')).toBe(true);
    expect(await logCount()).toBe(1);
    expect((await query<{ reviewed: number }>(batch.db, `SELECT reviewed FROM alignments WHERE id = ${batch.alignment}`))[0]!.reviewed).toBe(1);
    expect(await integrity(batch.db)).toEqual(['ok']);
  }, 120_000);

  it('a series of review commands keeps every decision it reported as saved', async () => {
    const { random, pick } = prng(2);
    const ids = (await beadsOf(series.db, series.alignment)).map((b) => b.id);
    // A seeded series of decisions, some undone, and what each leaves behind: every bead's status
    // and how many decisions are live (not undone).
    type Step = { args: string[]; status: Map<number, string>; live: number };
    const steps: Step[] = [];
    let status = new Map(ids.map((id) => [id, 'pending']));
    const stack: { id: number; was: string }[] = [];
    for (let i = 0; i < 12; i++) {
      const action = stack.length && random() < 0.25 ? 'undo' : (['accept', 'accept', 'reject', 'reset'] as const)[pick(0, 3)]!;
      status = new Map(status);
      if (action === 'undo') {
        const last = stack.pop()!;
        status.set(last.id, last.was);
        steps.push({ args: ['undo'], status, live: stack.length });
      } else {
        const id = ids[pick(0, ids.length - 1)]!;
        stack.push({ id, was: status.get(id)! });
        status.set(id, { accept: 'accepted', reject: 'rejected', reset: 'pending' }[action]);
        steps.push({ args: [action, String(id)], status, live: stack.length });
      }
    }
    const initial: Step = { args: [], status: new Map(ids.map((id) => [id, 'pending'])), live: 0 };
    const stateAfter = (n: number) => (n === 0 ? initial : steps[n - 1]!);

    // One shell runs the series as a script would; each command's report is followed by a marker.
    const quote = (s: string) => `'${s.replace(/'/gu, `'\\''`)}'`;
    const commandLine = (s: Step) => [process.execPath, ...cliArgs(series.db, ['--json', 'review', String(series.alignment), ...s.args])].map(quote).join(' ');
    const script = ['set -e', ...steps.map((s) => `${commandLine(s)}\necho '@@saved'`)].join('\n');
    const child = spawn('sh', ['-c', script], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const exit = exitOf(child);
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));

    // Kill after a seeded number of reports, and (seeded too) either at once or only once the next
    // command has written its decision, before or after it could say so.
    const killAfter = pick(1, steps.length - 2);
    const waitForNext = random() < 0.5;
    const reports: { beads: { id: number; status: string }[] }[] = [];
    let text = '';
    await new Promise<void>((resolve) => {
      const lines = createInterface({ input: child.stdout! });
      lines.on('line', (line) => {
        if (line !== '@@saved') {
          text += `${line}\n`;
          return;
        }
        reports.push(JSON.parse(text));
        text = '';
        if (reports.length === killAfter) resolve();
      });
      void exit.promise.then(() => resolve());
    });
    expect(exit.state.done, `the series ended early (seed ${SEED}): ${stderr}`).toBe(false);
    const liveCount = async () => (await query<{ n: number }>(series.db, `SELECT count(*) AS n FROM review_log WHERE alignment_id = ${series.alignment} AND undone = 0`))[0]!.n;
    if (waitForNext) while ((await liveCount()) === stateAfter(killAfter).live && !exit.state.done) await pause();
    process.kill(-child.pid!, 'SIGKILL');
    await exit.promise;

    // Each report said what was saved, and says it right.
    reports.forEach((r, i) => expect(new Map(r.beads.map((b) => [b.id, b.status])), `report ${i + 1}`).toEqual(steps[i]!.status));
    expect(await integrity(series.db)).toEqual(['ok']);
    const stored = new Map((await beadsOf(series.db, series.alignment)).map((b) => [b.id, b.status]));
    const live = await liveCount();
    // The database holds every reported decision, and at most the one command that was cut short.
    const done = [reports.length, reports.length + 1].find((n) => n <= steps.length && stateAfter(n).live === live && [...stateAfter(n).status].every(([id, s]) => stored.get(id) === s));
    expect(done, `database after the kill matches no reported state (seed ${SEED}, killed after ${reports.length} reports)`).toBeDefined();
    if (waitForNext) expect(done).toBe(killAfter + 1);
    expect(stored.size).toBe(ids.length);

    // Running the rest of the series completes it.
    for (const s of steps.slice(done)) {
      const r = tandem(series.db, ['--json', 'review', String(series.alignment), ...s.args]);
      expect(r.status, r.stderr).toBe(0);
    }
    const final = new Map((await beadsOf(series.db, series.alignment)).map((b) => [b.id, b.status]));
    expect(final).toEqual(steps.at(-1)!.status);
    expect(await liveCount()).toBe(steps.at(-1)!.live);
    expect(await integrity(series.db)).toEqual(['ok']);
  }, 120_000);

  it('an export leaves the previous file at the target intact and no partial file there', async () => {
    const { random } = prng(3);
    const outDir = join(dir, 'exports');
    mkdirSync(outDir, { recursive: true });
    const target = join(outDir, 'pairs.tmx');
    // The whole export, written elsewhere first, to know its size and bytes.
    const reference = join(outDir, 'reference.tmx');
    const full = tandem(big.db, ['export', '--format', 'tmx', '--status', 'all', '--out', reference]);
    expect(full.status, full.stderr).toBe(0);
    const fullSize = statSync(reference).size;
    // The previous export at the target: only what was accepted (none yet), a small valid file.
    // (written though empty; exit 1 says so, with why)
    const previous = tandem(big.db, ['export', '--format', 'tmx', '--out', target]);
    expect(previous.status, previous.stderr).toBe(1);
    expect(previous.stderr).toMatch(/^0 pairs: no aligned pair has the review status "accepted" yet/mu);
    const previousBytes = readFileSync(target);

    const killAt = Math.floor(fullSize * (0.05 + 0.5 * random()));
    const child = spawn(process.execPath, cliArgs(big.db, ['export', '--format', 'tmx', '--status', 'all', '--out', target]), { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    const exit = exitOf(child);
    // Its first progress line: the export is under way, a first page of pairs written.
    const progress: string[] = [];
    await new Promise<void>((resolve) => {
      createInterface({ input: child.stderr! }).on('line', (line) => {
        progress.push(line);
        if (/^export: \d+\/40000 /u.test(line)) resolve();
      });
      void exit.promise.then(() => resolve());
    });
    // Progress lines come at most once a second, too rarely to place a kill inside this export:
    // from here on the temporary file's growth is the progress to wait on.
    const partial = `.${basename(target)}.${child.pid}-`;
    const partSize = () => {
      const name = readdirSync(outDir).find((n) => n.startsWith(partial) && n.endsWith('.part'));
      return name ? statSync(join(outDir, name)).size : 0;
    };
    while (!exit.state.done && partSize() < killAt) await pause();
    child.kill('SIGKILL');
    await exit.promise;
    expect(exit.state.signal, `the export finished before the kill at ${killAt} of ${fullSize} bytes (seed ${SEED}); stderr: ${progress.join(' | ')}`).toBe('SIGKILL');

    // The target is the previous file, byte for byte; what was being written is only under a
    // hidden temporary name, and it is indeed partial.
    expect(readFileSync(target).equals(previousBytes)).toBe(true);
    const leftovers = readdirSync(outDir).filter((n) => n !== 'pairs.tmx' && n !== 'reference.tmx');
    expect(leftovers).toHaveLength(1);
    expect(leftovers[0]).toMatch(new RegExp(`^\\.pairs\\.tmx\\.${child.pid}-[0-9a-f]+\\.part$`, 'u'));
    const leftSize = statSync(join(outDir, leftovers[0]!)).size;
    expect(leftSize).toBeGreaterThanOrEqual(killAt);
    expect(leftSize).toBeLessThan(fullSize);

    // Run again: the export completes, and the target is then the whole export.
    const again = tandem(big.db, ['export', '--format', 'tmx', '--status', 'all', '--out', target]);
    expect(again.status, again.stderr).toBe(0);
    expect(readFileSync(target).equals(readFileSync(reference))).toBe(true);
    expect(await integrity(big.db)).toEqual(['ok']);
  }, 120_000);
});
