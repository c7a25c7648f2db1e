// Test helpers: xmllint (Debian libxml2-utils) as the real validator, a namespace-aware tree
// from saxes, and checks of the XLIFF 2.x core and Metadata module constraints that this export
// relies on (written from the XLIFF 2.1 specification: there is no XLIFF XSD in this repository).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { isInvalidXmlChar } from '../../src/export/xml.ts';

export const TMX_DTD = join(import.meta.dirname, '..', '..', '..', 'shared', 'standards', 'tmx14.dtd');
export const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;
export const hasTmxDtd = existsSync(TMX_DTD);

export function xmllint(args: string[]): { ok: boolean; output: string } {
  const r = spawnSync('xmllint', ['--noout', '--nonet', ...args], { encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

export interface El {
  uri: string;
  local: string;
  attrs: Record<string, string>;
  children: (El | string)[];
}

/** A whole document as a tree (tests only: small files). */
export function parseXml(xml: string, xmlns = true): El {
  const parser = new SaxesParser({ xmlns });
  const stack: El[] = [];
  let root: El | null = null;
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(tag.attributes)) attrs[k] = typeof v === 'string' ? v : v.value;
    const el: El = { uri: xmlns ? tag.uri ?? '' : '', local: xmlns ? tag.local ?? tag.name : tag.name, attrs, children: [] };
    stack[stack.length - 1]?.children.push(el);
    stack.push(el);
    root ??= el;
  });
  parser.on('text', (t) => stack[stack.length - 1]?.children.push(t));
  parser.on('closetag', () => stack.pop());
  parser.write(xml).close();
  return root!;
}

export const elements = (e: El) => e.children.filter((c): c is El => typeof c !== 'string');
export const textOf = (e: El): string => e.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
export function find(e: El, local: string): El[] {
  return elements(e).flatMap((c) => [...(c.local === local ? [c] : []), ...find(c, local)]);
}

const XLF = 'urn:oasis:names:tc:xliff:document:2.0';
const MDA = 'urn:oasis:names:tc:xliff:metadata:2.0';
const NMTOKEN = /^[\p{L}\p{N}._:-]+$/u;
const STATES = ['initial', 'translated', 'reviewed', 'final'];

/** Source or target text with <cp hex> turned back into characters. */
export function inlineText(e: El): string {
  return e.children.map((c) => (typeof c === 'string' ? c : c.local === 'cp' ? String.fromCodePoint(parseInt(c.attrs.hex!, 16)) : inlineText(c))).join('');
}

/** Violations of the XLIFF 2.1 core and Metadata module rules, as messages (empty when valid). */
export function xliffProblems(root: El): string[] {
  const out: string[] = [];
  const noText = (e: El) => {
    if (e.children.some((c) => typeof c === 'string' && c.trim())) out.push(`<${e.local}> has text content`);
  };
  /** Children (in the XLIFF namespace) must follow `pattern`, a regex over their local names; other namespaces only where `other` allows. */
  const sequence = (e: El, pattern: RegExp, other: 'start' | 'after-skeleton' | 'none') => {
    const kids = elements(e);
    const names = kids.map((k) => (k.uri === XLF ? k.local : '#other')).join(' ');
    if (!pattern.test(names)) out.push(`<${e.local}> children "${names}" do not match ${pattern}`);
    if (other === 'none' && kids.some((k) => k.uri !== XLF)) out.push(`<${e.local}> may not hold foreign elements`);
  };
  if (root.uri !== XLF || root.local !== 'xliff') out.push(`root is {${root.uri}}${root.local}`);
  if (root.attrs.version !== '2.1') out.push(`version is ${root.attrs.version}`);
  if (!root.attrs.srcLang) out.push('srcLang is missing');
  noText(root);
  sequence(root, /^file( file)*$/u, 'none');
  const fileIds = new Set<string>();
  const hasTarget = find(root, 'target').length > 0;
  if (hasTarget && !root.attrs.trgLang) out.push('trgLang is required when there are targets');
  for (const file of elements(root)) {
    const id = file.attrs.id ?? '';
    if (!NMTOKEN.test(id)) out.push(`file id "${id}" is not an NMTOKEN`);
    if (fileIds.has(id)) out.push(`file id ${id} repeats`);
    fileIds.add(id);
    noText(file);
    sequence(file, /^(skeleton )?(#other )*(notes )?(unit|group)( (unit|group))*$/u, 'after-skeleton');
    const unitIds = new Set<string>();
    for (const unit of elements(file).filter((u) => u.uri === XLF && u.local === 'unit')) {
      const uid = unit.attrs.id ?? '';
      if (!NMTOKEN.test(uid)) out.push(`unit id "${uid}" is not an NMTOKEN`);
      if (unitIds.has(uid)) out.push(`unit id ${uid} repeats in file ${id}`);
      unitIds.add(uid);
      noText(unit);
      sequence(unit, /^(#other )*(notes )?(originalData )?(segment|ignorable)( (segment|ignorable))*$/u, 'start');
      for (const seg of elements(unit).filter((s) => s.local === 'segment')) {
        noText(seg);
        sequence(seg, /^source( target)?$/u, 'none');
        const state = seg.attrs.state;
        if (state !== undefined && !STATES.includes(state)) out.push(`segment state "${state}"`);
        if (seg.attrs.subState !== undefined && (state === undefined || !/^[^:\s]+:\S+$/u.test(seg.attrs.subState))) out.push(`subState "${seg.attrs.subState}" needs a state and the form prefix:value`);
        if (state !== undefined && state !== 'initial' && !elements(seg).some((c) => c.local === 'target')) out.push(`segment in state ${state} without a target`);
        for (const inline of elements(seg)) {
          for (const c of elements(inline)) {
            if (c.uri !== XLF || c.local !== 'cp') out.push(`unexpected inline <${c.local}>`);
            else if (!/^[0-9A-F]{4,6}$/u.test(c.attrs.hex ?? '') || !isInvalidXmlChar(String.fromCodePoint(parseInt(c.attrs.hex!, 16)))) out.push(`<cp hex="${c.attrs.hex}"> is not a character XML forbids`);
          }
        }
      }
    }
    // Metadata module: metadata holds metaGroup+, a metaGroup holds (metaGroup|meta)+, a meta holds text.
    for (const md of [file, ...elements(file).filter((e) => e.uri === XLF)].flatMap((e) => elements(e).filter((c) => c.uri === MDA))) {
      if (md.local !== 'metadata') out.push(`foreign element <${md.local}> where mda:metadata was expected`);
      const groups = (e: El): void => {
        noText(e);
        const kids = elements(e);
        if (!kids.length) out.push(`<mda:${e.local}> is empty`);
        for (const k of kids) {
          if (k.uri !== MDA || !(k.local === 'metaGroup' || (k.local === 'meta' && e.local === 'metaGroup'))) out.push(`<${k.local}> inside <mda:${e.local}>`);
          else if (k.local === 'meta') {
            if (!k.attrs.type) out.push('mda:meta without type');
            if (elements(k).length) out.push('mda:meta with child elements');
          } else {
            if (k.attrs.appliesTo !== undefined && !['source', 'target', 'ignorable'].includes(k.attrs.appliesTo)) out.push(`appliesTo="${k.attrs.appliesTo}"`);
            groups(k);
          }
        }
      };
      groups(md);
    }
  }
  return out;
}
