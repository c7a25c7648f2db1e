// Opening the engine for one command, and running api methods on it. Imported only by the
// command modules, so `tandem --help` and usage errors never load SQLite or the engine.
// Commands call the api table (src/api/contract.ts): the same validated inputs and handlers as
// the app and the HTTP bridge. Input the table refuses is a usage error (exit 2).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import cliProgress from 'cli-progress';
import { ApiError, queries, runJob, runQuery, validateJob, type JobInput, type JobName, type JobResult, type QueryInput, type QueryName, type QueryResult, type ValidJob } from '../api/contract.ts';
import { DatabaseError, Tandem } from '../api/service.ts';
import type { Progress } from '../api/types.ts';
import { globals, UsageError } from './shared.ts';

export type { Tandem };

/**
 * Opens the engine. A command that does not write to the database opens it read-only, so it
 * works on a file the user may read but not write; when there is no database yet, or it was
 * written by an older Tandem, it is opened as by any command (created, or upgraded first).
 */
async function openTandem(access: 'read' | 'write'): Promise<Tandem> {
  const g = globals();
  const options = { dbPath: resolve(g.db), modelsDir: resolve(g.models), manifestPath: g.manifest ? resolve(g.manifest) : undefined };
  if (access === 'write' || !existsSync(options.dbPath)) return Tandem.open(options);
  try {
    return await Tandem.open({ ...options, readOnly: true });
  } catch (err) {
    if (!(err instanceof DatabaseError && err.code === 'needs_upgrade')) throw err;
    try {
      return await Tandem.open(options);
    } catch (writeErr) {
      if (writeErr instanceof DatabaseError && writeErr.code === 'read_only') throw new DatabaseError('read_only', `${err.message}; but ${writeErr.message}`, { cause: writeErr });
      throw writeErr;
    }
  }
}

export interface Control {
  signal: AbortSignal;
}

export async function withTandem<T>(work: (t: Tandem, control: Control) => Promise<T>, access: 'read' | 'write' = 'write'): Promise<T> {
  const tandem = await openTandem(access);
  // First Ctrl-C stops cleanly after saving finished work; a second one exits at once.
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\nStopping after the current step (Ctrl-C again to quit now)…\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    return await work(tandem, { signal: controller.signal });
  } finally {
    process.off('SIGINT', onSigint);
    await tandem.close();
  }
}

/** Runs a query of the api table; input it refuses is a usage error. */
export function query<K extends QueryName>(t: Tandem, method: K, input: QueryInput<K>): Promise<QueryResult<K>> {
  const parsed = queries[method].safeParse(input);
  if (!parsed.success) throw new UsageError(`${method}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`);
  return runQuery(t, method, parsed.data) as Promise<QueryResult<K>>;
}

/** A job of the api table with its validated input (check it before opening the database). */
export interface CheckedJob<K extends JobName> extends ValidJob {
  method: K;
}

export function checkJob<K extends JobName>(method: K, input: JobInput<K>): CheckedJob<K> {
  try {
    return validateJob(method, input) as CheckedJob<K>;
  } catch (err) {
    if (err instanceof ApiError) throw new UsageError(err.message);
    throw err;
  }
}

/** Runs a checked job in the foreground, reporting its progress on stderr. */
export async function job<K extends JobName>(t: Tandem, checked: CheckedJob<K>, control: Control, options: { progress?: boolean } = {}): Promise<JobResult<K>> {
  const p = options.progress === false ? null : progressReporter();
  try {
    return (await runJob(t, checked, { signal: control.signal, onProgress: p?.onProgress ?? (() => undefined) })) as JobResult<K>;
  } finally {
    p?.stop();
  }
}

/** A bar on a terminal, one plain line a second otherwise; always on stderr. */
export function progressReporter(): { onProgress: (p: Progress) => void; stop: () => void } {
  if (process.stderr.isTTY) {
    let bar: cliProgress.SingleBar | null = null;
    let phase = '';
    return {
      onProgress(p) {
        if (p.phase !== phase || !bar) {
          bar?.stop();
          phase = p.phase;
          bar = new cliProgress.SingleBar({ stream: process.stderr, format: `${p.phase.padEnd(9)} [{bar}] {value}/{total} {item} {rate}/s eta {eta_formatted}`, hideCursor: true }, cliProgress.Presets.shades_classic);
          bar.start(p.total || 1, 0, { item: '', rate: '0' });
        }
        bar.setTotal(Math.max(p.total, p.done, 1));
        bar.update(p.done, { item: p.item ?? '', rate: (p.perSecond ?? 0).toFixed(1) });
      },
      stop: () => bar?.stop(),
    };
  }
  let last = 0;
  return {
    onProgress(p) {
      const now = Date.now();
      if (now - last < 1000 && p.done !== p.total) return;
      last = now;
      const eta = p.etaSeconds !== undefined && Number.isFinite(p.etaSeconds) ? `, eta ${Math.ceil(p.etaSeconds)}s` : '';
      const rate = p.perSecond ? `, ${p.perSecond.toFixed(1)}/s` : '';
      process.stderr.write(`${p.phase}: ${p.done}/${p.total || '?'}${p.item ? ` ${p.item}` : ''}${rate}${eta}\n`);
    },
    stop: () => undefined,
  };
}
