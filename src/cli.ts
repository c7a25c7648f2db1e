// `tandem`: the engine from the command line, for batch work and scripted tests.
// Exit codes: 0 ok, 1 failure (including any rejected input file), 2 usage.
import { basename, dirname, join, resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import cliProgress from 'cli-progress';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { DatabaseError, Tandem } from './api/service.ts';
import { matchLines } from './match/index.ts';
import { DEFAULT_RENDERER_DIR, startServer } from './server/index.ts';
import { EXPORT_FORMATS, IngestOptions, LANGS, SOURCE_LANGS, type ExportFormat, type ExportOptions, type IngestReport, type MatchReport, type Progress, type TranslateReport } from './api/types.ts';

interface GlobalOptions {
  db: string;
  models: string;
  manifest?: string;
  json?: boolean;
}

class UsageError extends Error {}

const program = new Command('tandem')
  .description('Offline translation-and-alignment workbench for news analysts')
  .option('--db <path>', 'SQLite database file', './tandem.db')
  .option('--models <dir>', 'models folder', process.env.TANDEM_MODELS ?? './models')
  .option('--manifest <file>', 'model manifest (default: the bundled models/manifest.json)', process.env.TANDEM_MANIFEST)
  .option('--json', 'print machine-readable JSON on stdout')
  .showHelpAfterError()
  .exitOverride();

function globals(): GlobalOptions {
  return program.opts<GlobalOptions>();
}

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

async function withTandem<T>(work: (t: Tandem, control: { signal: AbortSignal }) => Promise<T>, access: 'read' | 'write' = 'write'): Promise<T> {
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

/** A bar on a terminal, one plain line a second otherwise; always on stderr. */
function progressReporter(): { onProgress: (p: Progress) => void; stop: () => void } {
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

function print(value: unknown, human: () => string): void {
  process.stdout.write(globals().json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
}

function describeIngest(r: IngestReport): string {
  const lines = r.documents.map((d) => {
    const what = d.status === 'rejected' ? `rejected: ${d.error}` : `${d.lang ?? '??'} ${(d.langConfidence * 100).toFixed(0)}%  ${d.sentences} sentences  ${d.title ?? ''}`;
    const warnings = d.warnings.map((w) => `\n            warning: ${w}`).join('');
    return `${d.status.padEnd(11)} #${d.id ?? '-'}  ${d.path}\n            ${what}${d.status === 'unsupported' ? `\n            ${d.error}` : ''}${warnings}`;
  });
  // every folder entry left out is named with the reason; a long list is cut, --json has it whole
  const SHOWN_SKIPPED = 20;
  for (const s of r.skipped.slice(0, SHOWN_SKIPPED)) lines.push(`skipped     ${s.path}\n            ${s.reason}`);
  if (r.skipped.length > SHOWN_SKIPPED) lines.push(`skipped     …and ${r.skipped.length - SHOWN_SKIPPED} more (--json lists them all)`);
  const count = (s: string) => r.documents.filter((d) => d.status === s).length;
  lines.push(`${count('ingested')} ingested, ${count('duplicate')} already known, ${count('unsupported')} unsupported language, ${count('rejected')} rejected, ${r.skipped.length} skipped`);
  return lines.join('\n');
}

function describeMatch(r: MatchReport): string {
  const lines = r.pairs.map((p) => `  #${p.a} ~ #${p.b}  ${p.score.toFixed(2)}  ${p.summary}`);
  const within = r.passages.filter((p) => p.a.doc === p.b.doc).length;
  const multi = (stories: { documents: number[] }[]) => stories.filter((s) => s.documents.length > 1).length;
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  lines.unshift(`${n(r.pairs.length, 'matching pair', 'matching pairs')}; ${n(multi(r.storyViews.event), 'event', 'events')} and ${n(multi(r.storyViews.story), 'story', 'stories')} with more than one report; ${n(r.passages.length, 'repeated passage', 'repeated passages')} (${within} within one document); ${n(r.compared, 'document', 'documents')} compared in ${r.seconds.toFixed(1)}s`);
  return lines.join('\n');
}

function describeTranslate(r: TranslateReport): string {
  const lines = [`${r.translated} sentences translated: ${r.fromMemory} from memory, ${r.byModel} new texts by model in ${r.seconds.toFixed(1)}s${r.cancelled ? ' (cancelled; finished work is saved)' : ''}`];
  lines.push(...r.messages);
  return lines.join('\n');
}

function documentId(doc: string): number {
  const id = Number(doc);
  if (!Number.isInteger(id) || id <= 0) throw new UsageError(`DOC must be a document id, not "${doc}"`);
  return id;
}

const ingestFlags = (cmd: Command) =>
  cmd
    .addOption(new Option('--lang <lang>', 'language of every file (skip identification)').choices([...LANGS]))
    .option('--title <title>', 'title for the document(s)')
    .option('--date <date>', 'publication date, YYYY-MM-DD')
    .option('--one-sentence-per-line', 'input is pre-segmented: one sentence per line, no cleaning')
    .option('--langs <langs>', `languages identification may choose from (default ${LANGS.join(',')})`)
    .option('--max-size <mb>', 'largest file to accept, in MB', '16');

interface IngestFlags {
  lang?: (typeof LANGS)[number];
  title?: string;
  date?: string;
  oneSentencePerLine?: boolean;
  langs?: string;
  maxSize: string;
}

function ingestOptions(f: IngestFlags) {
  const mb = Number(f.maxSize);
  if (!Number.isFinite(mb) || mb <= 0) throw new UsageError(`--max-size must be a positive number of megabytes, not "${f.maxSize}"`);
  if (f.date !== undefined && !IngestOptions.shape.date.safeParse(f.date).success) throw new UsageError(`--date must be YYYY-MM-DD or YYYY-MM, not "${f.date}"`);
  const allowedLangs = f.langs?.split(',').map((l) => l.trim());
  const unknown = allowedLangs?.filter((l) => !(LANGS as readonly string[]).includes(l));
  if (unknown?.length) throw new UsageError(`--langs takes ${LANGS.join(', ')}; not ${unknown.join(', ')}`);
  return { lang: f.lang, title: f.title, date: f.date, oneSentencePerLine: f.oneSentencePerLine, allowedLangs: allowedLangs as (typeof LANGS)[number][] | undefined, maxBytes: Math.round(mb * 1024 * 1024) };
}

ingestFlags(program.command('ingest').description('add articles (files or folders) to the database').argument('<paths...>'))
  .action(async (paths: string[], flags: IngestFlags) => {
    const options = ingestOptions(flags);
    const report = await withTandem(async (t, { signal }) => {
      const p = progressReporter();
      try {
        return await t.ingest(paths, options, { signal, onProgress: p.onProgress });
      } finally {
        p.stop();
      }
    });
    print(report, () => describeIngest(report));
    if (report.documents.some((d) => d.status === 'rejected')) process.exitCode = 1;
  });

const langList = (v: string, prev: string[] = []) => [...prev, ...v.split(',')];
const docList = (v: string, prev: number[] = []) => [...prev, ...v.split(',').map((x) => {
  const n = Number(x);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--doc takes document ids, not "${x}"`);
  return n;
})];

program.command('translate').description('translate every untranslated sentence into English')
  .option('--lang <langs>', `only these source languages (${SOURCE_LANGS.join(', ')})`, langList)
  .option('--doc <ids>', 'only these document ids', docList)
  .action(async (flags: { lang?: string[]; doc?: number[] }) => {
    const report = await withTandem(async (t, { signal }) => {
      const p = progressReporter();
      try {
        return await t.translate({ langs: flags.lang, documentIds: flags.doc }, { signal, onProgress: p.onProgress });
      } finally {
        p.stop();
      }
    });
    print(report, () => describeTranslate(report));
    if (report.cancelled) process.exitCode = 1;
  });

ingestFlags(program.command('run').description('ingest, then translate').argument('<paths...>'))
  .action(async (paths: string[], flags: IngestFlags) => {
    const options = ingestOptions(flags);
    const result = await withTandem(async (t, { signal }) => {
      const p = progressReporter();
      try {
        const ingest = await t.ingest(paths, options, { signal, onProgress: p.onProgress });
        const translation = await t.translate({}, { signal, onProgress: p.onProgress });
        const matching = await t.match({ signal, onProgress: p.onProgress });
        return { ...ingest, translation, matching };
      } finally {
        p.stop();
      }
    });
    print(result, () => `${describeIngest(result)}\n${describeTranslate(result.translation)}\n${describeMatch(result.matching)}`);
    if (result.documents.some((d) => d.status === 'rejected') || result.translation.cancelled) process.exitCode = 1;
  });

program.command('match').description('find matching reports, stories and repeated passages (incremental)')
  .action(async () => {
    const report = await withTandem(async (t, { signal }) => {
      const p = progressReporter();
      try {
        return await t.match({ signal, onProgress: p.onProgress });
      } finally {
        p.stop();
      }
    });
    print(report, () => describeMatch(report));
    if (report.cancelled) process.exitCode = 1;
  });

program.command('similarity').description('compare two article files (or every pair in a TSV with --pairs): score, level and evidence')
  .usage('[options] FILE_A FILE_B | --pairs FILE')
  .argument('[fileA]').argument('[fileB]')
  .option('--pairs <file>', 'TSV of FILE_A<TAB>FILE_B lines (relative to its folder; # comments): one JSON line per pair on stdout')
  .action(async (fileA: string | undefined, fileB: string | undefined, flags: { pairs?: string }, cmd: Command) => {
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
    await withThrowawayStore(async () => {
      const result = await withTandem(async (t, { signal }) => {
        const ingest = await t.ingest([fileA!, fileB!], {}, { signal });
        const [a, b] = ingest.documents;
        for (const d of [a, b]) if (!d?.id || (d.status !== 'ingested' && d.status !== 'duplicate')) throw new Error(d?.error ?? 'could not ingest both files');
        if (a!.id === b!.id) throw new Error(`${fileA} and ${fileB} have the same bytes`);
        await t.translate({ documentIds: [a!.id!, b!.id!] }, { signal });
        return t.similarity(a!.id!, b!.id!);
      });
      print(result, () => matchLines(result).join('\n'));
    });
  });

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

/** Scores every pair in one process and one store, printing a JSON line per pair in input order; returns the exit code. */
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

program.command('align').description('align two documents sentence by sentence (A = B: one document against its English)')
  .argument('<a>', 'document id').argument('<b>', 'document id')
  .option('--passages', 'independent reports: pair sentences in any order instead of monotonic beads')
  .action(async (a: string, b: string, flags: { passages?: boolean }) => {
    const alignment = await withTandem((t) => t.align(documentId(a), documentId(b), flags.passages ? 'passages' : undefined));
    const out = { id: alignment.id, a: alignment.aDoc, b: alignment.bDoc, mode: alignment.mode, reviewed: alignment.reviewed, beads: alignment.beads };
    print(out, () => [`alignment ${alignment.id} (${alignment.mode}${alignment.reviewed ? ', reviewed' : ''})`, ...alignment.beads.map((x) => `  bead ${String(x.id).padEnd(6)} ${x.kind.padEnd(5)} ${x.score.toFixed(2)} ${x.status.padEnd(8)} [${x.a.join(',')}] ~ [${x.b.join(',')}]`)].join('\n'));
  });

program.command('review').description('decide on beads of an alignment (batch review; the app does it row by row)')
  .argument('<alignment>', 'alignment id (from `tandem align`)')
  .argument('<action>', 'accept | reject | reset | merge | split | undo')
  .argument('[beads...]', 'bead ids')
  .option('--min-score <x>', 'with accept/reject: every pending bead scoring at least x')
  .action(async (alignment: string, action: string, beads: string[], flags: { minScore?: string }) => {
    const id = documentId(alignment);
    const actions = ['accept', 'reject', 'reset', 'merge', 'split', 'undo'] as const;
    if (!(actions as readonly string[]).includes(action)) throw new UsageError(`action must be one of ${actions.join(', ')}, not "${action}"`);
    const minScore = flags.minScore === undefined ? undefined : Number(flags.minScore);
    if (minScore !== undefined && (!Number.isFinite(minScore) || (action !== 'accept' && action !== 'reject'))) throw new UsageError('--min-score takes a number and goes with accept or reject');
    const beadIds = beads.map((b) => {
      const n = Number(b);
      if (!Number.isInteger(n) || n <= 0) throw new UsageError(`bead ids are positive integers, not "${b}"`);
      return n;
    });
    if (action !== 'undo' && minScore === undefined && beadIds.length === 0) throw new UsageError('name the beads, or give --min-score');
    const result = await withTandem(async (t) => {
      if (action === 'undo') return (await t.undo(id)).alignment;
      const targets = minScore === undefined ? beadIds : (await t.alignment(id)).beads.filter((b) => b.status === 'pending' && b.score >= minScore).map((b) => b.id);
      let last = await t.alignment(id);
      for (const bead of targets) last = await t.review(id, bead, action as Exclude<(typeof actions)[number], 'undo'>);
      return last;
    });
    const count = (s: string) => result.beads.filter((b) => b.status === s).length;
    print(result, () => `alignment ${result.id}: ${count('accepted')} accepted, ${count('rejected')} rejected, ${count('pending')} pending`);
  });

const stories = program.command('stories').description('story clusters, and the analyst decisions that shape them');
stories.command('list', { isDefault: true }).description('current stories').action(async () => {
  const views = await withTandem((t) => t.stories(), 'read');
  print(views, () => views.story.map((s) => `${s.id}: ${s.documents.map((d) => `#${d}`).join(' ')}`).join('\n') || 'no stories yet: run `tandem match`');
});
for (const kind of ['confirm', 'reject'] as const) {
  stories.command(kind).description(`${kind} that two documents report the same event`).argument('<a>').argument('<b>')
    .action(async (a: string, b: string) => {
      const views = await withTandem((t) => t.decideStory({ kind, a: documentId(a), b: documentId(b) }));
      print(views, () => `${kind}ed; ${views.event.length} event clusters`);
    });
}
stories.command('move').description('move a document into a story').argument('<doc>').argument('<story>', 'story id')
  .action(async (doc: string, story: string) => {
    const views = await withTandem((t) => t.decideStory({ kind: 'move', doc: documentId(doc), story }));
    print(views, () => `moved #${doc} to ${story}`);
  });

program.command('documents').description('list the documents in the database').action(async () => {
  const docs = await withTandem((t) => t.documents(), 'read');
  print(docs, () => docs.map((d) => `#${d.id} ${d.lang ?? '??'} ${d.status} ${d.translatedCount}/${d.sentenceCount} translated  ${d.published ?? '          '}  ${d.title ?? d.fileName}`).join('\n') || 'no documents');
});

program.command('sentences').description("a document's sentences with their English").argument('<doc>', 'document id')
  .action(async (doc: string) => {
    const rows = await withTandem((t) => t.sentences(documentId(doc)), 'read');
    print(rows, () => rows.map((s) => `${String(s.index).padStart(4)} ¶${s.paragraph}  ${s.text}\n      → ${s.translation ?? '(not translated)'}`).join('\n'));
  });

program.command('paragraphs').description("a document's paragraphs, with the boilerplate that cleaning set aside").argument('<doc>', 'document id')
  .action(async (doc: string) => {
    const rows = await withTandem((t) => t.paragraphs(documentId(doc)), 'read');
    print(rows, () => rows.map((p) => `${String(p.index).padStart(4)} ${p.dropped ? `[set aside: ${p.dropped}] ` : ''}${p.text}`).join('\n'));
  });

const tm = program.command('tm').description('translation memory');
tm.command('import').description('import a memory: TMX 1.4, TSV (source<TAB>english), or line-aligned text with --english')
  .argument('<file>')
  .addOption(new Option('--lang <lang>', 'source language (required for TSV and line-aligned files)').choices([...SOURCE_LANGS]))
  .option('--english <file>', 'line-aligned English file: line N translates line N of FILE')
  .action(async (file: string, flags: { lang?: string; english?: string }) => {
    const report = await withTandem((t, { signal }) => t.importMemory(file, { lang: flags.lang, english: flags.english && resolve(flags.english) }, { signal }));
    print(report, () => `${report.imported} pairs imported from ${file} (${Object.entries(report.byLang).map(([l, n]) => `${l}: ${n}`).join(', ') || 'none'})`);
  });

program.command('export').description('write reviewed bilingual pairs as TMX, TSV, JSONL or XLIFF')
  .addOption(new Option('--format <format>', 'file format').choices([...EXPORT_FORMATS]).makeOptionMandatory())
  .requiredOption('--out <file>', 'file to write (written under a temporary name, renamed when complete)')
  .addOption(new Option('--status <status>', 'review status to include').choices(['accepted', 'all', 'exclude-rejected']).default('accepted'))
  .option('--min-score <x>', 'lowest bead score to include')
  .option('--lang <langs>', `only pairs with these source languages (${SOURCE_LANGS.join(', ')})`, langList)
  .option('--story <id>', 'only alignments inside this story (an id from `tandem stories`)')
  .option('--doc <ids>', 'only alignments involving these document ids', docList)
  .action(async (flags: { format: ExportFormat; out: string; status: 'accepted' | 'all' | 'exclude-rejected'; minScore?: string; lang?: string[]; story?: string; doc?: number[] }) => {
    const minScore = flags.minScore === undefined ? undefined : Number(flags.minScore);
    if (minScore !== undefined && (flags.minScore!.trim() === '' || !Number.isFinite(minScore))) throw new UsageError(`--min-score takes a number, not "${flags.minScore}"`);
    const unknown = flags.lang?.filter((l) => !(SOURCE_LANGS as readonly string[]).includes(l));
    if (unknown?.length) throw new UsageError(`--lang takes source languages ${SOURCE_LANGS.join(', ')}; not ${unknown.join(', ')}`);
    const options: ExportOptions = {
      format: flags.format, out: resolve(flags.out), status: flags.status, minScore,
      langs: flags.lang as (typeof SOURCE_LANGS)[number][] | undefined, story: flags.story, documentIds: flags.doc,
    };
    const report = await withTandem(async (t, { signal }) => {
      const p = progressReporter();
      try {
        return await t.export(options, { signal, onProgress: p.onProgress });
      } finally {
        p.stop();
      }
    }, 'read');
    const skipped = report.skipped ? `; ${report.skipped} skipped (${report.skippedBy.untranslated} without English, ${report.skippedBy.englishOnly} English on both sides)` : '';
    const dropped = report.droppedChars ? `; ${report.droppedChars} characters XML cannot carry were left out` : '';
    print(report, () => `${report.pairs} pairs written to ${report.file} (${report.format}, ${report.bytes} bytes)${skipped}${dropped}`);
  });

const models = program.command('models').description('translation models');
models.command('list').description('installed and missing models').action(async () => {
  const list = await withTandem((t) => t.models.list(), 'read');
  print(list, () => list.map((m) => `${m.lang}  ${m.state.padEnd(10)} ${m.id}@${m.revision ?? 'unpinned'}`).join('\n'));
});
models.command('verify').description('check every model file against its sha256')
  .addOption(new Option('--lang <lang>').choices([...SOURCE_LANGS]))
  .action(async (flags: { lang?: (typeof SOURCE_LANGS)[number] }) => {
    const results = await withTandem((t) => t.models.verify(flags.lang), 'read');
    print(results, () => results.map((r) => `${r.lang}  ${r.ok ? 'ok    ' : 'FAILED'}  ${r.id}  ${r.files.filter((f) => f.status !== 'ok').map((f) => `${f.file}: ${f.status}`).join('; ')}`).join('\n'));
    if (results.some((r) => !r.ok)) process.exitCode = 1;
  });
models.command('fetch').description('download the pinned model files (needs network)')
  .addOption(new Option('--lang <lang>').choices([...SOURCE_LANGS]))
  .option('--base-url <url>', 'mirror to download from instead of the model hub')
  .action(async (flags: { lang?: (typeof SOURCE_LANGS)[number]; baseUrl?: string }) => {
    const results = await withTandem(async (t, { signal }) => {
      const p = progressReporter();
      try {
        return await t.models.fetch({
          lang: flags.lang, baseUrl: flags.baseUrl, signal,
          onProgress: (f) => p.onProgress({ phase: 'fetch', done: f.receivedBytes, total: f.totalBytes ?? 0, item: `${f.lang} ${f.file}`, perSecond: f.bytesPerSecond }),
        });
      } finally {
        p.stop();
      }
    }, 'read');
    print(results, () => results.map((r) => `${r.lang}  ${r.id}@${r.revision ?? 'main'}: ${r.files.map((f) => `${f.file} ${f.status}`).join(', ')}`).join('\n'));
  });
models.command('add').description('side-load a model folder copied from elsewhere').argument('<dir>')
  .addOption(new Option('--lang <lang>').choices([...SOURCE_LANGS]).makeOptionMandatory())
  .action(async (dir: string, flags: { lang: (typeof SOURCE_LANGS)[number] }) => {
    const result = await withTandem((t) => t.models.add(resolve(dir), flags.lang), 'read');
    print(result, () => JSON.stringify(result, null, 2));
  });

program.command('serve').description('serve the review UI and the api to a browser on 127.0.0.1 (Ctrl-C stops)')
  .option('--port <n>', 'port (default: a random free one)', '0')
  .option('--host <address>', 'loopback address to listen on', '127.0.0.1')
  .option('--open', 'open the page in the default browser')
  .action(async (flags: { port: string; host: string; open?: boolean }) => {
    const port = Number(flags.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port takes a port number, not "${flags.port}"`);
    if (!/^(?:127(?:\.\d{1,3}){3}|::1|localhost)$/u.test(flags.host)) throw new UsageError(`--host must be a loopback address (127.0.0.1, ::1 or localhost), not "${flags.host}"`);
    await withTandem(async (t, { signal }) => {
      const server = await startServer({ tandem: t, port, host: flags.host });
      if (!existsSync(join(DEFAULT_RENDERER_DIR, 'index.html'))) process.stderr.write('tandem: the review UI is not built; run `npm run build:renderer` (the api works without it)\n');
      print({ url: server.url, port: server.port, token: server.token }, () => `Tandem is serving on ${server.url}\nOpen that address (it carries this launch's token). Ctrl-C stops.`);
      if (flags.open) openInBrowser(server.url);
      await new Promise<void>((r) => (signal.aborted ? r() : signal.addEventListener('abort', () => r(), { once: true })));
      await server.close();
    });
  });

function openInBrowser(url: string): void {
  const [cmd, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true });
  child.on('error', () => process.stderr.write(`tandem: could not open a browser; open ${url} yourself\n`));
  child.unref();
}

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    process.exitCode = err.exitCode === 0 ? 0 : 2;
  } else if (err instanceof UsageError) {
    process.stderr.write(`tandem: ${err.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`tandem: ${(err as Error).message}\n`);
    process.exitCode = 1;
  }
}
