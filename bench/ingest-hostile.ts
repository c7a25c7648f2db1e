// Ingest of hostile input: time and memory of parseArticle (decode, HTML extraction, cleaning,
// language id, segmentation) on generated files of about 6.8 MB each (or --mb N), each case in
// a child process of its own so that its peak RSS is its own. Prints one JSON object.
//   npx tsx bench/ingest-hostile.ts [--mb 6.8] [--case NAME]
// peakMB is the rise of the child's peak resident set over its size just before the call (Linux:
// /proc/self/clear_refs resets the peak); the language detector is loaded and warm before that.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { initLanguageDetector, parseArticle } from '../src/ingest/index.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const targetBytes = Math.round(Number(arg('--mb') ?? 6.8) * 1e6);

const fill = (unit: string, head = '', tail = ''): string => head + unit.repeat(Math.max(1, Math.ceil((targetBytes - head.length - tail.length) / unit.length))) + tail;
const PAGE_HEAD = '<!doctype html><html><head><title>Test</title></head><body>';
const PAGE_TAIL = '</body></html>';
const SENTENCE = 'Der Minister sagte am Montag in Berlin, die Gespräche über die Zukunft seien gut verlaufen. ';

const CASES: Record<string, () => { name: string; text: string }> = {
  /** The reported case: nothing but numeric references. */
  'numeric-entities': () => ({ name: 'entities.html', text: fill('&#228;') }),
  'numeric-entities-spaced': () => ({ name: 'entities.html', text: fill('&#228; ') }),
  'numeric-entities-no-semicolon': () => ({ name: 'entities.html', text: fill('&#228 ') }),
  'named-entities': () => ({ name: 'entities.html', text: fill('&auml;&ouml; ') }),
  'markup-entities': () => ({ name: 'entities.html', text: fill('&lt;&amp;&gt; ') }),
  'german-words-entities': () => ({ name: 'words.html', text: fill('K&#228;se und Br&#246;tchen f&#252;r alle. ', PAGE_HEAD + '<p>', '</p>' + PAGE_TAIL) }),
  'paragraphs-of-entities': () => ({ name: 'paras.html', text: fill(`<p>${'&#228;'.repeat(50)}</p>\n`, PAGE_HEAD, PAGE_TAIL) }),
  'many-divs': () => ({ name: 'divs.html', text: fill('<div>&#228;</div>', PAGE_HEAD, PAGE_TAIL) }),
  'many-paragraphs': () => ({ name: 'paras.html', text: fill(`<p>${SENTENCE}</p>\n`, PAGE_HEAD, PAGE_TAIL) }),
  'br-runs': () => ({ name: 'br.html', text: fill('&#228;<br>') }),
  'deep-nesting': () => ({ name: 'deep.html', text: fill('<div><span>', PAGE_HEAD, `${SENTENCE}${PAGE_TAIL}`) }),
  'unclosed-tags': () => ({ name: 'open.html', text: fill('<a', PAGE_HEAD) }),
  'stray-end-tags': () => ({ name: 'stray.html', text: fill('</i>', `${PAGE_HEAD}${'<b>'.repeat(19_000)}${SENTENCE}`, PAGE_TAIL) }),
  'nested-list-items': () => ({ name: 'list.html', text: fill(`<li>${SENTENCE}<p>${SENTENCE}`, `${PAGE_HEAD}<ul>`) }),
  'unclosed-buttons': () => ({ name: 'buttons.html', text: fill(`<button>${SENTENCE}`, PAGE_HEAD, PAGE_TAIL) }),
  'one-long-text': () => ({ name: 'long.html', text: fill(SENTENCE, PAGE_HEAD + '<p>', '</p>' + PAGE_TAIL) }),
  'plain-text-one-line': () => ({ name: 'long.txt', text: fill(SENTENCE) }),
};

function hwmBytes(): number {
  return Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024;
}

async function runCase(key: string): Promise<void> {
  const { name, text } = CASES[key]!();
  const bytes = Buffer.from(text, 'utf8');
  await initLanguageDetector();
  parseArticle(Buffer.from(`<p>${SENTENCE.repeat(5)}</p>`), '/bench/warm.html'); // warm up
  let reset = true;
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    reset = false;
  }
  const base = process.memoryUsage().rss;
  const t = performance.now();
  let outcome: Record<string, unknown>;
  try {
    const doc = parseArticle(bytes, `/bench/${name}`);
    outcome = { status: doc.status, lang: doc.lang, paragraphs: doc.paragraphs.length, sentences: doc.sentences.length, textChars: doc.text.length, warnings: doc.warnings };
  } catch (err) {
    outcome = { status: 'rejected', error: (err as Error).message };
  }
  const seconds = (performance.now() - t) / 1000;
  const peak = reset ? hwmBytes() : process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ bytes: bytes.length, seconds: +seconds.toFixed(2), peakMB: Math.round((peak - base) / 1048576), peakIsOwn: reset, ...outcome }));
}

const only = arg('--case');
if (only) {
  await runCase(only);
} else {
  const self = fileURLToPath(import.meta.url);
  const results: Record<string, unknown> = {};
  for (const key of Object.keys(CASES)) {
    const child = spawnSync(process.execPath, [...process.execArgv, self, '--case', key, '--mb', String(targetBytes / 1e6)], { encoding: 'utf8', timeout: 600_000 });
    const line = child.stdout.trim().split('\n').pop() ?? '';
    try {
      const r = JSON.parse(line) as Record<string, unknown>;
      if (Array.isArray(r['warnings'])) r['warnings'] = (r['warnings'] as string[]).map((w) => (w.length > 160 ? `${w.slice(0, 157)}...` : w));
      results[key] = r;
    } catch {
      results[key] = { failed: child.signal ?? child.status, stderr: child.stderr.slice(-400) };
    }
  }
  console.log(JSON.stringify({ mb: targetBytes / 1e6, node: process.version, cases: results }, null, 2));
}
