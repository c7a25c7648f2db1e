// Whether a database file can be used as asked, said before SQLite would (and naming the file),
// and how to open one for reading without leaving files behind. Private to src/store.
import { accessSync, closeSync, constants, existsSync, openSync, readSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseError, type OpenMode } from './db.ts';

const DENIED: Record<string, string> = { EACCES: 'permission denied', EPERM: 'permission denied', EROFS: 'read-only file system' };

/** The errno code when `path` cannot be accessed in `mode`, or null ('ENOENT' when it is missing). */
function denied(path: string, mode: number): string | null {
  try {
    accessSync(path, mode);
    return null;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? 'EACCES';
  }
}

/**
 * Says before SQLite does, and naming the file, when a database cannot be used as asked: SQLite
 * opens a write-protected file read-only without a word and fails at the first write
 * (SQLITE_READONLY), possibly half-way through a command.
 */
export function checkAccess(path: string, readOnly: boolean): void {
  const read = denied(path, constants.R_OK);
  if (read === 'ENOENT') {
    if (readOnly) throw new DatabaseError('missing', `There is no database at ${path}`);
  } else if (read) {
    throw new DatabaseError('unreadable', `${path} cannot be read (${DENIED[read] ?? read}): fix its permissions`);
  } else if (!readOnly) {
    const write = denied(path, constants.W_OK);
    if (write) throw new DatabaseError('read_only', `${path} is read-only (${DENIED[write] ?? write}): copy it somewhere writable or fix its permissions`);
  }
  if (!readOnly) {
    const folder = denied(dirname(path), constants.W_OK);
    if (folder && folder !== 'ENOENT') {
      throw new DatabaseError('read_only', `${path} is in a read-only folder (${DENIED[folder] ?? folder}), where SQLite cannot keep its journal: move it somewhere writable or fix the folder's permissions`);
    }
  }
}

/**
 * How to open a database for reading. A WAL database is read through its -shm file, which a
 * reader creates when it is missing, as its own user and mode: left behind, that file stops the
 * owner from writing, and in a folder the reader cannot write it cannot be created at all (then
 * even a SELECT fails with SQLITE_READONLY). When neither -wal nor -shm exists no connection has
 * the database open (a WAL connection keeps both while open), so it is read as immutable: no
 * locks, no files created. (A writer that opens it during that read is the remaining risk; the
 * read-only commands are short.) Otherwise the existing files are used, read-only.
 */
export function readOnlyMode(path: string): OpenMode {
  if (existsSync(`${path}-wal`) || existsSync(`${path}-shm`)) return 'read-only';
  const header = Buffer.alloc(20);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  const wal = header.subarray(0, 16).toString('latin1') === 'SQLite format 3\u0000' && header[18] === 2;
  return wal ? 'immutable' : 'read-only';
}
