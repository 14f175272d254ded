import { describe, expect, it } from 'vitest';
import { issueField } from './issue-field.js';

describe("an issue's field by the form's label", () => {
  const fields = { url: '机器人地址', password: '新密码', 'rep/email': 'E-mail', rep: 'Rep' };
  it('the whole pointer first, then its first part, else the pointer as sent', () => {
    expect(issueField('/url', fields)).toBe('机器人地址');
    expect(issueField('/password', fields)).toBe('新密码');
    expect(issueField('/rep/email', fields)).toBe('E-mail');
    expect(issueField('/rep/name', fields)).toBe('Rep');
    expect(issueField('/tags/0', { tags: 'Tags' })).toBe('Tags');
    expect(issueField('/other', fields)).toBe('/other');
    expect(issueField('', fields)).toBe('/');
    expect(issueField('/url', undefined)).toBe('/url');
  });
});
