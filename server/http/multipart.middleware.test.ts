import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { parseMultipart } from './multipart.middleware.js';

const app = new Hono();
app.onError((err, c) => (err instanceof AppError ? c.json({ code: err.code, message: err.message, details: err.details }, err.status as 400) : c.json({ unexpected: String(err) }, 500)));
app.post('/upload', parseMultipart({ files: 1, fields: 3, fieldBytes: 32, fileBytes: 1024 * 1024 }), async (c) => {
  const form = await c.req.formData();
  const file = form.get('file') as File;
  return c.json({ fields: Object.fromEntries([...form].filter(([, v]) => typeof v === 'string')), file: { name: file.name, size: file.size, text: (await file.text()).slice(0, 20) } });
});

const post = (form: FormData) => app.request('/upload', { method: 'POST', body: form });

describe('parsing a multipart body as it arrives', () => {
  it('hands the fields and the file to the route, a large file included', async () => {
    const form = new FormData();
    form.set('source', 'canton_fair');
    form.set('file', new Blob(['Company\n', 'x'.repeat(900 * 1024)]), 'leads.csv');
    form.set('assign', 'false');
    const res = await post(form);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ fields: { source: 'canton_fair', assign: 'false' }, file: { name: 'leads.csv', size: 8 + 900 * 1024, text: 'Company\nxxxxxxxxxxxx' } });
  });

  it('reads a file name as the browser sends it, in UTF-8', async () => {
    // A browser writes the name's UTF-8 bytes into the part header as they are (no RFC 2231 encoding).
    const body = ['--b', 'Content-Disposition: form-data; name="file"; filename="广交会名单.csv"', 'Content-Type: text/csv', '', 'Company', '--b--', ''].join('\r\n');
    const res = await app.request('/upload', { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=b' }, body: new TextEncoder().encode(body) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { file: { name: string } }).file.name).toBe('广交会名单.csv');
  });

  it('refuses a second file, a field over its size, too many fields and a file over its size', async () => {
    const two = new FormData();
    two.append('file', new Blob(['a']), 'a.csv');
    two.append('file', new Blob(['b']), 'b.csv');
    expect(await (await post(two)).json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ pointer: '/file' }] } });

    const long = new FormData();
    long.set('mapping', 'x'.repeat(33));
    expect(await (await post(long)).json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ pointer: '/mapping' }] } });

    const many = new FormData();
    for (const k of ['a', 'b', 'c', 'd']) many.set(k, 'v');
    expect(await (await post(many)).json()).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/at most 3 form fields/) });

    const big = new FormData();
    big.set('file', new Blob([new Uint8Array(1024 * 1024 + 1)]), 'big.csv');
    const res = await post(big);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('refuses a body that is not multipart as its type claims', async () => {
    const res = await app.request('/upload', { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=abc' }, body: '--abc\r\nContent-Disposition: form-data; name="x"\r\n\r\nunterminated' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/not a readable multipart/) });
  });

  it('refuses a body cut off inside a file, and the process goes on', async () => {
    // Without a listener, busboy's error on the file's stream ended the whole process.
    for (const cut of ['abc', 'PK', '']) {
      const body = `--zzz\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n${cut}`;
      const res = await app.request('/upload', { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=zzz' }, body });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/not a readable multipart/) });
    }
  });

  it('refuses a field that is not UTF-8, and keeps UTF-8 text as sent', async () => {
    const bytes = (field: Uint8Array) =>
      new Uint8Array([...Buffer.from('--b\r\nContent-Disposition: form-data; name="source"\r\n\r\n'), ...field, ...Buffer.from('\r\n--b\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nCompany\r\n--b--\r\n')]);
    const send = (field: Uint8Array) => app.request('/upload', { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=b' }, body: bytes(field) });
    for (const bad of [[0x74, 0x72, 0xed, 0xa0, 0x80, 0x78], [0xff, 0xfe]]) {
      const res = await send(new Uint8Array(bad));
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ pointer: '/source' }] } });
    }
    const res = await send(new TextEncoder().encode('广交会 Müller ok'));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { fields: { source: string } }).fields.source).toBe('广交会 Müller ok');
    // A part that names its charset (as .NET's StringContent does) is read in it.
    const declared = ['--b', 'Content-Disposition: form-data; name="source"', 'Content-Type: text/plain; charset=utf-8', '', 'Müller São Paulo', '--b', 'Content-Disposition: form-data; name="file"; filename="a.csv"', '', 'Company', '--b--', ''].join('\r\n');
    const named = await app.request('/upload', { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=b' }, body: new TextEncoder().encode(declared) });
    expect(named.status).toBe(200);
    expect(((await named.json()) as { fields: { source: string } }).fields.source).toBe('Müller São Paulo');
  });
});
