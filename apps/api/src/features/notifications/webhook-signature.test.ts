import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { signWebhook, verifyWebhookSignature } from './webhook-signature';

type Verify = (header: string, rawBody: string, secret: string, toleranceSeconds?: number) => boolean;

/** The verification snippet exactly as apps/api/README.md shows it. */
function readmeSnippet(): Verify {
  const readme = readFileSync(path.join(__dirname, '../../../README.md'), 'utf8');
  const block = /<!-- webhook-verify:start -->\s*```js\n([\s\S]*?)```\s*<!-- webhook-verify:end -->/.exec(readme);
  if (!block) throw new Error('The README has no webhook verification snippet');
  return new Function('require', `${block[1]}\nreturn verifySpendsyncSignature;`)(require) as Verify;
}

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const body = '{"type":"budget.threshold_fired","spent":"812.40"}';
  const now = Math.floor(Date.now() / 1000);

  it('returns true from the README snippet for a signature the server makes', () => {
    expect(readmeSnippet()(signWebhook(secret, now, body), body, secret)).toBe(true);
  });

  it.each([
    ['a changed body', () => signWebhook(secret, now, body), `${body} `, secret],
    ['another secret', () => signWebhook(secret, now, body), body, 'whsec_other'],
    ['an old timestamp', () => signWebhook(secret, now - 3_600, body), body, secret],
    ['a garbled header', () => 'v1=abc', body, secret],
  ])("returns false from the README snippet and the server's own check for %s", (_name, header, rawBody, key) => {
    expect(readmeSnippet()(header(), rawBody, key)).toBe(false);
    expect(verifyWebhookSignature(header(), rawBody, key, now)).toBe(false);
  });

  it('returns the documented header form', () => {
    expect(signWebhook('k', 1_700_000_000, '{}')).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
  });
});
