/**
 * Attachments through the real app (PGlite in a temp folder, local blob storage): type decided
 * by the bytes, size and quota from the programme, names cut down to a safe file name, each
 * organisation reading only its own uploads, and downloads through an application only for
 * files its data refers to.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { getPointer } from '@shenbao/core';
import { listAudit, recordAttachment } from '@shenbao/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Applicant,
  BACKENDS,
  type Client,
  PROGRAM,
  startTestServer,
  type TestServer,
} from './support/app';

const REPO = join(import.meta.dirname, '..', '..', '..');
const program = JSON.parse(readFileSync(join(REPO, 'schemas', PROGRAM, 'program.json'), 'utf8'));
const schema = JSON.parse(readFileSync(join(REPO, 'schemas', PROGRAM, 'application.schema.json'), 'utf8'));
const items = getPointer(schema, `/properties${program.submission.attachments}/items/properties`) as Record<
  string,
  { maximum?: number; enum?: string[] }
>;
const MAX_SIZE = items.size?.maximum as number;
const QUOTA = program.submission.quotaBytes as number;

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A small, well-formed PDF (header, objects, cross-reference table, trailer) showing `text`. */
function pdf(text: string): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    (() => {
      const stream = `BT /F1 18 Tf 20 70 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
      return `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
    })(),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A 1×1 PNG, chunk by chunk. */
function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The first bytes of a Linux executable (ELF header) and of a Windows one (PE, "MZ"). */
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(4096, 0x90)]);
const PE = Buffer.concat([
  Buffer.from('MZ'),
  Buffer.alloc(58, 0),
  Buffer.from([0x80, 0, 0, 0]),
  Buffer.alloc(4096, 0),
]);
/** A Compound File (the .doc container) with or without a Word stream in its directory. */
function compoundFile(word: boolean): Buffer {
  const header = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const entry = Buffer.from(word ? 'WordDocument' : 'Workbook', 'utf16le');
  return Buffer.concat([header, Buffer.alloc(504, 0), Buffer.alloc(1024, 0), entry, Buffer.alloc(3000, 0)]);
}

interface Part {
  filename?: string;
  contentType?: string;
  bytes: Buffer;
  field?: string;
}

function multipart(part: Part): { body: Buffer; contentType: string } {
  const boundary = '----shenbao-test-boundary-51c9';
  const disposition = `form-data; name="${part.field ?? 'file'}"${part.filename === undefined ? '' : `; filename="${part.filename}"`}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: ${disposition}\r\nContent-Type: ${part.contentType ?? 'application/pdf'}\r\n\r\n`,
      'utf8',
    ),
    part.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('attachments', () => {
  let s: TestServer;
  let a: Applicant;
  let b: Applicant;

  const upload = async (client: Client, part: Part, query = `programId=${PROGRAM}&form=application`) => {
    const { body, contentType } = multipart(part);
    const res = await s.app.inject({
      method: 'POST',
      url: `/api/attachments?${query}`,
      headers: {
        cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'x-csrf-token': client.csrfToken ?? '',
        'content-type': contentType,
      },
      payload: body,
      remoteAddress: client.ip,
    });
    return { status: res.statusCode, json: res.json(), headers: res.headers };
  };
  const download = (client: Client, url: string) =>
    s.app.inject({
      method: 'GET',
      url,
      headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      remoteAddress: client.ip,
    });
  /** Every object in blob storage (temp files included), as paths under the storage folder. */
  const stored = (): string[] => {
    const root = join(s.config.dataDir, 'files');
    const walk = (d: string): string[] =>
      readdirSync(d, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? walk(join(d, e.name)) : [relative(root, join(d, e.name))],
      );
    try {
      return walk(root);
    } catch {
      return [];
    }
  };

  beforeAll(async () => {
    s = await startTestServer(BACKENDS[0] as (typeof BACKENDS)[number]);
    a = await s.applicant();
    b = await s.applicant();
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });

  it('a PDF is stored under the sha256 of its bytes and recorded with an audit entry', async () => {
    const bytes = pdf('Labour contract 2026');
    const r = await upload(a.client, { filename: '劳动合同（2026）.pdf', bytes });
    expect(r.status).toBe(201);
    expect(r.json).toEqual({
      sha256: sha(bytes),
      size: bytes.length,
      mediaType: 'application/pdf',
      name: '劳动合同（2026）.pdf',
    });
    expect(stored()).toContain(`${sha(bytes).slice(0, 2)}/${sha(bytes).slice(2, 4)}/${sha(bytes)}`);
    const back = await download(a.client, `/api/attachments/${sha(bytes)}`);
    expect(back.statusCode).toBe(200);
    expect(back.rawPayload.equals(bytes)).toBe(true);
    expect(back.headers['content-type']).toBe('application/pdf');
    expect(back.headers['x-content-type-options']).toBe('nosniff');
    expect(back.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('劳动合同（2026）.pdf')}`,
    );
    const entries = await listAudit(s.db, 'attachment', sha(bytes));
    expect(entries.map((e) => [e.action, e.actorId])).toEqual([['upload', a.userId]]);
  });

  it('the same bytes again are stored once and keep the name given first', async () => {
    const bytes = pdf('uploaded twice');
    const first = await upload(a.client, { filename: 'first.pdf', bytes });
    const before = stored();
    const again = await upload(a.client, { filename: 'second.pdf', bytes });
    expect(again.status).toBe(201);
    expect(again.json).toEqual(first.json);
    expect(stored()).toEqual(before);
  });

  it('the type is what the bytes are: a PNG sent as application/pdf named x.pdf is a PNG', async () => {
    const r = await upload(a.client, { filename: 'x.pdf', bytes: png(), contentType: 'application/pdf' });
    expect(r.status).toBe(201);
    expect(r.json.mediaType).toBe('image/png');
  });

  it('a .docx is recognised by its content (a zip with word/ parts)', async () => {
    const docx = readFileSync(join(REPO, 'templates', PROGRAM, 'application-book.docx'));
    const r = await upload(a.client, {
      filename: 'book.docx',
      bytes: docx,
      contentType: 'application/octet-stream',
    });
    expect(r.status).toBe(201);
    expect(r.json.mediaType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });

  it('a Compound File is a Word .doc only when it holds a WordDocument stream', async () => {
    const doc = await upload(a.client, { filename: 'old.doc', bytes: compoundFile(true) });
    expect(doc.status).toBe(201);
    expect(doc.json.mediaType).toBe('application/msword');
    const before = stored();
    const xls = await upload(a.client, { filename: 'old.doc', bytes: compoundFile(false) });
    expect(xls.status).toBe(415);
    expect(xls.json.message).toMatch(/^文件内容与类型不符：“old\.doc”不是 Word 文档/);
    expect(stored()).toEqual(before);
  });

  it.each([
    ['ELF', ELF],
    ['PE', PE],
  ])('an executable (%s) named x.pdf is refused with 415 and nothing is kept', async (_kind, bytes) => {
    const before = stored();
    const r = await upload(a.client, { filename: 'x.pdf', bytes, contentType: 'application/pdf' });
    expect(r.status).toBe(415);
    expect(r.json.code).toBe('MEDIA_TYPE');
    expect(r.json.message).toMatch(/^文件内容与类型不符：“x\.pdf”的实际类型是 /);
    expect(r.json.message).toContain('本栏目只接受 PDF、JPEG、PNG、Word（.docx）、Word（.doc）');
    expect(stored()).toEqual(before);
    expect((await download(a.client, `/api/attachments/${sha(bytes)}`)).statusCode).toBe(404);
  });

  it('a file over the schema’s size.maximum is refused with 413 naming the limit, and nothing is kept', async () => {
    const bytes = Buffer.concat([pdf('big'), Buffer.alloc(MAX_SIZE, 0x20)]);
    const before = stored();
    const r = await upload(a.client, { filename: 'big.pdf', bytes });
    expect(r.status).toBe(413);
    expect(r.json.code).toBe('TOO_LARGE');
    expect(r.json.message).toBe(`“big.pdf”超过单个文件 ${MAX_SIZE / 1024 / 1024} MB 的上限`);
    expect(stored()).toEqual(before);
  });

  it('past the organisation’s quota (program.json submission.quotaBytes) an upload is refused with 413', async () => {
    const c = await s.applicant();
    // The organisation has already used all but 1 KB of its quota.
    await recordAttachment(s.db, {
      orgId: c.orgId,
      sha256: sha(Buffer.from('earlier uploads')),
      size: QUOTA - 1024,
      mediaType: 'application/pdf',
      name: 'earlier.pdf',
      userId: c.userId,
    });
    const before = stored();
    const over = await upload(c.client, { filename: 'one-more.pdf', bytes: pdf('x'.repeat(2000)) });
    expect(over.status).toBe(413);
    expect(over.json.code).toBe('QUOTA');
    expect(over.json.message).toMatch(/^附件存储空间已用完/);
    expect(stored()).toEqual(before);
    const fits = await upload(c.client, { filename: 'small.pdf', bytes: pdf('fits') });
    expect(fits.status).toBe(201);
    await recordAttachment(s.db, {
      orgId: c.orgId,
      sha256: sha(Buffer.from('the rest')),
      size: 1024,
      mediaType: 'application/pdf',
      name: 'rest.pdf',
      userId: c.userId,
    });
    const full = await upload(c.client, { filename: 'tiny.pdf', bytes: pdf('t') });
    expect(full.status).toBe(413);
    expect(full.json.message).toMatch(/^附件存储空间已用完/);
  });

  it.each([
    ['a path up the tree', '../../etc/passwd', 'passwd'],
    ['a Windows path', '..\\..\\windows\\evil.pdf', 'evil.pdf'],
    ['a right-to-left override', 'invoice\u202efdp.exe.pdf', 'invoicefdp.exe.pdf'],
    ['only dots', '..', '附件'],
    ['254 characters', `${'长'.repeat(250)}.pdf`, `${'长'.repeat(196)}.pdf`],
  ])('a file name with %s is kept safe', async (_what, given, kept) => {
    const bytes = pdf(`name ${given.length} ${kept}`);
    const r = await upload(a.client, { filename: given, bytes });
    expect(r.status).toBe(201);
    expect(r.json.name).toBe(kept);
  });

  it('refuses a request without a file, a body that is not multipart, and an unknown programme', async () => {
    const noFile = await upload(a.client, { field: 'other', filename: 'a.pdf', bytes: pdf('a') });
    expect(noFile.status).toBe(400);
    expect(noFile.json.message).toBe('请选择要上传的文件（文件字段 file）');
    const json = await a.client.post(`/api/attachments?programId=${PROGRAM}`, { file: 'x' });
    expect(json.status).toBe(415);
    expect(json.json.message).toContain('multipart/form-data');
    const unknown = await upload(
      a.client,
      { filename: 'a.pdf', bytes: pdf('a') },
      'programId=no-such-programme',
    );
    expect(unknown.status).toBe(404);
    const empty = await upload(a.client, { filename: 'empty.pdf', bytes: Buffer.alloc(0) });
    expect(empty.status).toBe(400);
    expect(empty.json.message).toBe('“empty.pdf”是空文件');
  });

  it('a malformed or cut-off multipart body is refused with 400 in Chinese, and nothing is kept', async () => {
    const before = stored();
    const send = (contentType: string, payload: Buffer) =>
      s.app.inject({
        method: 'POST',
        url: `/api/attachments?programId=${PROGRAM}`,
        headers: {
          cookie: [...a.client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
          'x-csrf-token': a.client.csrfToken ?? '',
          'content-type': contentType,
        },
        payload,
        remoteAddress: a.client.ip,
      });
    const noBoundary = await send('multipart/form-data', Buffer.from('whatever'));
    expect(noBoundary.statusCode, noBoundary.body).toBe(400);
    expect(noBoundary.json().message).toMatch(/^上传内容不是有效的 multipart\/form-data/);
    const whole = multipart({ filename: 'cut.pdf', bytes: pdf('cut off in the middle') });
    const cut = await send(whole.contentType, whole.body.subarray(0, whole.body.length - 60));
    expect(cut.statusCode, cut.body).toBe(400);
    expect(cut.json().code).toMatch(/^(BAD_MULTIPART|UPLOAD_INTERRUPTED)$/);
    expect(stored()).toEqual(before);
  });

  it('only applicants upload; another organisation’s upload answers 404', async () => {
    const bytes = pdf('organisation A only');
    expect((await upload(a.client, { filename: 'a.pdf', bytes })).status).toBe(201);
    const other = await download(b.client, `/api/attachments/${sha(bytes)}`);
    expect(other.statusCode).toBe(404);
    expect(other.json().message).toBe('附件不存在');
    const staff = await s.account('staff');
    expect((await upload(staff.client, { filename: 'a.pdf', bytes })).status).toBe(403);
    const anonymous = await download(s.client(), `/api/attachments/${sha(bytes)}`);
    expect(anonymous.statusCode).toBe(401);
  });

  it('through an application: only files its data refers to, for those who may read it', async () => {
    const referred = pdf('referred from the application');
    const unreferred = pdf('uploaded, never referred');
    const othersFile = pdf('organisation B file');
    for (const [who, bytes] of [
      [a, referred],
      [a, unreferred],
      [b, othersFile],
    ] as const)
      expect((await upload(who.client, { filename: 'f.pdf', bytes })).status).toBe(201);

    const created = await a.client.post('/api/applications', { programId: PROGRAM, year: 2026 });
    expect(created.status).toBe(201);
    const row = (bytes: Buffer) => ({
      category: 'team-evidence',
      name: 'f.pdf',
      size: bytes.length,
      sha256: sha(bytes),
      mediaType: 'application/pdf',
    });
    // B's sha256 copied into A's data must not open B's file.
    const data = { attachments: [row(referred), row(othersFile)] };
    const saved = await a.client.put(`/api/applications/${created.json.id}`, {
      data,
      version: created.json.version,
    });
    expect(saved.status).toBe(200);
    const url = (bytes: Buffer) => `/api/applications/${created.json.id}/attachments/${sha(bytes)}`;

    const ok = await download(a.client, url(referred));
    expect(ok.statusCode).toBe(200);
    expect(ok.rawPayload.equals(referred)).toBe(true);
    expect(ok.headers['content-disposition']).toBe('attachment; filename=f.pdf');
    expect((await download(a.client, url(unreferred))).statusCode).toBe(404);
    expect((await download(a.client, url(othersFile))).statusCode).toBe(404);
    // Another organisation does not learn that the application exists.
    expect((await download(b.client, url(referred))).statusCode).toBe(404);
    // Staff do not see drafts.
    const staff = await s.account('staff');
    expect((await download(staff.client, url(referred))).statusCode).toBe(403);
  });
});
