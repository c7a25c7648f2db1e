// `tandem similarity FILE_A FILE_B` and `tandem similarity --pairs FILE`.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { matchLines } from '../../match/index.ts';
import { checkJob, job, progressReporter, query, withTandem } from '../engine.ts';
import { print, program, UsageError } from '../shared.ts';

export async function similarity(fileA: string | undefined, fileB: string | undefined, flags: { pairs?: string }, cmd: Command): Promise<void> {
  if (flags.pairs !== undefined) {
    if (fileA !== undefined) throw new UsageError('similarity --pairs FILE reads the files to compare from FILE; give no FILE_A FILE_B with it');
    const entries = readPairsFile(flags.pairs);
    process.exitCode = await withThrowawayStore(() => similarityPairs(flags.pairs!, entries));
    return;
  }
  // The same message, help and exit code as when both arguments were required.
  for (const [name, value] of [['fileA', fileA], ['fileB', fileB]] as const) {
    if (value === undefined) cmd.error(`error: missing required argument '${name}'`, { code: 'commander.missingArgument', exitCode: 1 });
  }
  const ingesting = checkJob('ingest', { paths: [fileA!, fileB!] });
  await withThrowawayStore(async () => {
    const result = await withTandem(async (t, control) => {
      const ingest = await job(t, ingesting, control, { progress: false });
      const [a, b] = ingest.documents;
      for (const d of [a, b]) if (!d?.id || (d.status !== 'ingested' && d.status !== 'duplicate')) throw new Error(d?.error ?? 'could not ingest both files');
      if (a!.id === b!.id) throw new Error(`${fileA} and ${fileB} have the same bytes`);
      await job(t, checkJob('translate', { documentIds: [a!.id!, b!.id!] }), control, { progress: false });
      return query(t, 'similarity', { a: a!.id!, b: b!.id! });
    });
    print(result, () => matchLines(result).join('\n'));
  });
}

/** Without an explicit --db, similarity works in a throw-away store, leaving the analyst's alone. */
async function withThrowawayStore<T>(work: () => Promise<T>): Promise<T> {
  const temp = program.getOptionValueSource('db') === 'default' ? mkdtempSync(join(tmpdir(), 'tandem-similarity-')) : null;
  if (temp) program.setOptionValue('db', join(temp, 'similarity.db'));
  try {
    return await work();
  } finally {
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
}

/** One meaningful line of a pairs file: two paths (resolved against the file's folder), or why not. */
type PairsEntry = { line: number; a: string; b: string; pathA: string; pathB: string } | { line: number; a: string | null; b: string | null; error: string; errorCode: string };

/** Reads a pairs TSV: FILE_A<TAB>FILE_B per line; blank lines and lines starting with # are skipped. */
function readPairsFile(file: string): PairsEntry[] {
  let text: string;
  try {
    if (!statSync(file).isFile()) throw new UsageError(`--pairs ${file}: not a file`);
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`--pairs ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (err as Error).message}`);
  }
  const folder = dirname(resolve(file));
  const entries: PairsEntry[] = [];
  for (const [i, raw] of text.replace(/^\uFEFF/u, '').split(/\r?\n/u).entries()) {
    const line = i + 1;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) continue;
    const columns = raw.split('\t').map((c) => c.trim());
    const [a, b] = columns;
    if (columns.length !== 2 || !a || !b) {
      const found = columns.length === 2 ? 'an empty path' : `${columns.length} column${columns.length === 1 ? '' : 's'}`;
      entries.push({ line, a: a || null, b: b || null, error: `${basename(file)} line ${line}: expected two file paths separated by a tab, found ${found}`, errorCode: 'malformed_line' });
    } else {
      entries.push({ line, a, b, pathA: resolve(folder, a), pathB: resolve(folder, b) });
    }
  }
  return entries;
}

/**
 * Scores every pair in one process and one store, printing a JSON line per pair in input order;
 * returns the exit code. Not an api method: it reads files named in a file on this machine,
 * which only the command line may.
 */
async function similarityPairs(file: string, entries: PairsEntry[]): Promise<number> {
  const pairs = entries.filter((e) => 'pathA' in e);
  if (!entries.length) process.stderr.write(`tandem: ${file} lists no pairs\n`);
  let printed = 0;
  let failed = 0;
  const emit = (value: object) => {
    process.stdout.write(`${JSON.stringify(value)}\n`);
    printed++;
  };
  await withTandem(async (t, { signal }) => {
    const p = progressReporter();
    try {
      const outcomes = t.similarityOfFiles(pairs.map((e) => ({ a: e.pathA, b: e.pathB })), { signal, onProgress: p.onProgress });
      for (const entry of entries) {
        if ('error' in entry) {
          if (signal.aborted) break;
          failed++;
          emit(entry);
          continue;
        }
        const next = await outcomes.next();
        if (next.done) break;
        const o = next.value;
        if ('error' in o) {
          failed++;
          emit({ line: entry.line, a: entry.a, b: entry.b, error: o.error, errorCode: o.errorCode });
        } else {
          const { a: _a, b: _b, ...fields } = o.result;
          emit({ line: entry.line, a: entry.a, b: entry.b, docA: o.docA, docB: o.docB, ...fields });
        }
      }
    } finally {
      p.stop();
    }
  });
  if (printed < entries.length) {
    process.stderr.write(`tandem: stopped after ${printed} of ${entries.length} pairs\n`);
    return 1;
  }
  if (failed) process.stderr.write(`tandem: ${failed} of ${entries.length} pairs could not be compared\n`);
  return failed ? 1 : 0;
}

