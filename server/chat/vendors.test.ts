import { describe, expect, it } from 'vitest';
import { windowRoom } from './robot-sender.js';
import { dingtalkSign, feishuSign, messageBody, readAnswer, signedRequest, urlShapeProblem } from './vendors.js';

describe('vendor signing', () => {
  it('signs DingTalk as its documentation does (the published vector of an independent client)', () => {
    // docs.rs/crate/dingding: create_signature("1700000000000", "secret")
    expect(dingtalkSign('secret', 1_700_000_000_000)).toBe('OuzzJR5%2BxZ4%2FEYwqtNt6sMYZQMTa%2FHEGvc9miJe7XzY%3D');
  });

  it('puts DingTalk’s timestamp and sign in the query and Feishu’s in the body', () => {
    const now = new Date(1_700_000_000_000);
    const ding = signedRequest('dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=t', 'secret', { msgtype: 'text' }, now);
    expect(ding.url).toBe('https://oapi.dingtalk.com/robot/send?access_token=t&timestamp=1700000000000&sign=OuzzJR5%2BxZ4%2FEYwqtNt6sMYZQMTa%2FHEGvc9miJe7XzY%3D');
    const feishu = JSON.parse(signedRequest('feishu', 'https://open.feishu.cn/open-apis/bot/v2/hook/x', 'secret', { msg_type: 'text' }, now).body);
    expect(feishu).toMatchObject({ timestamp: '1700000000', sign: feishuSign('secret', 1_700_000_000), msg_type: 'text' });
    expect(feishuSign('secret', 1_700_000_000)).not.toBe(feishuSign('secret', 1_700_000_001));
  });
});

describe('answers', () => {
  it('delivers only on errcode 0 / code 0; a 200 with another code fails; the vendors’ limit codes are rate limits', () => {
    expect(readAnswer('wecom', 200, '{"errcode":0,"errmsg":"ok"}')).toBe('delivered');
    expect(readAnswer('wecom', 200, '{"errcode":93000,"errmsg":"invalid webhook url"}')).toBe('failed');
    expect(readAnswer('wecom', 200, '{"errcode":45009,"errmsg":"api freq out of limit"}')).toBe('rate_limited');
    expect(readAnswer('dingtalk', 200, '{"errcode":130101,"errmsg":"send too fast"}')).toBe('rate_limited');
    expect(readAnswer('feishu', 200, '{"code":0,"msg":"success","data":{}}')).toBe('delivered');
    expect(readAnswer('feishu', 200, '{"code":11232,"msg":"frequency limited"}')).toBe('rate_limited');
    expect(readAnswer('feishu', 200, '{"code":19021,"msg":"sign match fail"}')).toBe('failed');
    expect(readAnswer('feishu', 500, 'oops')).toBe('failed');
    expect(readAnswer('dingtalk', 429, '')).toBe('rate_limited');
  });
});

describe('message shapes', () => {
  const mention = { name: 'Wang', mobile: '13800001111', userId: null };
  it('WeCom mentions a mobile-only rep with a text message, a user id in markdown', () => {
    expect(messageBody('wecom', { title: 'T', lines: ['[Open](https://x/ui)'], mentions: [mention] })).toEqual({
      msgtype: 'text',
      text: { content: 'T\nOpen https://x/ui', mentioned_list: [], mentioned_mobile_list: ['13800001111'] },
    });
    expect(messageBody('wecom', { title: 'T', lines: ['a'], mentions: [{ ...mention, userId: 'wang' }] })).toEqual({ msgtype: 'markdown', markdown: { content: '**T**\na\n<@wang>' } });
  });

  it('DingTalk names each mention in the text as well as in at', () => {
    const body = messageBody('dingtalk', { title: 'T', lines: ['a'], mentions: [mention] }) as { markdown: { text: string }; at: unknown };
    expect(body.at).toEqual({ atMobiles: ['13800001111'], atUserIds: [], isAtAll: false });
    expect(body.markdown.text).toContain('@13800001111');
  });

  it('checks the shape of each vendor’s URL', () => {
    expect(urlShapeProblem('wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k')).toBeNull();
    expect(urlShapeProblem('wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send')).not.toBeNull();
    expect(urlShapeProblem('dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=t')).toBeNull();
    expect(urlShapeProblem('feishu', 'https://open.feishu.cn/open-apis/bot/v2/hook/abc')).toBeNull();
    expect(urlShapeProblem('feishu', 'https://open.feishu.cn/open-apis/bot/v2/hook/')).not.toBeNull();
  });
});

describe('the rate window', () => {
  const at = (ms: number) => new Date(1_000_000 + ms);
  it('has room for 20 WeCom messages a minute and says when the next slot frees', () => {
    const sent = Array.from({ length: 20 }, (_, i) => at(i * 100));
    expect(windowRoom('wecom', sent.slice(0, 5), at(3_000), 60_000)).toMatchObject({ now: 15, long: 15 });
    const full = windowRoom('wecom', sent, at(3_000), 60_000);
    expect(full.now).toBe(0);
    // The first attempt leaves the window (plus its margin) at 0 + 60 s + 1.2 s.
    expect(full.waitMs).toBe(61_200 - 3_000 + 1);
  });

  it('keeps Feishu to 5 a second within its 100 a minute', () => {
    const burst = Array.from({ length: 5 }, (_, i) => at(i * 10));
    expect(windowRoom('feishu', burst, at(100), 60_000)).toMatchObject({ now: 0, long: 95 });
    expect(windowRoom('feishu', burst, at(1_200), 60_000)).toMatchObject({ now: 5, long: 95 });
  });
});

describe('size limits', () => {
  it('keeps a long WeCom message with a mobile-only mention as markdown (text holds 2048 bytes)', () => {
    const lines = Array.from({ length: 60 }, (_, i) => `- 已收回公海：客户 ${i} 有限公司`);
    const body = messageBody('wecom', { title: '汇总', lines, mentions: [{ name: 'Li', mobile: '13800001111', userId: null }] }) as { msgtype: string };
    expect(body.msgtype).toBe('markdown');
  });
});
