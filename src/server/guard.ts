// Who may talk to the bridge. Other pages in the same browser must not be able to drive it, so
// every request needs the per-launch token, the Host header must name this server (no DNS
// rebinding), and a request that says where it comes from (Origin) must come from here.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { countHeader, HttpError } from './http.ts';

const TOKEN_HEADER = 'x-tandem-token';
const LOOPBACK = /^(?:127(?:\.\d{1,3}){3}|::1|localhost)$/u;

/** Where `?token=` is taken (GET and HEAD only): the page, the event stream and a download link. */
const QUERY_TOKEN_PATHS = new Set(['/', '/index.html', '/api/events', '/api/download']);

/** What an admitted request asks for. */
interface Admitted {
  url: URL;
  method: string;
  isApi: boolean;
}

export function assertLoopback(host: string): void {
  if (!LOOPBACK.test(host)) throw new Error(`tandem serve listens on a loopback address only (127.0.0.1, ::1 or localhost), not "${host}"`);
}

export class Guard {
  readonly token = randomBytes(24).toString('base64url');
  private readonly tokenBytes = Buffer.from(this.token);
  // Empty until bind(): nothing is admitted before the port is known.
  private allowedHosts = new Set<string>();
  private allowedOrigins = new Set<string>();
  private cookieName = 'tandem_token';

  /** Names this server once it listens; the cookie name carries the port so two servers never share it. */
  bind(host: string, port: number): void {
    this.allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `${host.includes(':') ? `[${host}]` : host}:${port}`]);
    this.allowedOrigins = new Set([...this.allowedHosts].map((h) => `http://${h}`));
    this.cookieName = `tandem_token_${port}`;
  }

  /** The cookie the page response sets, so the page's own scripts and styles load without the token in their URLs. */
  sessionCookie(): string {
    return `${this.cookieName}=${this.token}; Path=/; HttpOnly; SameSite=Strict`;
  }

  /** Sets the protective headers and lets the request through, or throws the HttpError that refuses it. */
  admit(req: IncomingMessage, res: ServerResponse): Admitted {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');

    // Host first: a rebound DNS name reaches this socket with a foreign Host header. Node keeps
    // only the first of several Host lines; RFC 9112 (3.2) says such a request gets a 400.
    if (countHeader(req, 'host') !== 1) throw new HttpError('bad_request', 'A request needs exactly one Host header');
    if (!this.allowedHosts.has((req.headers.host ?? '').toLowerCase())) throw new HttpError('forbidden', 'Host header does not name this server');
    const origin = req.headers.origin;
    if (origin !== undefined && !this.allowedOrigins.has(origin.toLowerCase())) throw new HttpError('forbidden', 'Requests from other origins are refused');
    if (req.headers['sec-fetch-site'] === 'cross-site') throw new HttpError('forbidden', 'Cross-site requests are refused');

    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://${this.allowedHosts.values().next().value}`);
    } catch {
      throw new HttpError('bad_request', 'Malformed request target');
    }
    const method = req.method ?? 'GET';
    const isApi = url.pathname === '/api' || url.pathname.startsWith('/api/');
    this.checkToken(req, url, method, isApi);
    return { url, method, isApi };
  }

  /**
   * The token: a header from the client; the query string only where no header can be set (opening
   * the page, the EventSource, a download link: GET and HEAD, nothing that changes anything); and
   * (for the page's own scripts and styles only) the cookie the page response set.
   */
  private checkToken(req: IncomingMessage, url: URL, method: string, isApi: boolean): void {
    const headerToken = req.headers[TOKEN_HEADER];
    const queryTokenAllowed = (method === 'GET' || method === 'HEAD') && QUERY_TOKEN_PATHS.has(url.pathname);
    const queryToken = url.searchParams.get('token');
    const given = typeof headerToken === 'string' ? headerToken : queryTokenAllowed ? queryToken : null;
    const viaCookie = !isApi && method === 'GET' && this.tokenMatches(readCookie(req, this.cookieName));
    if (this.tokenMatches(given) || viaCookie) return;
    if (queryToken !== null && !queryTokenAllowed && typeof headerToken !== 'string') {
      throw new HttpError('unauthorized', `?token= opens the page and the event stream only: send the token in the X-Tandem-Token header for ${method} ${url.pathname}`);
    }
    throw new HttpError('unauthorized', 'Missing or wrong token: open the address `tandem serve` printed');
  }

  private tokenMatches(given: string | undefined | null): boolean {
    if (!given) return false;
    const b = Buffer.from(given);
    return b.length === this.tokenBytes.length && timingSafeEqual(b, this.tokenBytes);
  }
}

function readCookie(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
