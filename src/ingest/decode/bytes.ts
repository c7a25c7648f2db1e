// Byte-level helpers shared by the decoders and the binary sniffer.

/** How much of the file the statistical checks look at. */
export const SNIFF_BYTES = 64 * 1024;

export const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

export function matchesAt(bytes: Uint8Array, offset: number, sig: readonly number[]): boolean {
  if (bytes.length < offset + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[offset + i] !== sig[i]) return false;
  return true;
}

export function startsWithAscii(bytes: Uint8Array, s: string): boolean {
  return matchesAt(bytes, 0, ascii(s));
}

export function countByte(bytes: Uint8Array, value: number): number {
  let n = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === value) n++;
  return n;
}
