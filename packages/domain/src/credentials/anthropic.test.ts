import { describe, expect, it } from '@jest/globals';
import { ZAnthropicCredentials } from './anthropic';

describe('ZAnthropicCredentials', () => {
  it.each(['sk-ant-admin01-AbCdEf_123-xyzAA', 'sk-ant-adminXYZ-abc'])('accepts the Admin key %p', (apiKey) => {
    expect(ZAnthropicCredentials.parse({ apiKey: ` ${apiKey} ` })).toEqual({ apiKey });
  });

  it.each([
    [
      'sk-ant-api03-Z4CabcdefEQAA',
      /regular API key \(sk-ant-api03-…\).*Admin API key is needed.*Console → Settings → Admin keys/,
    ],
    ['sk-ant-oat01-abcdef', /not an Admin API key.*Console → Settings → Admin keys/],
    ['sk-admin-abcdef', /not an Anthropic key.*Admin API key is needed/],
    ['sk-ant-admin01-ab/cd', /not a complete Admin API key/],
  ])('rejects %p with guidance', (apiKey, message) => {
    const issues = ZAnthropicCredentials.safeParse({ apiKey }).error?.issues ?? [];
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toEqual(['apiKey']);
    expect(issues[0]?.message).toMatch(message);
    expect(issues[0]?.message).not.toContain(apiKey);
  });
});
