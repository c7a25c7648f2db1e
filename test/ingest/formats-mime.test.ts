// MHTML (a saved web page) and EML (an e-mail): MIME messages made in the test, with
// quoted-printable and base64 parts in non-UTF-8 charsets, are read through the HTML reader (or as
// plain text) into the article's sentences; Subject and Date give the title and the date. A saved
// page without an HTML part is refused with a message naming the file.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest/index.ts';
import { mailDate } from '../../src/ingest/formats/mime.ts';
import { base64Lines, quotedPrintable } from '../support/documents.ts';
import { formatFiles } from '../support/format-files.ts';

const { write, refusal } = formatFiles('tandem-mime-');

const ICELANDIC = [
  'Utanríkisráðherra Rússlands, Sergei Lavrov, kom til Peking á mánudag í tveggja daga heimsókn.',
  'Hann mun ræða við kínverska ráðamenn um samskipti ríkjanna.',
  'Í yfirlýsingu frá ráðuneytinu segir að viðræðurnar snúist einkum um efnahagsmál og öryggismál.',
  'Vesturlönd fylgjast grannt með heimsókninni.',
  'Talsmaður kínverska utanríkisráðuneytisins sagði að samband ríkjanna væri traust.',
  'Hann vildi ekki tjá sig frekar um málið.',
];

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

const crlf = (s: string) => s.replace(/\r?\n/gu, '\r\n');

/** A page as Chromium saves it: multipart/related, the HTML part in ISO-8859-1, quoted-printable. */
function savedPage(parts: string[]): Buffer {
  const boundary = '----MultipartBoundary--T4nd3m----';
  const head = crlf(`From: <Saved by Blink>
Snapshot-Content-Location: https://frettir.example.is/lavrov
Subject: =?utf-8?Q?Lavrov_heims=C3=A6kir_Peking?=
Date: Mon, 8 Apr 2024 10:15:00 -0000
MIME-Version: 1.0
Content-Type: multipart/related;
\ttype="text/html";
\tboundary="${boundary}"

`);
  return Buffer.from(head + parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('') + `--${boundary}--\r\n`, 'latin1');
}

const htmlPart = () => {
  const html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><title>Lavrov heimsækir Peking - Fréttir</title></head>
<body><nav><a href="/">Forsíða</a> <a href="/innlent">Innlent</a> <a href="/erlent">Erlent</a></nav>
<article><h1>Lavrov heimsækir Peking</h1>
<p>${ICELANDIC.slice(0, 2).join(' ')}</p>
<p>${ICELANDIC.slice(2, 4).join(' ')}</p>
<p>${ICELANDIC.slice(4).join(' ')}</p>
<img src="cid:mynd@frettir"></article></body></html>`;
  return crlf(`Content-Type: text/html; charset="iso-8859-1"
Content-ID: <frame-0@mhtml.blink>
Content-Transfer-Encoding: quoted-printable
Content-Location: https://frettir.example.is/lavrov

`) + quotedPrintable(Buffer.from(html, 'latin1'));
};

const imagePart = crlf(`Content-Type: image/png
Content-Transfer-Encoding: base64
Content-Location: https://frettir.example.is/mynd.png

`) + base64Lines(PNG);

const cssPart = crlf(`Content-Type: text/css
Content-Transfer-Encoding: quoted-printable
Content-Location: cid:css-0@mhtml.blink

`) + 'body { font-family: serif; }';

const GERMAN = [
  'Die Verhandlungen in Brüssel sind am Abend ohne Ergebnis zu Ende gegangen.',
  'Der Kanzler sprach von „enttäuschenden“ Gesprächen.',
  'Nach Angaben von Diplomaten wollen die Minister in der kommenden Woche erneut zusammenkommen.',
  'Ein Sprecher der Kommission äußerte sich zuversichtlich – man sei „auf einem guten Weg“.',
];

/** A forwarded newsletter: multipart/alternative, plain text in base64 and HTML in quoted-printable, both windows-1252. */
function mail(): Buffer {
  const text = iconv.encode(`${GERMAN.slice(0, 2).join(' ')}\r\n\r\n${GERMAN.slice(2).join(' ')}\r\n`, 'windows-1252');
  const html = iconv.encode(`<html><body><div class="mail"><p>${GERMAN.slice(0, 2).join(' ')}</p><p>${GERMAN.slice(2).join(' ')}</p><p><a href="https://example.de/abmelden">Newsletter abbestellen</a></p></div></body></html>`, 'windows-1252');
  return Buffer.from(crlf(`Return-Path: <redaktion@example.de>
From: Redaktion <redaktion@example.de>
To: analyst@example.org
Subject: =?ISO-8859-1?Q?WG:_Gespr=E4che_in_Br=FCssel?=
Date: Thu, 11 Jan 2024 22:40:00 +0100
Message-ID: <1234@example.de>
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="alt"

--alt
Content-Type: text/plain; charset=windows-1252
Content-Transfer-Encoding: base64

`) + base64Lines(text) + crlf(`
--alt
Content-Type: text/html; charset=windows-1252
Content-Transfer-Encoding: quoted-printable

`) + quotedPrintable(html) + '\r\n--alt--\r\n', 'latin1');
}

describe('a saved web page (MHTML)', () => {
  it('is read from its HTML part: quoted-printable ISO-8859-1 decoded, the page boilerplate left out', async () => {
    const doc = await ingestFile(write('lavrov.mhtml', savedPage([htmlPart(), imagePart, cssPart])));
    expect(doc.lang).toBe('is');
    expect(doc.format).toBe('html');
    expect(doc.encoding).toBe('mhtml');
    expect(doc.title).toBe('Lavrov heimsækir Peking');
    expect(doc.published).toBe('2024-04-08T10:15:00-00:00');
    expect(doc.sentences.map((s) => s.text)).toEqual(ICELANDIC);
  });

  it('is told by its headers under another name', async () => {
    const doc = await ingestFile(write('sida.txt', savedPage([htmlPart(), imagePart])));
    expect(doc.encoding).toBe('mhtml');
    expect(doc.sentences.map((s) => s.text)).toEqual(ICELANDIC);
  });

  it('is read from the page itself, not from the frames saved with it', async () => {
    const frame = crlf(`Content-Type: text/html
Content-ID: <frame-1@mhtml.blink>
Content-Transfer-Encoding: quoted-printable
Content-Location: https://ads.example/frame

`) + quotedPrintable(Buffer.from('<html><body><p>Auglýsing: kauptu núna, tilboðið gildir aðeins í dag og á morgun.</p></body></html>', 'latin1'));
    const doc = await ingestFile(write('med-ramma.mhtml', savedPage([htmlPart(), frame, imagePart])));
    expect(doc.sentences.map((s) => s.text)).toEqual(ICELANDIC);
    expect(doc.text).not.toContain('Auglýsing');
  });

  it('without an HTML part: refused, naming the file and what it holds', async () => {
    const err = await refusal(write('myndir.mht', savedPage([imagePart])));
    expect(err.code).toBe('unsupported_format');
    expect(err.message).toBe('myndir.mht: MHTML archive without an HTML part (it holds image/png): nothing to read as a page');
  });
});

describe('an e-mail (EML)', () => {
  it('is read from its HTML alternative in windows-1252; the subject without "WG:" is the title, Date the date', async () => {
    const doc = await ingestFile(write('bruessel.eml', mail()));
    expect(doc.lang).toBe('de');
    expect(doc.encoding).toBe('eml');
    expect(doc.title).toBe('Gespräche in Brüssel');
    expect(doc.published).toBe('2024-01-11T22:40:00+01:00');
    expect(doc.sentences.map((s) => s.text)).toEqual(GERMAN);
  });

  it('with only a plain-text part (quoted-printable ISO-8859-15) is read as text', async () => {
    const body = iconv.encode(`${GERMAN[0]}\n\nDer Schaden wird auf 40 Millionen € geschätzt. ${GERMAN[2]}\n`, 'iso-8859-15');
    const eml = Buffer.from(crlf(`From: Redaktion <redaktion@example.de>
Subject: Brüssel
Date: Thu, 11 Jan 2024 22:40:00 +0100
MIME-Version: 1.0
Content-Type: text/plain; charset=iso-8859-15
Content-Transfer-Encoding: quoted-printable

`) + quotedPrintable(body), 'latin1');
    const doc = await ingestFile(write('kurz.eml', eml));
    expect(doc.format).toBe('text');
    expect(doc.sentences.map((s) => s.text)).toEqual([GERMAN[0], 'Der Schaden wird auf 40 Millionen € geschätzt.', GERMAN[2]]);
  });

  it('is told by its headers without the .eml name', async () => {
    const doc = await ingestFile(write('nachricht', mail()));
    expect(doc.encoding).toBe('eml');
  });
});

describe('mail dates', () => {
  it('keep the sender’s offset; unparseable ones are dropped', () => {
    expect(mailDate('Thu, 11 Jan 2024 22:40:00 +0100')).toBe('2024-01-11T22:40:00+01:00');
    expect(mailDate('11 Jan 2024 09:05 GMT')).toBe('2024-01-11T09:05:00Z');
    expect(mailDate('gestern')).toBeNull();
    expect(mailDate(undefined)).toBeNull();
  });
});
