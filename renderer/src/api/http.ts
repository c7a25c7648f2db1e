// TandemClient over the local HTTP bridge (`tandem serve`, src/server/). The per-launch token
// arrives in the page address (?token=) and goes with every request.
import { ClientError, type ConnectionProblem, type ImportFailure, type ImportStarted, type JobSnapshot, type MemoryImportStarted, type TandemClient } from './client.ts';

/** How long to wait before asking a silent server again (it may be restarting). */
const RETRY_MS = [500, 1000, 2000, 4000];

/** The server answers, but not to this page's token: it was restarted with a new one. */
export const TOKEN_CHANGED =
  'Tandem was restarted: this tab’s access token is no longer valid, so reloading will not help. Open the new address that `tandem serve` printed in its terminal (it carries the new token).';

function unreachable(host: string): string {
  return `Tandem is not answering at ${host} — retrying. If you stopped or restarted \`tandem serve\`, start it again and open the address it prints: a restarted server has a new token and may have a new port.`;
}

export class HttpClient implements TandemClient {
  private readonly jobListeners = new Set<(job: JobSnapshot) => void>();
  private readonly connectionListeners = new Set<(connected: boolean, problem?: ConnectionProblem) => void>();
  private events: EventSource | null = null;
  private connected = false;
  private problem: ConnectionProblem | undefined;
  private probing = false;
  private retries = 0;
  /** The server's exports folder, learned from the first chooseSavePath. */
  private exportsFolder: string | null = null;

  constructor(private readonly token: string, private readonly base = '') {}

  /** The client for the page the browser is showing, token taken from its address. */
  static fromLocation(loc: Location = window.location): HttpClient {
    const token = new URLSearchParams(loc.search).get('token');
    if (!token) throw new ClientError('unauthorized', 'This page needs the address `tandem serve` printed (it carries a token).');
    return new HttpClient(token);
  }

  query: TandemClient['query'] = (method, input) => this.post(`/api/query/${encodeURIComponent(method)}`, input) as never;

  startJob: TandemClient['startJob'] = (method, input) => this.post(`/api/jobs/${encodeURIComponent(method)}`, input) as Promise<JobSnapshot>;

  async cancelJob(id: string): Promise<boolean> {
    const r = (await this.post(`/api/jobs/${encodeURIComponent(id)}/cancel`, {})) as { cancelled: boolean };
    return r.cancelled;
  }

  async listJobs(): Promise<JobSnapshot[]> {
    return (await this.request('GET', '/api/jobs')) as JobSnapshot[];
  }

  onJobEvent(cb: (job: JobSnapshot) => void): () => void {
    this.jobListeners.add(cb);
    this.ensureEvents();
    return () => this.jobListeners.delete(cb);
  }

  onConnection(cb: (connected: boolean, problem?: ConnectionProblem) => void): () => void {
    this.connectionListeners.add(cb);
    this.ensureEvents();
    cb(this.connected, this.problem);
    return () => this.connectionListeners.delete(cb);
  }

  async importFiles(files: File[]): Promise<ImportStarted> {
    const failures: ImportFailure[] = [];
    const names: Record<string, string> = {};
    const paths: string[] = [];
    for (const file of files) {
      try {
        const saved = (await this.request('POST', `/api/upload?name=${encodeURIComponent(file.name)}`, file, 'application/octet-stream')) as { path: string };
        paths.push(saved.path);
        names[saved.path] = file.name;
      } catch (err) {
        failures.push({ name: file.name, message: err instanceof Error ? err.message : String(err) });
      }
    }
    const job = paths.length ? await this.startJob('ingest', { paths }) : null;
    return { job, failures, names };
  }

  async importMemory(file: File, options: { lang?: 'de' | 'is' | 'nl' }): Promise<MemoryImportStarted> {
    let path: string;
    try {
      path = ((await this.request('POST', `/api/upload?name=${encodeURIComponent(file.name)}`, file, 'application/octet-stream')) as { path: string }).path;
    } catch (err) {
      return { job: null, failure: { name: file.name, message: err instanceof Error ? err.message : String(err) } };
    }
    return { job: await this.startJob('importMemory', { file: path, ...(options.lang ? { lang: options.lang } : {}) }), failure: null };
  }

  async chooseSavePath(defaultName: string): Promise<string | null> {
    const r = (await this.request('GET', `/api/export-path?name=${encodeURIComponent(defaultName)}`)) as { path: string; folder: string; name: string };
    this.exportsFolder = r.folder;
    return r.path;
  }

  downloadUrl(file: string): string | null {
    const folder = this.exportsFolder;
    if (!folder || file.length <= folder.length + 1 || !file.startsWith(folder) || !'/\\'.includes(file[folder.length]!)) return null;
    const name = file.slice(folder.length + 1);
    if (/[/\\]/u.test(name)) return null;
    return `${this.base}/api/download?name=${encodeURIComponent(name)}&token=${encodeURIComponent(this.token)}`;
  }

  private post(path: string, input: unknown): Promise<unknown> {
    return this.request('POST', path, JSON.stringify(input ?? {}), 'application/json');
  }

  private async request(method: string, path: string, body?: BodyInit, type?: string): Promise<unknown> {
    const headers: Record<string, string> = { 'X-Tandem-Token': this.token };
    if (type) headers['Content-Type'] = type;
    let res: Response;
    try {
      res = await fetch(this.base + path, { method, headers, body, cache: 'no-store', credentials: 'same-origin' });
    } catch {
      throw new ClientError('unreachable', 'Tandem is not answering: is `tandem serve` still running?');
    }
    const text = await res.text();
    let data: unknown = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: handled below */
    }
    if (res.status === 401) this.setConnection(false, { kind: 'token', message: TOKEN_CHANGED });
    if (!res.ok) {
      const error = (data as { error?: { code?: string; message?: string } } | null)?.error;
      throw new ClientError(error?.code ?? 'failed', error?.message ?? `HTTP ${res.status}`, res.status);
    }
    return data;
  }

  private setConnection(connected: boolean, problem?: ConnectionProblem): void {
    if (connected === this.connected && problem?.kind === this.problem?.kind) return;
    this.connected = connected;
    this.problem = connected ? undefined : problem;
    for (const l of this.connectionListeners) l(connected, this.problem);
  }

  /**
   * The event stream broke: ask the server why. No answer means it is down (or elsewhere): retry,
   * reopening the stream once it answers; a 401 means it restarted with a new token: no retry
   * can help, the user must open the new address.
   */
  private async probe(): Promise<void> {
    if (this.probing || this.problem?.kind === 'token') return;
    this.probing = true;
    try {
      let status = 0;
      try {
        status = (await fetch(`${this.base}/api/jobs`, { headers: { 'X-Tandem-Token': this.token }, cache: 'no-store', credentials: 'same-origin' })).status;
      } catch {
        status = 0;
      }
      if (status === 401 || status === 403) {
        this.events?.close();
        this.events = null;
        this.setConnection(false, { kind: 'token', message: TOKEN_CHANGED });
        return;
      }
      if (status === 0 || status >= 500) this.setConnection(false, { kind: 'unreachable', message: unreachable(window.location.host) });
      // it answers and the browser is reconnecting the stream itself: nothing to do
      if (status !== 0 && this.events && this.events.readyState !== EventSource.CLOSED) return;
      // the browser gave up on the stream (or nothing answers): open it again after a pause
      const wait = RETRY_MS[Math.min(this.retries++, RETRY_MS.length - 1)]!;
      window.setTimeout(() => {
        if (this.events?.readyState === EventSource.OPEN) return;
        this.events?.close();
        this.events = null;
        this.ensureEvents();
      }, wait);
    } finally {
      this.probing = false;
    }
  }

  private ensureEvents(): void {
    if (this.events) return;
    const es = new EventSource(`${this.base}/api/events?token=${encodeURIComponent(this.token)}`);
    this.events = es;
    es.addEventListener('open', () => {
      this.retries = 0;
      this.setConnection(true);
    });
    es.addEventListener('error', () => void this.probe());
    es.addEventListener('job', (e) => {
      this.setConnection(true);
      const job = JSON.parse((e as MessageEvent<string>).data) as JobSnapshot;
      for (const l of this.jobListeners) l(job);
    });
  }
}
