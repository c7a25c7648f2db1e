// Small real documents for the ingest tests, made here byte by byte: a PDF with a text layer (in
// WinAnsi, so umlauts are real text), optionally password-protected with the standard RC4 security
// handler (revision 2), or with only an image (a scan); and a DOCX, a ZIP of WordprocessingML.
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';

// ---- PDF ------------------------------------------------------------------------------------

export interface PdfLine {
  text: string;
  x?: number;
  y: number;
  size?: number;
}

export interface PdfPage {
  lines?: PdfLine[];
  /** Draw a small grey image instead of (or besides) text: what a scanner writes. */
  image?: boolean;
}

export interface PdfOptions {
  /** Encrypt with this user password (RC4, 40-bit): opening needs it. */
  userPassword?: string;
  title?: string;
}

/** A PDF string literal of `text` in WinAnsi (Latin-1 for the letters used here), escaped. */
function pdfString(bytes: Buffer): string {
  let s = '(';
  for (const b of bytes) {
    if (b === 0x28 || b === 0x29 || b === 0x5c) s += `\\${String.fromCharCode(b)}`;
    else if (b < 0x20 || b > 0x7e) s += `\\${b.toString(8).padStart(3, '0')}`;
    else s += String.fromCharCode(b);
  }
  return `${s})`;
}

function rc4(key: Buffer, data: Buffer): Buffer {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = Buffer.alloc(data.length);
  for (let k = 0, i = 0, j = 0; k < data.length; k++) {
    i = (i + 1) & 255;
    j = (j + s[i]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[k] = data[k]! ^ s[(s[i]! + s[j]!) & 255]!;
  }
  return out;
}

const PAD = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');
const md5 = (...parts: Buffer[]) => createHash('md5').update(Buffer.concat(parts)).digest();
const padded = (password: string) => Buffer.concat([Buffer.from(password, 'latin1'), PAD]).subarray(0, 32);

/** The standard security handler, revision 2 (PDF 1.7, 7.6.3.3-4): /O, /U and the file key. */
function securityHandler(userPassword: string, id: Buffer) {
  const permissions = -4; // everything allowed
  const o = rc4(md5(padded(`${userPassword}-owner`)).subarray(0, 5), padded(userPassword));
  const p = Buffer.alloc(4);
  p.writeInt32LE(permissions);
  const key = md5(padded(userPassword), o, p, id).subarray(0, 5);
  const u = rc4(key, PAD);
  const objectKey = (num: number) => md5(key, Buffer.from([num & 255, (num >> 8) & 255, (num >> 16) & 255, 0, 0])).subarray(0, 10);
  return { o, u, permissions, objectKey };
}

/** A PDF 1.4 file: Helvetica text at the given positions on A4 pages, or a one-pixel image per page. */
export function makePdf(pages: PdfPage[], options: PdfOptions = {}): Buffer {
  const id = createHash('md5').update(JSON.stringify(pages)).digest();
  const security = options.userPassword !== undefined ? securityHandler(options.userPassword, id) : null;
  const objects: string[] = []; // objects[n - 1] is object n's body (without "n 0 obj")
  const streams = new Map<number, Buffer>();
  const add = (body: string, stream?: Buffer) => {
    objects.push(body);
    if (stream) streams.set(objects.length, stream);
    return objects.length;
  };
  const catalog = add('');
  const pagesObj = add('');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const image = add('<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>', Buffer.from([40, 200, 200, 40]));
  const kids: number[] = [];
  for (const page of pages) {
    let content = '';
    for (const line of page.lines ?? []) {
      content += `BT /F1 ${line.size ?? 11} Tf ${line.x ?? 72} ${line.y} Td ${pdfString(Buffer.from(line.text, 'latin1'))} Tj ET\n`;
    }
    if (page.image) content += 'q 400 0 0 560 90 140 cm /Im1 Do Q\n';
    const stream = Buffer.from(content, 'latin1');
    const contents = add(`<< /Length ${stream.length} >>`, stream);
    kids.push(add(`<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${font} 0 R >> /XObject << /Im1 ${image} 0 R >> >> /Contents ${contents} 0 R >>`));
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  let info: number | null = null;
  if (options.title !== undefined) {
    const title = Buffer.from(options.title, 'latin1');
    info = add(`<< /Title ${pdfString(security ? rc4(security.objectKey(objects.length + 1), title) : title)} >>`);
  }
  let encrypt: number | null = null;
  if (security) {
    const hex = (b: Buffer) => `<${b.toString('hex')}>`;
    encrypt = add(`<< /Filter /Standard /V 1 /R 2 /Length 40 /O ${hex(security.o)} /U ${hex(security.u)} /P ${security.permissions} >>`);
  }

  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = chunks[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    const num = i + 1;
    offsets.push(length);
    let stream = streams.get(num);
    if (stream && security && num !== encrypt) stream = rc4(security.objectKey(num), stream);
    const bytes = Buffer.concat([
      Buffer.from(`${num} 0 obj\n${body}\n`, 'latin1'),
      ...(stream ? [Buffer.from('stream\n'), stream, Buffer.from('\nendstream\n')] : []),
      Buffer.from('endobj\n'),
    ]);
    chunks.push(bytes);
    length += bytes.length;
  });
  const xref = length;
  let trailer = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) trailer += `${String(o).padStart(10, '0')} 00000 n \n`;
  trailer += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R`;
  if (info) trailer += ` /Info ${info} 0 R`;
  if (encrypt) trailer += ` /Encrypt ${encrypt} 0 R`;
  trailer += ` /ID [<${id.toString('hex')}> <${id.toString('hex')}>] >>\nstartxref\n${xref}\n%%EOF\n`;
  chunks.push(Buffer.from(trailer, 'latin1'));
  return Buffer.concat(chunks);
}

// ---- DOCX -----------------------------------------------------------------------------------

/** A ZIP archive of `files`, stored (not compressed): local headers, data, central directory. */
export function makeZip(files: Record<string, string | Buffer>): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const fileName = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4); // version needed
    head.writeUInt16LE(0x0800, 6); // UTF-8 names
    head.writeUInt16LE(0, 8); // stored
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(data.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(fileName.length, 26);
    local.push(head, fileName, data);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(fileName.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, fileName);
    offset += head.length + fileName.length + data.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, dir, end]);
}

const escapeXml = (s: string) => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');

export interface DocxParagraph {
  text: string;
  /** A Word paragraph style, e.g. 'Heading1' or 'Title'. */
  style?: string;
}

/** A minimal Word document (the parts Word itself needs: content types, relationships, body). */
export function makeDocx(paragraphs: DocxParagraph[]): Buffer {
  const body = paragraphs
    .map((p) => `<w:p>${p.style ? `<w:pPr><w:pStyle w:val="${p.style}"/></w:pPr>` : ''}<w:r><w:t xml:space="preserve">${escapeXml(p.text)}</w:t></w:r></w:p>`)
    .join('');
  return makeZip({
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    'word/document.xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
      `<w:body>${body}</w:body></w:document>`,
  });
}

// ---- MIME -----------------------------------------------------------------------------------

/** Quoted-printable (RFC 2045) of `bytes`: bytes outside printable ASCII as =XX, soft breaks at 76. */
export function quotedPrintable(bytes: Buffer): string {
  const lines: string[] = [];
  for (const line of bytes.toString('latin1').split('\n')) {
    let out = '';
    let width = 0;
    for (const ch of line.replace(/\r$/u, '')) {
      const b = ch.charCodeAt(0);
      const piece = b === 0x3d || b > 0x7e || (b < 0x20 && b !== 0x09) ? `=${b.toString(16).toUpperCase().padStart(2, '0')}` : ch;
      if (width + piece.length > 75) {
        out += '=\r\n';
        width = 0;
      }
      out += piece;
      width += piece.length;
    }
    lines.push(out);
  }
  return lines.join('\r\n');
}

/** Base64 in lines of 76, as MIME writes it. */
export function base64Lines(bytes: Buffer): string {
  return (bytes.toString('base64').match(/.{1,76}/gu) ?? []).join('\r\n');
}
