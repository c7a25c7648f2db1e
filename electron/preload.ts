// The preload bridge (sandboxed, context-isolated): exposes exactly the renderer's TandemClient as
// `window.tandem`, over IPC to the main process, and nothing else. No Node, no ipcRenderer, no
// generic send: each method maps to one channel whose input main validates.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { BridgeKey, ImportFailure, ImportStarted, MemoryImportStarted, TandemClient } from '../src/api/client.ts';
import type { JobSnapshot } from '../src/api/contract.ts';
import { CHANNELS, type Envelope } from './protocol.ts';

/** Errors lose their class and fields crossing the bridge: the api code travels in the message. */
async function call<T>(channel: string, ...args: unknown[]): Promise<T> {
  const r = (await ipcRenderer.invoke(channel, ...args)) as Envelope<T>;
  if (r.ok) return r.value;
  throw new Error(`[${r.error.code}] ${r.error.message}`);
}

function listen<T>(channel: string, cb: (payload: T) => void): () => void {
  const handler = (_e: unknown, payload: T) => cb(payload);
  ipcRenderer.on(channel, handler);
  return () => {
    ipcRenderer.removeListener(channel, handler);
  };
}

/** Exactly the bridge's methods (BRIDGE_KEYS): nothing browser-only, nothing extra. */
const api: Pick<TandemClient, BridgeKey> = {
  query: (method, input) => call(CHANNELS.query, method, input),
  startJob: (method, input) => call<JobSnapshot>(CHANNELS.startJob, method, input),
  cancelJob: (id) => call<boolean>(CHANNELS.cancelJob, id),
  listJobs: () => call<JobSnapshot[]>(CHANNELS.listJobs),
  onJobEvent: (cb) => listen<JobSnapshot>(CHANNELS.job, cb),
  onConnection: (cb) => {
    const off = listen<boolean>(CHANNELS.connection, cb);
    call<boolean>(CHANNELS.connected).then(cb, () => cb(false));
    return off;
  },
  chooseSavePath: (defaultName) => call<string | null>(CHANNELS.chooseSavePath, defaultName),
  chooseModelFolder: () => call<string | null>(CHANNELS.chooseModelFolder),
  async importMemory(file: File, options): Promise<MemoryImportStarted> {
    const path = webUtils.getPathForFile(file);
    if (!path) return { job: null, failure: { name: file.name, message: 'This file has no path on disk (it was not picked or dropped from the file system).' } };
    return { job: await call<JobSnapshot>(CHANNELS.importMemoryPath, path, options.lang ?? null), failure: null };
  },
  // The engine reads picked and dropped files where they are: no upload, real paths. Only this
  // channel hands paths over (main grants them to ingest); the page cannot name paths itself.
  async importFiles(files: File[]): Promise<ImportStarted> {
    const failures: ImportFailure[] = [];
    const names: Record<string, string> = {};
    const paths: string[] = [];
    for (const file of files) {
      const path = webUtils.getPathForFile(file);
      if (!path) {
        failures.push({ name: file.name, message: 'This file has no path on disk (it was not picked or dropped from the file system).' });
        continue;
      }
      paths.push(path);
      names[path] = file.name;
    }
    const job = paths.length ? await call<JobSnapshot>(CHANNELS.importPaths, paths) : null;
    return { job, failures, names };
  },
};

contextBridge.exposeInMainWorld('tandem', api);
