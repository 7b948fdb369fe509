import { describe, expect, it } from '@jest/globals';
import { ZOpenAiCredentials } from './openai';

const messageFor = (input: unknown) =>
  ZOpenAiCredentials.safeParse(input).error?.issues.map((i) => [i.path.join('.'), i.message]);

describe('ZOpenAiCredentials', () => {
  it.each([
    ['sk-admin-1234abcd', 'sk-admin-1234abcd'],
    ['  sk-admin-AbC_d-9\n', 'sk-admin-AbC_d-9'],
  ])('accepts the Admin key %p', (apiKey, expected) => {
    expect(ZOpenAiCredentials.parse({ apiKey })).toEqual({ apiKey: expected });
  });

  it.each([
    [
      'sk-proj-AbCdEf123456',
      /project key \(sk-proj-…\).*Organization Admin key \(sk-admin-…\).*platform\.openai\.com → Settings → Organization → Admin keys/,
    ],
    ['sk-svcacct-AbCdEf123456', /service-account key.*Organization Admin key/],
    ['sk-AbCdEf1234567890', /user or legacy API key.*Organization Admin key.*Admin keys/],
    ['sess-AbCdEf1234567890', /not an OpenAI key.*Organization Admin key/],
    ['sk-admin-', /not a complete Admin key/],
    ['sk-admin-abc$def', /not a complete Admin key/],
    ['sk-admin-abc def', /contains spaces/],
    ['', /apiKey is empty/],
  ])('rejects %p with guidance', (apiKey, message) => {
    const issues = messageFor({ apiKey });
    expect(issues).toHaveLength(1);
    expect(issues?.[0]?.[0]).toBe('apiKey');
    expect(issues?.[0]?.[1]).toMatch(message);
    if (apiKey.length > 9) expect(issues?.[0]?.[1]).not.toContain(apiKey.trim());
  });

  it.each([
    [{}, 'apiKey is required: paste an OpenAI Organization Admin key (sk-admin-…)'],
    [{ apiKey: null }, 'apiKey is required: paste an OpenAI Organization Admin key (sk-admin-…)'],
    [{ apiKey: 42 }, 'apiKey must be text: paste an OpenAI Organization Admin key (sk-admin-…)'],
  ])('rejects %p naming the field', (input, message) => {
    expect(messageFor(input)).toEqual([['apiKey', message]]);
  });
});
