import { describe, expect, it } from '@jest/globals';
import { ZLiteLlmCredentials } from './litellm';

describe('ZLiteLlmCredentials', () => {
  it.each([
    ['https://litellm.example.com/', 'https://litellm.example.com'],
    ['https://litellm.example.com', 'https://litellm.example.com'],
    ['http://127.0.0.1:4000//', 'http://127.0.0.1:4000'],
    ['https://gw.example.com/litellm/', 'https://gw.example.com/litellm'],
    ['HTTPS://LiteLLM.Example.com:443/', 'https://litellm.example.com'],
  ])('reads baseUrl %p as %p', (baseUrl, expected) => {
    expect(ZLiteLlmCredentials.parse({ apiKey: 'sk-1234', baseUrl })).toEqual({ apiKey: 'sk-1234', baseUrl: expected });
  });

  it.each([
    [{ baseUrl: 'litellm.example.com' }, 'baseUrl', /baseUrl is not a URL/],
    [{ baseUrl: 'ftp://litellm.example.com' }, 'baseUrl', /must start with http:\/\/ or https:\/\//],
    [{ baseUrl: 'https://admin:hunter22@litellm.example.com' }, 'baseUrl', /must not contain a user name or password/],
    [{ baseUrl: 'https://litellm.example.com/?key=1' }, 'baseUrl', /\?query or #fragment/],
    [{ baseUrl: undefined }, 'baseUrl', /baseUrl is required/],
    [{ apiKey: '' }, 'apiKey', /apiKey is empty: paste the proxy master key/],
  ])('rejects %p on %s', (change, field, message) => {
    const issues =
      ZLiteLlmCredentials.safeParse({ apiKey: 'sk-1234', baseUrl: 'https://litellm.example.com', ...change }).error
        ?.issues ?? [];
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toEqual([field]);
    expect(issues[0]?.message).toMatch(message);
    expect(issues[0]?.message).not.toContain('hunter22');
  });
});
