// Small formatting every face shares.

const whole = (x: number) => x.toFixed(1).replace(/\.0$/u, '');

/** A size for people: "812 bytes", "14.2 KB", "64 MB", "1.2 GB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${whole(n / 1024)} KB`;
  if (n < 1024 * 1024 * 1024) return `${whole(n / 1024 / 1024)} MB`;
  return `${whole(n / 1024 / 1024 / 1024)} GB`;
}
