// A thin promise wrapper over one sqlite3 connection. Private to src/store: the rest of the
// engine talks to the Store in ./index.ts, never to SQL.
//
// One connection holds at most one transaction, and every statement sent to it while a
// transaction is open runs inside that transaction, whoever sent it. So the connection keeps one
// order for everything: a statement or transaction waits until the open transaction of another
// caller has finished (committed or rolled back), and a transaction waits for the statements sent
// before it. Statements that a transaction's own work sends (found through AsyncLocalStorage, so
// also after awaits and in helpers) run in it at once; a transaction begun there is a savepoint.
import { AsyncLocalStorage } from 'node:async_hooks';
import { pathToFileURL } from 'node:url';
import sqlite3 from 'sqlite3';

export type Params = Record<string, unknown> | unknown[];

/** Why a database file cannot be used as asked. The message names the file and what to do. */
export class DatabaseError extends Error {
  constructor(readonly code: 'read_only' | 'needs_upgrade' | 'newer_schema' | 'missing' | 'unreadable', message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseError';
  }
}

/**
 * How to open a file: 'read-write' (created when missing), 'read-only' (sqlite3.OPEN_READONLY),
 * or 'immutable': read-only without locks and without creating the -wal and -shm files, for a
 * WAL database that no connection has open (see Store.open).
 */
export type OpenMode = 'read-write' | 'read-only' | 'immutable';

/** sqlite3 result codes about the file rather than the statement: the message names the file. */
const FILE_ERRORS = new Set(['SQLITE_CANTOPEN', 'SQLITE_PERM', 'SQLITE_IOERR', 'SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_FULL', 'SQLITE_BUSY', 'SQLITE_LOCKED']);

/** A token for one open transaction; the async context of its work carries it. */
type Transaction = object;

const settle = (): undefined => undefined;

export class Connection {
  /** Settles when every transaction queued so far has finished. */
  private barrier: Promise<void> = Promise.resolve();
  /** Single statements sent since the last transaction was queued: it starts after them. */
  private readonly pending = new Set<Promise<void>>();
  /** The transaction open on the connection now. */
  private current: Transaction | null = null;
  private readonly context = new AsyncLocalStorage<Transaction>();
  private savepoints = 0;

  private constructor(private readonly raw: sqlite3.Database, readonly path: string, readonly mode: OpenMode) {}

  static open(path: string, mode: OpenMode = 'read-write'): Promise<Connection> {
    const flags = mode === 'read-write' ? sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE
      : mode === 'read-only' ? sqlite3.OPEN_READONLY : sqlite3.OPEN_READONLY | sqlite3.OPEN_URI;
    const name = mode === 'immutable' ? `${pathToFileURL(path).href}?immutable=1` : path;
    return new Promise((resolve, reject) => {
      const raw = new sqlite3.Database(name, flags, (err) => {
        if (err) reject(new Error(`Cannot open database ${path}: ${err.message}`, { cause: err }));
        else {
          // node-sqlite3 runs statements in parallel by default: two writes sent one after the
          // other could reach SQLite in either order (the later value of a row lost to the
          // earlier). Serialized, every statement runs in the order it was sent.
          raw.serialize();
          resolve(new Connection(raw, path, mode));
        }
      });
    });
  }

  run(sql: string, params: Params = []): Promise<{ lastID: number; changes: number }> {
    const explain = (err: Error) => this.explain(err);
    return this.schedule(() => new Promise((resolve, reject) => {
      this.raw.run(sql, params, function (this: sqlite3.RunResult, err: Error | null) {
        if (err) reject(explain(err));
        else resolve({ lastID: this.lastID, changes: this.changes });
      });
    }));
  }

  get<T>(sql: string, params: Params = []): Promise<T | undefined> {
    return this.schedule(() => new Promise((resolve, reject) => {
      this.raw.get(sql, params, (err: Error | null, row: T | undefined) => (err ? reject(this.explain(err)) : resolve(row)));
    }));
  }

  all<T>(sql: string, params: Params = []): Promise<T[]> {
    return this.schedule(() => new Promise((resolve, reject) => {
      this.raw.all(sql, params, (err: Error | null, rows: T[]) => (err ? reject(this.explain(err)) : resolve(rows)));
    }));
  }

  exec(sql: string): Promise<void> {
    return this.schedule(() => this.rawExec(sql));
  }

  /**
   * Runs `work` inside BEGIN IMMEDIATE ... COMMIT, after every statement and transaction sent
   * before it; nothing sent by other callers meanwhile runs until it has committed or rolled back.
   * Called from inside another transaction's work, it runs `work` in a savepoint of that one.
   */
  transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.inCurrent()) return this.savepoint(work);
    const tx: Transaction = {};
    const before = Promise.all([this.barrier, ...this.pending]);
    this.pending.clear();
    const result = before.then(() => this.context.run(tx, async () => {
      this.current = tx;
      try {
        await this.rawExec('BEGIN IMMEDIATE');
        try {
          const value = await work();
          await this.rawExec('COMMIT');
          return value;
        } catch (err) {
          await this.rawExec('ROLLBACK').catch(settle);
          throw err;
        }
      } finally {
        this.current = null;
      }
    }));
    this.barrier = result.then(settle, settle);
    return result;
  }

  /** Closes after everything sent before has finished. */
  async close(): Promise<void> {
    await Promise.all([this.barrier, ...this.pending]);
    await new Promise<void>((resolve, reject) => this.raw.close((err) => (err ? reject(this.explain(err)) : resolve())));
  }

  /** Whether the caller is the work of the transaction open now. */
  private inCurrent(): boolean {
    const tx = this.context.getStore();
    return tx !== undefined && tx === this.current;
  }

  private schedule<T>(statement: () => Promise<T>): Promise<T> {
    if (this.inCurrent()) return statement();
    const result = this.barrier.then(statement);
    const done = result.then(settle, settle);
    this.pending.add(done);
    void done.then(() => this.pending.delete(done));
    return result;
  }

  private async savepoint<T>(work: () => Promise<T>): Promise<T> {
    const name = `tandem_${++this.savepoints}`;
    await this.rawExec(`SAVEPOINT ${name}`);
    try {
      const value = await work();
      await this.rawExec(`RELEASE ${name}`);
      return value;
    } catch (err) {
      await this.rawExec(`ROLLBACK TO ${name}`).then(() => this.rawExec(`RELEASE ${name}`)).catch(settle);
      throw err;
    }
  }

  private rawExec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => this.raw.exec(sql, (err) => (err ? reject(this.explain(err)) : resolve())));
  }

  /** An error about the file says which file, and for a read-only one what to do. */
  private explain(err: Error): Error {
    const code = (err as { code?: string }).code ?? '';
    if (code === 'SQLITE_READONLY') {
      return this.mode === 'read-write'
        ? new DatabaseError('read_only', `${this.path} is read-only (permission denied): copy it somewhere writable or fix its permissions`, { cause: err })
        : new DatabaseError('read_only', `${this.path} is opened read-only: ${err.message}`, { cause: err });
    }
    if (FILE_ERRORS.has(code)) return Object.assign(new Error(`${this.path}: ${err.message}`, { cause: err }), { code });
    return err;
  }
}
