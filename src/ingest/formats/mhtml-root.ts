// A saved page is multipart/related: the page itself (the root part: the one the `start`
// parameter names, else the first HTML part), then its images, style sheets and frames. Only the
// root is the page; frames are other pages (advertisements, embeds), so they are not read with it.
import { headerBlock } from './sniff.ts';

export interface RelatedPart {
  type: string;
  /** The part as a message of its own: its headers, a blank line, its body. */
  bytes: Buffer;
}

const param = (value: string, name: string) => new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'iu').exec(value)?.slice(1).find((v) => v !== undefined) ?? null;

/** The parts of a multipart/related message and which is the root; null when it is not multipart. */
export function relatedParts(bytes: Uint8Array): { parts: RelatedPart[]; root: RelatedPart | null } | null {
  const headers = headerBlock(bytes);
  const type = headers?.get('content-type') ?? '';
  const boundary = /^\s*multipart\//iu.test(type) ? param(type, 'boundary') : null;
  if (!boundary) return null;
  // Latin-1 maps bytes to characters one to one: the parts come out as the bytes they were.
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  const delimiter = new RegExp(`\\r?\\n--${boundary.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}(--)?[ \\t]*(?=\\r?\\n|$)`, 'gu');
  const parts: (RelatedPart & { id: string | null })[] = [];
  let start: number | null = null;
  for (const m of `\n${text}`.matchAll(delimiter)) {
    // Positions in `text`: the "\n" put in front lets a delimiter on the very first line match.
    const before = m.index - 1;
    if (start !== null) {
      const raw = Buffer.from(text.slice(start, Math.max(start, before)), 'latin1');
      const partHeaders = headerBlock(raw);
      const partType = (partHeaders?.get('content-type') ?? 'text/plain').split(';')[0]!.trim().toLowerCase();
      parts.push({ type: partType, id: partHeaders?.get('content-id')?.trim() ?? null, bytes: raw });
    }
    if (m[1]) break; // the closing delimiter
    start = m.index - 1 + m[0].length;
    start += text.startsWith('\r\n', start) ? 2 : text.startsWith('\n', start) ? 1 : 0;
  }
  const wanted = param(type, 'start');
  const root = (wanted ? parts.find((p) => p.id === wanted || p.id === `<${wanted.replace(/^<|>$/gu, '')}>`) : undefined) ?? parts.find((p) => p.type === 'text/html') ?? null;
  return { parts: parts.map(({ type: t, bytes: b }) => ({ type: t, bytes: b })), root: root ? { type: root.type, bytes: root.bytes } : null };
}
