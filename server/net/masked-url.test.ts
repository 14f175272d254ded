import { describe, expect, it } from 'vitest';
import { maskedUrl } from './masked-url.js';

describe('maskedUrl', () => {
  it("shows a vendor credential's last four characters only", () => {
    expect(maskedUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa')).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…5aaa');
    expect(maskedUrl('https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef0123456789abcdef')).toBe('https://oapi.dingtalk.com/robot/send?access_token=…cdef');
    expect(maskedUrl('https://open.feishu.cn/open-apis/bot/v2/hook/2f1e6a0c-1234-4b5e-8a9d-0e1f2a3b4c5d')).toBe('https://open.feishu.cn/open-apis/bot/v2/hook/…4c5d');
  });

  it('shows nothing of a credential so short that four characters would be most of it', () => {
    expect(maskedUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcd')).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…');
    expect(maskedUrl('https://oapi.dingtalk.com/robot/send?access_token=secret12')).toBe('https://oapi.dingtalk.com/robot/send?access_token=…');
    expect(maskedUrl('https://open.feishu.cn/open-apis/bot/v2/hook/short')).toBe('https://open.feishu.cn/open-apis/bot/v2/hook/…');
  });

  it('masks every query parameter whatever its case, and any user name and password', () => {
    expect(maskedUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?KEY=secretkey9999999999&key=abcdefabcdefabcdef12')).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?KEY=…9999&key=…ef12');
    expect(maskedUrl('https://user:pass@robots.example/open-apis/bot/v2/hook/abc')).toBe('https://…:…@robots.example/open-apis/bot/v2/hook/…');
  });
});
