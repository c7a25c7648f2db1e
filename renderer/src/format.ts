// Small display helpers shared by the views.
import { formatBytes } from '../../src/common/format.ts';

const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language' });

export function languageName(code: string | null): string {
  if (!code) return 'unknown';
  try {
    return LANGUAGE_NAMES.of(code) ?? code;
  } catch {
    return code;
  }
}

export function percent(n: number): string {
  return `${Math.round(n * 100)}%`;
}

/** A size, or '?' when it is not known. */
export function bytes(n: number | null): string {
  return n === null ? '?' : formatBytes(n);
}

export function duration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '–';
  if (seconds < 1) return '<1 s';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

export function fileName(path: string): string {
  return path.split(/[\\/]/u).pop() ?? path;
}
