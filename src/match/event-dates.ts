// Event dates: whether two reports can be about the same event in time. Publication dates more
// than a few weeks apart, or a report that mentions dates later than the other was published,
// mean different events even when everything else agrees (the same visit, a year later).
import type { Fingerprint } from './types.ts';

function toDay(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 15) / 86_400_000;
}

/** Publication dates more than this many days apart are different events. */
const EVENT_WINDOW_DAYS = 45;

export interface EventDateCheck {
  agree: boolean;
  conflict: boolean;
  /** what was compared: both publication dates; one's publication with a later date the other
   * mentions; the latest dates each mentions; or nothing */
  basis: 'published' | 'mentions_later' | 'latest' | 'none';
  /** the two dates compared, in the order of the documents given (ISO, day or month) */
  dates: [string | null, string | null];
  days: number | null;
}

export function eventDateEvidence(fa: Fingerprint, fb: Fingerprint): EventDateCheck {
  if (fa.published && fb.published) {
    const gap = Math.round(Math.abs(toDay(fa.published) - toDay(fb.published)));
    return { agree: gap <= EVENT_WINDOW_DAYS, conflict: gap > EVENT_WINDOW_DAYS, basis: 'published', dates: [fa.published, fb.published], days: gap };
  }
  // Without both publication dates, the latest date each mentions is a lower bound of its event:
  // a report published before the other mentions things that happen is about an earlier event.
  for (const [p, q, first] of [[fa, fb, true], [fb, fa, false]] as const) {
    if (!p.published) continue;
    const later = q.eventDates.filter((d) => toDay(d.length === 7 ? `${d}-01` : d) - toDay(p.published!) > EVENT_WINDOW_DAYS).sort().pop();
    if (later) {
      const days = Math.round(toDay(later.length === 7 ? `${later}-01` : later) - toDay(p.published));
      return { agree: false, conflict: true, basis: 'mentions_later', dates: first ? [p.published, later] : [later, p.published], days };
    }
  }
  const latest = (f: Fingerprint) => (f.published ? [f.published] : f.eventDates).reduce<string | null>((m, x) => (m === null || x > m ? x : m), null);
  const la = latest(fa);
  const lb = latest(fb);
  if (la && lb) {
    const gap = Math.round(Math.abs(toDay(la) - toDay(lb)));
    // A lower bound cannot prove agreement, but a large gap to a published date is telling.
    return { agree: false, conflict: gap > 365, basis: 'latest', dates: [la, lb], days: gap };
  }
  return { agree: false, conflict: false, basis: 'none', dates: [la, lb], days: null };
}
