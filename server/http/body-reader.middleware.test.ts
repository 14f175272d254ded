import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from './body-reader.middleware.js';

const bytes = (...b: (string | number[])[]) => new Uint8Array(Buffer.concat(b.map((p) => Buffer.from(p as string))));

describe('strict UTF-8', () => {
  it('decodes well-formed UTF-8 as it is, U+FFFD and a BOM-less text included', () => {
    expect(decodeUtf8(bytes('{"a":"广交会 \ufffd 😀"}'))).toEqual({ text: '{"a":"广交会 \ufffd 😀"}' });
    expect(decodeUtf8(bytes(''))).toEqual({ text: '' });
  });

  it('names the byte where the text stops being UTF-8, instead of reading it as U+FFFD', () => {
    expect(decodeUtf8(bytes([0xff]))).toEqual({ badByte: 0 });
    expect(decodeUtf8(bytes('ab', [0xff, 0xfe]))).toEqual({ badByte: 2 });
    // An encoded surrogate (CESU-8): refused at the byte that cannot follow 0xED.
    expect(decodeUtf8(bytes('tr', [0xed, 0xa0, 0x80], 'x'))).toEqual({ badByte: 3 });
    // Overlong encoding of "/".
    expect(decodeUtf8(bytes('é', [0xc0, 0xaf]))).toEqual({ badByte: 2 });
    // Cut short at the end: the first byte of the unfinished sequence.
    expect(decodeUtf8(bytes('ok', [0xf0, 0x9f, 0x98]))).toEqual({ badByte: 2 });
  });
});
