// Wording shared by the decoders' warnings and errors.

export function plural(n: number): string {
  return n === 1 ? '' : 's';
}

/** "12, 340, 5001" or "12, 340, 5001, … (7 more)". */
export function listNumbers(values: number[], max = 8): string {
  const shown = values.slice(0, max).join(', ');
  return values.length > max ? `${shown}, … (${values.length - max} more)` : shown;
}

/** Ascending line numbers as ranges: "3, 5–9, 12". */
export function listRanges(values: number[], max = 8): string {
  const ranges: string[] = [];
  for (let i = 0; i < values.length; ) {
    let j = i;
    while (j + 1 < values.length && values[j + 1] === values[j]! + 1) j++;
    ranges.push(j > i ? `${values[i]}–${values[j]}` : `${values[i]}`);
    i = j + 1;
  }
  const shown = ranges.slice(0, max).join(', ');
  return ranges.length > max ? `${shown}, … (${ranges.length - max} more ranges)` : shown;
}

export function formatSize(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MiB` : `${n} bytes`;
}
