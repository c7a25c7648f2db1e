// Numbered migrations, applied in order, each once. Append only.
import { sql as m0001 } from './0001_initial.ts';

export const migrations: readonly { version: number; name: string; sql: string }[] = [
  { version: 1, name: 'initial', sql: m0001 },
];
