// Numbered migrations, applied in order, each once. Append only.
import { sql as m0001 } from './0001_initial.ts';
import { sql as m0002 } from './0002_matching.ts';

export const migrations: readonly { version: number; name: string; sql: string }[] = [
  { version: 1, name: 'initial', sql: m0001 },
  { version: 2, name: 'matching', sql: m0002 },
];
