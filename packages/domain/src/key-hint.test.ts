import { describe, expect, it } from '@jest/globals';
import { PROVIDER_IDS } from './provider-id';
import { buildCredentials } from './testing';
import { credentialKeyHint, keyHint } from './key-hint';

describe('keyHint', () => {
  it.each([
    ['sk-ant-api03-Z4CxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxEQAA', 'sk-ant-api03-Z4C...EQAA'],
    ['sk-ant-admin01-AbCdefghijklmnopqrstuvwxyz0123456789-XyZw', 'sk-ant-admin01-AbC...XyZw'],
    ['sk-admin-1234abcdefghijklmnopqrstuvwxyz', 'sk-admin-123...wxyz'],
    ['sk-proj-AbCdefghijklmnopqrstuvwxyz9876', 'sk-proj-AbC...9876'],
    ['sk-svcacct-AbCdefghijklmnopqrstuvwxyz9876', 'sk-svcacct-AbC...9876'],
    [`sk-or-v1-${'a1'.repeat(31)}ffff`, 'sk-or-v1-a1a...ffff'],
    [`key_${'0123456789abcdef'.repeat(8)}`, 'key_012...cdef'],
    ['AKIAIOSFODNN7EXAMPLE', 'AKIAIO...PLE'], // 16 after the prefix: at most 5 shown
    ['ASIAIOSFODNN7EXAMPLE', 'ASIAIO...PLE'],
    ['sk-abcdefghijklmnopqrstu', 'sk-abc...rstu'], // 21 after the prefix: the full 3 + 4
    ['sk-abcdefghijklmnopqrst', 'sk-abc...rst'], // 20: budget 6
    ['sk-abcdefghijkl', 'sk-ab...kl'], // 12: budget 4
    ['sk-1234', 'sk-...4'], // 4: budget 1
    ['sk-12', 'sk-...'],
    ['sk-', 'sk-...'],
    ['0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', '0a1...3c4d'], // unknown prefix: the whole value counts
    ['  sk-proj-AbCdefghijklmnopqrstuvwxyz9876\n', 'sk-proj-AbC...9876'],
    ['', '...'],
  ])('keyHint(%p) returns %p', (secret, expected) => {
    expect(keyHint(secret)).toBe(expected);
  });

  it('never shows more than a third of the characters after the prefix', () => {
    for (let n = 0; n <= 60; n += 1) {
      const rest = 'x'.repeat(n);
      const hint = keyHint(`sk-proj-${rest}`);
      const shown = hint.length - 'sk-proj-'.length - '...'.length;
      expect(shown).toBeLessThanOrEqual(Math.floor(n / 3));
      expect(shown).toBeLessThanOrEqual(7);
    }
  });
});

describe('credentialKeyHint', () => {
  it.each([
    ['openai', 'sk-admin-Tes...6789'],
    ['anthropic', 'sk-ant-admin01-Tes...EfAA'],
    ['aws-bedrock', 'AKIAIO...PLE'],
    ['vertex-ai', 'billing-reader@spendsync-test.iam.gserviceaccount.com'],
    ['azure', '666...0000'],
    ['fal', '0a1...3c4d'],
    ['runway', 'key_012...cdef'],
    ['openrouter', 'sk-or-v1-b2b...b2b2'],
    ['litellm', 'sk-...4 @ 127.0.0.1:4000'],
  ] as const)('%s: returns %p', (provider, expected) => {
    expect(credentialKeyHint(provider, buildCredentials(provider))).toBe(expected);
  });

  it('falls back to the OpenRouter API key without a management key', () => {
    expect(credentialKeyHint('openrouter', { apiKey: `sk-or-v1-${'c3'.repeat(32)}` })).toBe('sk-or-v1-c3c...c3c3');
  });

  it.each(PROVIDER_IDS)('%s: never contains a secret field', (provider) => {
    const credentials = buildCredentials(provider) as Record<string, unknown>;
    const hint = credentialKeyHint(provider, buildCredentials(provider));
    for (const secret of ['apiKey', 'secretAccessKey', 'clientSecret', 'provisioningKey']) {
      if (typeof credentials[secret] === 'string') expect(hint).not.toContain(credentials[secret]);
    }
    expect(hint).not.toContain('PRIVATE KEY');
  });
});
