import { describe, expect, it } from '@jest/globals';
import { compileOutboundPolicy, outboundRefusal } from './outbound-policy';

const closed = compileOutboundPolicy({ allowPrivate: false, allowedHosts: [] });
const open = compileOutboundPolicy({ allowPrivate: true, allowedHosts: [] });
const allowed = compileOutboundPolicy({
  allowPrivate: false,
  allowedHosts: ['LiteLLM.internal', '10.1.0.0/16', '127.0.0.1', '[::1]'],
});

describe('outboundRefusal', () => {
  it.each([
    ['api.openai.com', '104.18.7.192'],
    ['api.anthropic.com', '2607:6bc0::10'],
  ])('lets %s at public %s through', (host, address) => {
    expect(outboundRefusal(host, address, closed)).toBeUndefined();
  });

  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['localhost', '127.0.0.1'],
    ['localhost', '::1'],
    ['proxy', '10.0.0.7'],
    ['proxy', '172.20.1.1'],
    ['proxy', '192.168.1.10'],
    ['proxy', '100.64.0.1'],
    ['proxy', 'fd12::1'],
    ['zero', '0.0.0.0'],
    ['mapped', '::ffff:127.0.0.1'],
  ])('refuses %s at loopback or private %s unless allowed, naming the setting', (host, address) => {
    expect(outboundRefusal(host, address, closed)).toMatch(
      /loopback or private address .*SPENDSYNC_LITELLM_ALLOWED_HOSTS/,
    );
    expect(outboundRefusal(host, address, open)).toBeUndefined();
  });

  it.each([
    ['metadata', '169.254.169.254'],
    ['169.254.169.254', '169.254.169.254'],
    ['fe80::1', 'fe80::1'],
    ['aws6', 'fd00:ec2::254'],
    ['mapped', '::ffff:169.254.169.254'],
  ])('always refuses link-local and metadata %s (%s), even when private hosts are allowed', (host, address) => {
    const both = compileOutboundPolicy({ allowPrivate: true, allowedHosts: [address, host, '169.254.0.0/16'] });
    expect(outboundRefusal(host, address, both)).toMatch(/link-local or cloud metadata address/);
    expect(outboundRefusal(host, address, closed)).toMatch(/link-local or cloud metadata address/);
  });

  it.each([
    ['litellm.internal', '10.9.9.9', undefined],
    ['LITELLM.INTERNAL', '192.168.0.4', undefined],
    ['other.internal', '10.1.200.3', undefined],
    ['other.internal', '10.2.0.1', 'refused'],
    ['127.0.0.1', '127.0.0.1', undefined],
    ['localhost', '127.0.0.1', undefined],
    ['localhost', '::1', undefined],
    ['localhost', '127.0.0.2', 'refused'],
  ])('allows what SPENDSYNC_LITELLM_ALLOWED_HOSTS names: %s at %s', (host, address, outcome) => {
    const refusal = outboundRefusal(host, address, allowed);
    if (outcome === undefined) expect(refusal).toBeUndefined();
    else expect(refusal).toMatch(/loopback or private/);
  });

  it('refuses a name that did not resolve to an address', () => {
    expect(outboundRefusal('weird', 'not-an-ip', open)).toMatch(/did not resolve/);
  });
});
