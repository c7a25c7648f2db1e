// The folders the bridge works in, and how messages for the page name them: no error message
// shows an absolute path.
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { JobSnapshot } from '../api/jobs.ts';

export interface Folders {
  /** Where uploads land; the only folder jobs may read from. */
  inbox: string;
  /**
   * Browser-mode exports land here (the page cannot show a native save dialog); only files in
   * this folder can be downloaded again through /api/download.
   */
  exports: string;
  /** The database's folder (none for an in-memory store). */
  data: string | null;
  renderer: string;
}

/** The folders next to the database (in the temporary folder for an in-memory store). */
export function serverFolders(storePath: string, rendererDir: string): Folders {
  const data = storePath === ':memory:' ? null : dirname(resolve(storePath));
  return {
    inbox: data === null ? join(tmpdir(), `tandem-inbox-${process.pid}`) : join(data, 'inbox'),
    exports: data === null ? join(tmpdir(), `tandem-exports-${process.pid}`) : join(data, 'exports'),
    data,
    renderer: rendererDir,
  };
}

/** What the page is shown of a message or a job. */
export interface Redact {
  text(message: string): string;
  job(job: JobSnapshot): JobSnapshot;
}

/** Error messages for the page: the server's folders by name, any other absolute path by its file name. */
export function redactor(folders: Folders): Redact {
  const roots: [string, string][] = [[folders.inbox, 'inbox'], [folders.exports, 'exports'], [folders.renderer, 'renderer']];
  if (folders.data) roots.push([folders.data, 'data folder']);
  roots.sort((a, b) => b[0].length - a[0].length);
  const text = (message: string): string => {
    let out = message;
    for (const [root, label] of roots) out = out.split(root + sep).join(`${label}/`).split(root).join(label);
    return redactPaths(out);
  };
  return { text, job: (job) => (job.error === undefined ? job : { ...job, error: text(job.error) }) };
}

/** A path in a message: its file name only, quoted and kept short. */
export function shown(path: string): string {
  const name = basename(path);
  return JSON.stringify(name.length > 80 ? `${name.slice(0, 77)}...` : name);
}

/** Any absolute path left in a message (POSIX or Windows) becomes its file name. */
function redactPaths(message: string): string {
  return message.replace(/(^|[\s'"`(=:,])((?:[A-Za-z]:)?[/\\](?:[^\s'"`/\\,;)]+[/\\])+)([^\s'"`/\\,;)]*)/gu, (_m, before: string, _dirs: string, file: string) => `${before}${file || '.'}`);
}
