// The bottom layer: what every other layer may use, and which imports nothing of Tandem.
export * from './values.ts';
export { LEVEL_NAMES } from './names.ts';
export { ApiError, CancelledError } from './errors.ts';
export { formatBytes } from './format.ts';
export type { JobControl, Progress } from './progress.ts';
export { CONTENT_TYPES, contentType, PAGE_CSP } from './http-policy.ts';
