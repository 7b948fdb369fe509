import { describe, expect, it } from '@jest/globals';
import { ZRunwayCredentials } from './runway';

describe('ZRunwayCredentials', () => {
  it.each([`key_${'0123456789abcdef'.repeat(8)}`, 'key_DEADBEEF'])('accepts %p', (apiKey) => {
    expect(ZRunwayCredentials.parse({ apiKey })).toEqual({ apiKey });
  });

  it.each(['key_', 'key_xyz123', 'sk-0123abcd', 'KEY_0123', '0123456789abcdef'])('rejects %p', (apiKey) => {
    const issues = ZRunwayCredentials.safeParse({ apiKey }).error?.issues ?? [];
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toMatch(
      /apiKey is not a Runway API key \(key_ followed by hex characters\); create one at dev\.runwayml\.com → API Keys/,
    );
  });
});
