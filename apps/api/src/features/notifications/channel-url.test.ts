import { describe, expect, it } from '@jest/globals';
import { isPrivateAddress, parseChannelUrl } from './channel-url';

describe('isPrivateAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['10.0.0.8', true],
    ['172.20.1.1', true],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['::1', true],
    ['fe80::1', true],
    ['fd00::1', true],
    ['::ffff:127.0.0.1', true],
    ['not-an-ip', true],
    ['93.184.216.34', false],
    ['8.8.8.8', false],
    ['2606:4700:4700::1111', false],
    ['172.32.0.1', false],
  ])('returns for %s: %s', (address, blocked) => {
    expect(isPrivateAddress(address)).toBe(blocked);
  });
});

describe('parseChannelUrl', () => {
  it('rejects http, credentials in the URL and garbage; allows http only with custom endpoints', () => {
    expect(() => parseChannelUrl('http://hooks.example.com/x', false)).toThrow(/https/);
    expect(() => parseChannelUrl('https://user:pw@hooks.example.com/x', false)).toThrow(/password/);
    expect(() => parseChannelUrl('hooks.example.com', false)).toThrow(/full URL/);
    expect(() => parseChannelUrl('ftp://hooks.example.com', true)).toThrow(/https/);
    expect(parseChannelUrl('http://127.0.0.1:9000/x', true).port).toBe('9000');
    expect(parseChannelUrl('https://hooks.example.com/x', false).hostname).toBe('hooks.example.com');
  });
});
