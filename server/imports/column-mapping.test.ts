import { describe, expect, it } from 'vitest';
import { mapColumns } from './column-mapping.js';

describe('mapColumns', () => {
  it('recognises headers whatever their case, full-width punctuation or bracketed qualifier', () => {
    const headers = ['公司名称(英文)', 'Contact Name', 'EMAIL', 'Phone（Mobile）', 'Country [ISO]', '【来源】渠道'];
    expect(mapColumns(headers).mapping).toEqual({
      '公司名称(英文)': 'companyName',
      'Contact Name': 'contactName',
      EMAIL: 'email',
      'Phone（Mobile）': 'phone',
      'Country [ISO]': 'country',
      '【来源】渠道': 'source',
    });
    expect(mapColumns(['Company Name (EN)']).mapping).toEqual({ 'Company Name (EN)': 'companyName' });
    expect(mapColumns(['公司名称（英文）']).mapping).toEqual({ '公司名称（英文）': 'companyName' });
  });

  it('reads "a/b" headers as alternatives, the first recognised one winning', () => {
    expect(mapColumns(['国家/地区', 'Country / Region']).mapping).toEqual({ '国家/地区': 'country', 'Country / Region': 'region' });
  });

  it('recognises the headers of Alibaba exports', () => {
    const { mapping, unmapped } = mapColumns(['公司名称(英文)', '联系人姓名', 'E-mail地址', '手机号码', '国家/地区', '公司网址']);
    expect(mapping).toEqual({ '公司名称(英文)': 'companyName', 联系人姓名: 'contactName', 'E-mail地址': 'email', 手机号码: 'phone', '国家/地区': 'country', 公司网址: 'website' });
    expect(unmapped).toEqual([]);
  });

  it('does not take an address or a second company column for the company name', () => {
    expect(mapColumns(['公司地址', 'Company (2)', 'Company']).mapping).toEqual({ Company: 'companyName' });
  });

  it('puts an explicit mapping first', () => {
    expect(mapColumns(['Firma', 'Company'], { Firma: 'companyName' }).mapping).toEqual({ Firma: 'companyName' });
  });
});
