import { describe, expect, it } from 'vitest';
import { nameKey } from './name-key.js';

describe('nameKey', () => {
  it('gives a name and its reordered legal form and place the same key', () => {
    expect(nameKey('Shenzhen Acme Trading Co., Ltd.')).toEqual(nameKey('Acme Trading (Shenzhen) Limited'));
    expect(nameKey('Shenzhen Acme Trading Co., Ltd.')).toEqual({ key: 'acme', trades: 'trading', places: 'shenzhen', hanzi: '' });
  });

  it('meets the hanzi name and its pinyin name: brand in pinyin, trade words in English, places apart', () => {
    const zh = nameKey('深圳市艾克美贸易有限公司');
    expect(zh).toEqual({ key: 'aikemei', trades: 'trading', places: 'shenzhen', hanzi: '艾克美' });
    expect(nameKey('Shenzhen Aikemei Trading Co., Ltd.')).toMatchObject({ key: zh.key, trades: zh.trades, places: zh.places });
    expect(nameKey('宁波日升进出口有限公司')).toMatchObject({ key: 'risheng', trades: 'export import' });
    expect(nameKey('Ningbo Risheng Imp. & Exp. Co., Ltd.')).toMatchObject({ key: 'risheng', trades: 'export import', places: 'ningbo' });
  });

  it('reads traditional characters as simplified', () => {
    expect(nameKey('廈門美嘉陶瓷有限公司')).toEqual(nameKey('厦门美嘉陶瓷有限公司'));
  });

  it('keeps the words written together beside the words, and folds plurals', () => {
    expect(nameKey('Hangzhou Green Leaf Textiles Limited').key).toBe('green greenleaf leaf');
    expect(nameKey('Hangzhou Greenleaf Textile Co., Ltd.')).toMatchObject({ key: 'greenleaf', trades: 'textile' });
  });

  it('writes German umlauts out (Müller is Mueller) and pinyin ü as v, so keys stay ASCII', () => {
    expect(nameKey('Müller Handels GmbH')).toEqual(nameKey('Mueller Handels GmbH'));
    expect(nameKey('Möller Handels GmbH').key).not.toBe(nameKey('Müller Handels GmbH').key);
    expect(nameKey('广州绿叶贸易有限公司').key).toBe('lvye');
  });

  it('keys a name of only trade words or a place by those', () => {
    expect(nameKey('Guangzhou Machinery Co., Ltd.')).toMatchObject({ key: 'machinery', trades: 'machinery' });
    expect(nameKey('Shenzhen Co., Ltd.').key).toBe('shenzhen');
  });
});
