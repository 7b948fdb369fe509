import { describe, expect, it } from '@jest/globals';
import { GOOGLE_TOKEN_URL, tokenUrlFor } from './auth';

const key = (token_uri?: unknown) => ({
  type: 'service_account' as const,
  project_id: 'p',
  client_email: 'a@p.iam.gserviceaccount.com',
  private_key: 'k',
  token_uri,
});

describe('tokenUrlFor', () => {
  it.each([
    // Production (no custom endpoint): always Google's, whatever the key file says.
    ['Google', undefined, 'https://oauth2.googleapis.com/token', GOOGLE_TOKEN_URL],
    ['a redirect in the key alone', undefined, 'http://127.0.0.1:9/token', GOOGLE_TOKEN_URL],
    // A custom API endpoint (simulator, private endpoint): the key's own token_uri.
    ['a simulator', 'http://127.0.0.1:9', 'http://127.0.0.1:9/token', 'http://127.0.0.1:9/token'],
    ['no token_uri', 'http://127.0.0.1:9', undefined, GOOGLE_TOKEN_URL],
    ['a token_uri that is not a URL', 'http://127.0.0.1:9', 'file:///etc/passwd', GOOGLE_TOKEN_URL],
  ])('%s', (_, baseUrl, tokenUri, expected) => {
    expect(tokenUrlFor(key(tokenUri), baseUrl)).toBe(expected);
  });
});
