// Saved web pages (MHTML, multipart/related) and e-mail (EML): postal-mime parses the MIME tree
// (quoted-printable and base64 transfer encodings, any charset, nested multiparts, encoded-word
// headers). The page's or message's HTML part goes through the HTML reader; a message with only a
// text/plain part is read as plain text. Subject and Date feed the title and the date.
import iconv from 'iconv-lite';
import { IngestError } from '../errors.ts';
import { splitParagraphs } from '../clean/index.ts';
import { htmlToParagraphs } from '../html/index.ts';
import { relatedParts } from './mhtml-root.ts';
import type { Extracted } from './types.ts';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * An RFC 5322 date ("Tue, 14 Jan 2024 10:30:00 +0100") as ISO 8601 in its own offset, since the
 * local day is the one the message speaks of; null when it does not parse.
 */
export function mailDate(value: string | undefined): string | null {
  if (!value) return null;
  const m = /(\d{1,2})\s+([a-z]{3})[a-z]*\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|ut|gmt|z)?/iu.exec(value);
  const month = m ? MONTHS.indexOf(m[2]!.toLowerCase()) : -1;
  if (!m || month < 0) return null;
  const pad = (n: string | number) => String(n).padStart(2, '0');
  const zone = m[7] && /^[+-]/u.test(m[7]) ? `${m[7].slice(0, 3)}:${m[7].slice(3)}` : 'Z';
  const iso = `${m[3]}-${pad(month + 1)}-${pad(m[1]!)}T${pad(m[4]!)}:${m[5]}:${m[6] ?? '00'}${zone}`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

/**
 * Characters U+0080-U+009F are C1 controls, never text: they are what Node 20's TextDecoder makes
 * of windows-1252's quotes and dashes (it decodes that label as ISO-8859-1). Both labels mean
 * windows-1252 on the web (WHATWG), so these take their windows-1252 meaning.
 */
export function fixC1(text: string): string {
  return text.replace(/[\u0080-\u009f]/gu, (c) => {
    const fixed = iconv.decode(Buffer.from([c.charCodeAt(0)]), 'windows-1252');
    return fixed === '\ufffd' ? c : fixed; // five bytes are unassigned in windows-1252 too
  });
}

/** "AW: WG: Fwd: Headline" is the headline. */
const stripReplies = (subject: string) => subject.replace(/^(?:\s*(?:re|aw|wg|fwd?|sv|vs|antw|doorst)\s*:\s*)+/iu, '').trim();

export async function readMime(bytes: Uint8Array, name: string, kind: 'mhtml' | 'eml'): Promise<Extracted> {
  const { default: PostalMime } = await import('postal-mime');
  const parse = async (message: Uint8Array) => {
    try {
      return await PostalMime.parse(message, { attachmentEncoding: 'arraybuffer' });
    } catch (err) {
      throw new IngestError('unreadable', `${name}: not a readable ${kind === 'mhtml' ? 'MHTML page' : 'e-mail message'} (${(err as Error).message})`);
    }
  };
  const email = await parse(bytes);
  if (kind === 'mhtml') {
    // Only the page itself: postal-mime would join the frames' HTML to it. (A root that is itself
    // multipart, as in a mail saved as MHTML, is left to postal-mime.)
    const related = relatedParts(bytes);
    if (related && !related.root && !email.html?.trim()) {
      const parts = related.parts.map((p) => p.type).join(', ');
      throw new IngestError('unsupported_format', `${name}: MHTML archive without an HTML part (it holds ${parts || 'no parts'}): nothing to read as a page`);
    }
    if (related?.root) email.html = (await parse(related.root.bytes)).html;
  }
  const subject = email.subject ? stripReplies(fixC1(email.subject)) || null : null;
  const date = mailDate(email.headers.find((h) => h.key === 'date')?.value);
  const html = email.html?.trim() ? fixC1(email.html) : null;
  if (kind === 'mhtml' && !html) {
    throw new IngestError('unsupported_format', `${name}: MHTML archive without an HTML part (it holds ${email.text ? 'only plain text' : 'no page'}): nothing to read as a page`);
  }
  if (html) {
    const page = htmlToParagraphs(html, name);
    return { format: 'html', paragraphs: page.paragraphs, title: page.title ?? subject, date: page.date ?? date, encoding: kind, warnings: page.warnings };
  }
  if (email.text?.trim()) {
    return { format: 'text', paragraphs: splitParagraphs(fixC1(email.text).replace(/\r\n?/gu, '\n')), title: subject, date, encoding: kind, warnings: [] };
  }
  throw new IngestError('empty', `${name}: e-mail message without a text or HTML part (${email.attachments.length} attachment${email.attachments.length === 1 ? '' : 's'} only)`);
}
