// The api's full-text search: validated options in (src/common/search-options.ts), hits best first out.
import type { z } from 'zod';
import type { SearchOptions, SearchResult } from '../common/index.ts';
import type { Store } from '../store/index.ts';

export function search(store: Store, options: z.output<typeof SearchOptions>): Promise<SearchResult> {
  return store.search({ query: options.query, lang: options.lang, side: options.side, limit: options.limit });
}
