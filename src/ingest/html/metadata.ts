// The page's title and publication date, from its metadata and headline.
import type { DomDocument } from './dom.ts';

export function findTitle(doc: DomDocument): string | null {
  return (
    clean(metaContent(doc, ['meta[property="og:title"]', 'meta[name="twitter:title"]'])) ??
    clean(doc.querySelector('title')?.textContent ?? null) ??
    clean(doc.querySelector('h1')?.textContent ?? null)
  );
}

const DATE_SELECTORS = [
  'meta[property="article:published_time"]',
  'meta[property="og:article:published_time"]',
  'meta[name="article:published_time"]',
  'meta[itemprop="datePublished"]',
  'meta[name="pubdate"]',
  'meta[name="publishdate"]',
  'meta[name="publish-date"]',
  'meta[name="date"]',
  'meta[name="DC.date.issued"]',
  'meta[name="dc.date.issued"]',
  'meta[name="DC.date"]',
  'meta[name="dcterms.date"]',
  'meta[name="dcterms.created"]',
  'meta[name="parsely-pub-date"]',
  'meta[name="sailthru.date"]',
];

export function findDate(doc: DomDocument): string | null {
  for (const selector of DATE_SELECTORS) {
    const iso = toIso(metaContent(doc, [selector]));
    if (iso) return iso;
  }
  const time = doc.querySelector('time[itemprop="datePublished"], time[pubdate]');
  const fromTime = toIso(time?.getAttribute('datetime') ?? null);
  if (fromTime) return fromTime;
  // JSON-LD is data, not code: it is read with JSON.parse and never executed.
  const scripts = doc.querySelectorAll('script[type="application/ld+json"]');
  for (let i = 0; i < scripts.length; i++) {
    const found = toIso(findJsonLdDate(scripts[i]?.textContent ?? ''));
    if (found) return found;
  }
  return null;
}

function findJsonLdDate(json: string): string | null {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return null;
  }
  const queue: unknown[] = [data];
  for (let seen = 0; queue.length > 0 && seen < 1000; seen++) {
    const item = queue.shift();
    if (Array.isArray(item)) queue.push(...item);
    else if (item && typeof item === 'object') {
      const rec = item as Record<string, unknown>;
      if (typeof rec['datePublished'] === 'string') return rec['datePublished'];
      if (rec['@graph']) queue.push(rec['@graph']);
    }
  }
  return null;
}

function metaContent(doc: DomDocument, selectors: string[]): string | null {
  for (const selector of selectors) {
    const value = doc.querySelector(selector)?.getAttribute('content');
    if (value && value.trim()) return value.trim();
  }
  return null;
}

const ISO_RE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** Keeps a valid ISO 8601 value as written (its local offset matters for the event date);
 *  other parseable dates are converted to UTC ISO. */
export function toIso(value: string | null): string | null {
  if (!value) return null;
  const v = value.trim();
  if (ISO_RE.test(v)) {
    const normalized = v.replace(' ', 'T');
    return Number.isNaN(Date.parse(normalized.length === 10 ? `${normalized}T00:00:00Z` : normalized)) ? null : normalized;
  }
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

export function clean(text: string | null | undefined): string | null {
  if (!text) return null;
  const t = text.replace(/\s+/g, ' ').trim();
  return t || null;
}

/** "Headline | Site" in <title> but "Headline" in the page's <h1>: the h1 is the cleaner title. */
export function preferHeadline(title: string | null, doc: DomDocument): string | null {
  const h1 = clean(doc.querySelector('article h1, main h1, h1')?.textContent ?? null);
  if (!h1) return title;
  if (!title) return h1;
  return h1.length < title.length && h1.split(' ').length >= 3 && title.includes(h1) ? h1 : title;
}
