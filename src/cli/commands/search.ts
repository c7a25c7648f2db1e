// `tandem search QUERY`: full-text search over the sentences and their English, best hits first.
// Like grep, it exits 1 when nothing is found (and 2 for a query with nothing to search for).
import { ApiError } from '../../api/contract.ts';
import type { SearchHit } from '../../api/types.ts';
import { query, withTandem } from '../engine.ts';
import { globals, UsageError } from '../shared.ts';

export interface SearchFlags {
  lang?: 'de' | 'is' | 'nl' | 'en';
  side: 'original' | 'english' | 'both';
  limit: string;
}

/** The hit's text with the matched words in bold on a terminal, in [brackets] otherwise. */
function marked(hit: SearchHit, tty: boolean): string {
  return hit.segments.map((s) => (!s.hit ? s.text : tty ? `\u001b[1m${s.text}\u001b[22m` : `[${s.text}]`)).join('');
}

function human(hit: SearchHit, tty: boolean): string {
  const where = `#${hit.documentId} ${hit.lang ?? '??'} sentence ${hit.sentence}${hit.side === 'english' ? ' (English)' : ''}`;
  return `${where}  ${hit.title ?? hit.fileName}\n    ${marked(hit, tty)}`;
}

export async function search(text: string, flags: SearchFlags): Promise<void> {
  const limit = Number(flags.limit);
  if (!Number.isInteger(limit) || limit <= 0) throw new UsageError(`--limit takes a positive whole number, not "${flags.limit}"`);
  const result = await withTandem(async (t) => {
    try {
      return await query(t, 'search', { query: text, lang: flags.lang, side: flags.side, limit });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'bad_request') throw new UsageError(err.message);
      throw err;
    }
  }, 'read');
  if (globals().json) {
    for (const hit of result.hits) process.stdout.write(`${JSON.stringify(hit)}\n`);
  } else if (result.hits.length) {
    const tty = process.stdout.isTTY === true;
    process.stdout.write(`${result.hits.map((h) => human(h, tty)).join('\n')}\n`);
    if (result.more) process.stderr.write(`(more hits than ${limit}: raise --limit to see them)\n`);
  }
  if (!result.hits.length) {
    process.stderr.write(`no hits for ${result.terms.join(' ')}${flags.lang ? ` in ${flags.lang} documents` : ''}\n`);
    process.exitCode = 1;
  }
}
