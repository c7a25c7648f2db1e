// Shared UI state: the client, the live job table, and a small query hook.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ConnectionProblem, JobSnapshot, QueryInput, QueryName, QueryResult, TandemClient } from './api/client.ts';

const ClientContext = createContext<TandemClient | null>(null);

export function useClient(): TandemClient {
  const c = useContext(ClientContext);
  if (!c) throw new Error('No TandemClient provided');
  return c;
}

interface JobsState {
  jobs: JobSnapshot[];
  connected: boolean;
  /** Why the engine cannot be reached, when the transport can tell. */
  problem: ConnectionProblem | null;
  /** Bumped whenever a job makes progress or ends: views that show engine data refetch on it. */
  revision: number;
}

const JobsContext = createContext<JobsState>({ jobs: [], connected: false, problem: null, revision: 0 });

export function useJobs(): JobsState {
  return useContext(JobsContext);
}

export function Providers({ client, children }: { client: TandemClient; children: ReactNode }) {
  const [jobs, setJobs] = useState<Map<string, JobSnapshot>>(new Map());
  const [connected, setConnected] = useState(false);
  const [problem, setProblem] = useState<ConnectionProblem | null>(null);
  const [revision, setRevision] = useState(0);
  const lastBump = useRef(0);

  useEffect(() => {
    let alive = true;
    const apply = (job: JobSnapshot) => {
      setJobs((prev) => {
        const old = prev.get(job.id);
        // Events may arrive out of order with the initial list: a finished job stays finished.
        if (old && old.state !== 'running' && job.state === 'running') return prev;
        const next = new Map(prev);
        next.set(job.id, job);
        return next;
      });
      const now = Date.now();
      if (job.state !== 'running' || now - lastBump.current > 700) {
        lastBump.current = now;
        setRevision((r) => r + 1);
      }
    };
    const offJobs = client.onJobEvent(apply);
    const offConn = client.onConnection((c, p) => {
      setConnected(c);
      setProblem(c ? null : (p ?? null));
    });
    client.listJobs().then((list) => alive && list.forEach(apply), () => undefined);
    return () => {
      alive = false;
      offJobs();
      offConn();
    };
  }, [client]);

  const value = useMemo(() => ({ jobs: [...jobs.values()], connected, problem, revision }), [jobs, connected, problem, revision]);
  return (
    <ClientContext.Provider value={client}>
      <JobsContext.Provider value={value}>{children}</JobsContext.Provider>
    </ClientContext.Provider>
  );
}

export interface QueryState<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

/** Runs a query, again whenever `key` changes; keeps showing the last data while reloading. */
export function useQuery<K extends QueryName>(method: K, input: QueryInput<K> | null, key: unknown = null): QueryState<QueryResult<K>> {
  const client = useClient();
  const [state, setState] = useState<{ data: QueryResult<K> | null; error: string | null; loading: boolean }>({ data: null, error: null, loading: input !== null });
  const [nonce, setNonce] = useState(0);
  const inputKey = JSON.stringify(input);
  useEffect(() => {
    if (input === null) return;
    let alive = true;
    setState((s) => ({ ...s, loading: true }));
    client.query(method, input).then(
      (data) => alive && setState({ data, error: null, loading: false }),
      (err: unknown) => alive && setState((s) => ({ data: s.data, error: err instanceof Error ? err.message : String(err), loading: false })),
    );
    return () => {
      alive = false;
    };
  }, [client, method, inputKey, key, nonce]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { ...state, reload };
}
