// Numbered migrations, applied in order, each once. Append only.
import { sql as m0001 } from './0001_initial.ts';
import { sql as m0002 } from './0002_matching.ts';
import { sql as m0003 } from './0003_match_summary.ts';
import { sql as m0004 } from './0004_translation_runs.ts';
import { sql as m0005 } from './0005_review_operations.ts';
import { sql as m0006 } from './0006_search.ts';

export const migrations: readonly { version: number; name: string; sql: string }[] = [
  { version: 1, name: 'initial', sql: m0001 },
  { version: 2, name: 'matching', sql: m0002 },
  { version: 3, name: 'match_summary', sql: m0003 },
  { version: 4, name: 'translation_runs', sql: m0004 },
  { version: 5, name: 'review_operations', sql: m0005 },
  { version: 6, name: 'search', sql: m0006 },
];
