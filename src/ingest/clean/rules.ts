// The rules for one paragraph: what its words say (patterns.ts) and, at the edges of the text,
// what its shape says.
import { SENTENCE_END, type BoilerplateReason, type Para } from './para.ts';
import {
  AD_CONTINUE,
  AD_LABEL,
  AD_WORD,
  AGENCY_ONLY,
  AGENCY_WORD,
  BYLINE_PREFIX,
  CAPTION_FILE_MARKER,
  CAPTION_TRAILING_CREDIT,
  CAPTION_TRAILING_PAREN,
  COMMENT_COUNT,
  COMMENT_PROMPT,
  COOKIE,
  COOKIE_ACTION,
  COOKIE_FIRST_PERSON,
  COPYRIGHT,
  CREDIT_LINE,
  DATELINE,
  FOLLOW_PROMPT,
  FOLLOW_US,
  NAME_WITH_AGENCY,
  NAV_WORD,
  READ_MORE_CAPS,
  READ_MORE_FREE,
  READ_MORE_LABEL,
  REPORTED_FROM,
  REPORTING_CREDIT,
  SELF_REFERENCE,
  SHARE_CORE,
  SHARE_TOKEN,
  SHARE_VERB,
  SOCIAL_TARGET,
  SOURCE_LABEL,
  SOURCE_PREFIX,
  TAGLINE_CLAIM,
  TAGLINE_TOPIC,
  TAGS_LINE,
  URL_ONLY,
} from './patterns.ts';

/** Rules that hold wherever the paragraph is. */
export function patternReason(p: Para, nearEdge: boolean): BoilerplateReason | null {
  const t = p.text;
  if (!/[\p{L}\p{N}]/u.test(t)) return 'empty';
  const w = p.words;

  if (AD_LABEL.test(t) || (w <= 12 && AD_WORD.test(t) && AD_CONTINUE.test(t))) return 'advertisement';
  if ((w <= 4 && COMMENT_COUNT.test(t)) || (w <= 10 && COMMENT_PROMPT.test(t))) return 'comments';
  if (COOKIE.test(t) && ((COOKIE_FIRST_PERSON.test(t) && COOKIE_ACTION.test(t)) || (w <= 6 && COOKIE_ACTION.test(t)) || w <= 2)) {
    return 'cookie_notice';
  }
  if (isSharePrompt(p)) return 'share_prompt';
  if (w <= 30 && (READ_MORE_FREE.test(t) || READ_MORE_CAPS.test(t))) return 'read_more';
  if (w <= 8 && READ_MORE_LABEL.test(t)) return 'read_more';
  if (SOURCE_LABEL.test(t) || URL_ONLY.test(t) || (w <= 10 && SOURCE_PREFIX.test(t) && !SENTENCE_END.test(t))) return 'source_link';
  if (w <= 30 && DATELINE.test(t)) return 'dateline';
  if (w <= 12 && CREDIT_LINE.test(t) && !/[.!?]$/u.test(t)) return 'photo_credit';
  // Credits sit at the very end: only the tail is searched (linear time on huge paragraphs; the
  // 'x' keeps a cut-off word from looking like the start of the paragraph).
  const tail = t.length > 200 ? `x${t.slice(-200)}` : t;
  if (CAPTION_FILE_MARKER.test(t) || CAPTION_TRAILING_CREDIT.test(tail) || CAPTION_TRAILING_PAREN.test(tail)) return 'photo_caption';
  if (w <= 20 && COPYRIGHT.test(t)) return 'copyright';
  if (w <= 6 && AGENCY_ONLY.test(t)) return 'byline';
  if (w <= 12) {
    const m = NAME_WITH_AGENCY.exec(t);
    if (m && AGENCY_WORD.test(m[1] ?? '')) return 'byline';
  }
  if (w <= 40 && REPORTING_CREDIT.test(t)) return 'byline';
  if (w <= 6 && NAV_WORD.test(t)) return 'navigation';
  if (w <= 20 && TAGS_LINE.test(t)) return 'navigation';
  if (w <= 15 && isBreadcrumb(t)) return 'navigation';
  if (nearEdge && w <= 25 && TAGLINE_TOPIC.test(t) && TAGLINE_CLAIM.test(t)) return 'site_tagline';
  return null;
}

/** Rules for paragraphs above the first / below the last paragraph of real text. */
export function edgeReason(p: Para, trailing: boolean, headline: boolean): BoilerplateReason | null {
  const t = p.text;
  if (p.words <= 10 && !SENTENCE_END.test(t) && BYLINE_PREFIX.test(t)) return 'byline';
  if (trailing && p.words <= 15 && REPORTED_FROM.test(t)) return 'byline';
  if (!headline && isNavLabel(p)) return 'navigation';
  return null;
}

/** A very short line with no sentence punctuation: a section label or menu entry. */
export function isNavLabel(p: Para): boolean {
  return p.words >= 1 && p.words <= 4 && p.text.length <= 40 && !/[.!?:;…"“”„«»]/u.test(p.text);
}

function isBreadcrumb(t: string): boolean {
  if (/[.!?]$/u.test(t)) return false;
  const parts = t.split(/\s+[›»>|/]\s+/u);
  return parts.length >= 3 && parts.every((part) => part.length > 0 && part.length <= 30);
}

function isSharePrompt(p: Para): boolean {
  const t = p.text;
  const tokens = t.split(/[\s,;:|/·•–—-]+/u).filter((x) => /[\p{L}\p{N}]/u.test(x));
  if (tokens.length > 0 && tokens.length <= 8) {
    const clean = tokens.map((x) => x.replace(/[^\p{L}\p{N}-]/gu, ''));
    if (clean.every((x) => SHARE_TOKEN.test(x)) && clean.some((x) => SHARE_CORE.test(x))) return true;
  }
  // "Folgen Sie uns", "Volg ons op X"; but not a quoted order ("Folgen Sie den Anweisungen.")
  if (p.words <= 12 && FOLLOW_PROMPT.test(t) && (!SENTENCE_END.test(t) || SOCIAL_TARGET.test(t) || FOLLOW_US.test(t))) return true;
  if (p.words <= 20 && SHARE_VERB.test(t)) {
    const self = SELF_REFERENCE.test(t);
    if ((SOCIAL_TARGET.test(t) || self) && (!SENTENCE_END.test(t) || self)) return true;
  }
  return false;
}
