// TandemClient over Electron IPC: `window.tandem`, exposed by electron/preload.ts. The bridge
// carries an api error's code in its message ("[not_found] No document 9"); this wrapper turns it
// back into a ClientError so views see the same errors as over HTTP.
import { ClientError, type TandemClient } from './client.ts';

function toClientError(err: unknown): ClientError {
  const message = err instanceof Error ? err.message : String(err);
  // Electron prefixes errors from invoke: "Error invoking remote method '…': Error: [code] message".
  const m = /\[([a-z_]+)\] ([\s\S]*)$/u.exec(message);
  return m ? new ClientError(m[1]!, m[2]!) : new ClientError('failed', message);
}

export class IpcClient implements TandemClient {
  constructor(private readonly bridge: TandemClient) {}

  /** The bridge the preload exposed, if this page runs in the Tandem app. */
  static fromWindow(): IpcClient | null {
    const bridge = (window as { tandem?: TandemClient }).tandem;
    return bridge ? new IpcClient(bridge) : null;
  }

  query: TandemClient['query'] = (method, input) => this.bridge.query(method, input).catch((e: unknown) => Promise.reject(toClientError(e)));
  startJob: TandemClient['startJob'] = (method, input) => this.bridge.startJob(method, input).catch((e: unknown) => Promise.reject(toClientError(e)));
  cancelJob: TandemClient['cancelJob'] = (id) => this.bridge.cancelJob(id).catch((e: unknown) => Promise.reject(toClientError(e)));
  listJobs: TandemClient['listJobs'] = () => this.bridge.listJobs().catch((e: unknown) => Promise.reject(toClientError(e)));
  onJobEvent: TandemClient['onJobEvent'] = (cb) => this.bridge.onJobEvent(cb);
  onConnection: TandemClient['onConnection'] = (cb) => this.bridge.onConnection(cb);
  chooseSavePath: TandemClient['chooseSavePath'] = (name) => this.bridge.chooseSavePath(name).catch((e: unknown) => Promise.reject(toClientError(e)));
  importFiles: TandemClient['importFiles'] = (files) => this.bridge.importFiles(files).catch((e: unknown) => Promise.reject(toClientError(e)));
  importMemory: TandemClient['importMemory'] = (file, options) => this.bridge.importMemory(file, options).catch((e: unknown) => Promise.reject(toClientError(e)));
  chooseModelFolder = (): Promise<string | null> => this.bridge.chooseModelFolder!().catch((e: unknown) => Promise.reject(toClientError(e)));
}
