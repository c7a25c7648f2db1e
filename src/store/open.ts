// Opening a database file: access checks, the connection, the schema version, migrations.
// Private to src/store: the Store in ./index.ts is what the engine opens.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { checkAccess, readOnlyMode } from './access.ts';
import { Connection, DatabaseError } from './db.ts';
import { migrations } from './migrations/index.ts';

export interface StoreOptions {
  /**
   * Open for reading only (sqlite3.OPEN_READONLY): nothing is written, not even a migration, so
   * a database that needs one is refused (DatabaseError 'needs_upgrade'), and so is a missing file.
   */
  readOnly?: boolean;
}

export async function schemaVersion(db: Connection): Promise<number> {
  return (await db.get<{ user_version: number }>('PRAGMA user_version'))?.user_version ?? 0;
}

/** The one connection of a Store, at the latest schema (or refused, see StoreOptions). */
export async function openDatabase(path: string, options: StoreOptions = {}): Promise<Connection> {
  const readOnly = options.readOnly ?? false;
  const memory = path === ':memory:';
  if (!memory) {
    if (!readOnly) mkdirSync(dirname(path), { recursive: true });
    checkAccess(path, readOnly);
  }
  const db = await Connection.open(path, memory || !readOnly ? 'read-write' : readOnlyMode(path));
  try {
    // Nothing is written before the version is known: a newer database is left untouched.
    await db.exec('PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;');
    const version = await schemaVersion(db);
    const latest = migrations[migrations.length - 1]?.version ?? 0;
    if (version > latest) {
      throw new DatabaseError('newer_schema', `${path} was written by a newer Tandem (schema ${version}, this build knows ${latest}); it is left as it is: open it with that Tandem or a newer one.`);
    }
    if (readOnly) {
      if (version < latest) {
        throw new DatabaseError('needs_upgrade', `${path} was written by an older Tandem (schema ${version}; this one uses ${latest}) and must be upgraded before it can be read, which writes to it`);
      }
    } else {
      await db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
      await migrate(db, version);
    }
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
  return db;
}

async function migrate(db: Connection, from: number): Promise<void> {
  for (const m of migrations) {
    if (m.version <= from) continue;
    await db.transaction(async () => {
      // Another process may have applied it since the version was read: the write lock is held now.
      if ((await schemaVersion(db)) >= m.version) return;
      await db.exec(m.sql);
      await db.exec(`PRAGMA user_version = ${m.version}`);
    });
  }
}
