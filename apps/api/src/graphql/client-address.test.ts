import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from '@jest/globals';
import express from 'express';
import { clientAddressOf, type TrustProxy } from './client-address';

/** Express's own compiled trust function for a SPENDSYNC_TRUSTED_PROXIES value. */
const trustOf = (proxies: string[] | false): TrustProxy =>
  express().set('trust proxy', proxies).get('trust proxy fn') as TrustProxy;
const request = (remoteAddress: string, forwardedFor?: string) =>
  ({
    socket: { remoteAddress },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  }) as unknown as IncomingMessage;

describe('clientAddressOf', () => {
  it.each<[string, string[] | false, string, string | undefined, string]>([
    ['no trusted proxy: the connection', false, '127.0.0.1', '10.0.0.9', '127.0.0.1'],
    ['a trusted proxy: the address it reports', ['127.0.0.1'], '127.0.0.1', '10.0.0.9', '10.0.0.9'],
    [
      'a trusted proxy: the last hop, not a spoofed first one',
      ['127.0.0.1'],
      '127.0.0.1',
      '6.6.6.6, 10.0.0.9',
      '10.0.0.9',
    ],
    [
      'two trusted proxies in a row',
      ['127.0.0.1', '10.1.0.0/16'],
      '127.0.0.1',
      '6.6.6.6, 10.0.0.9, 10.1.2.3',
      '10.0.0.9',
    ],
    ['an untrusted peer sending the header', ['127.0.0.1'], '127.0.0.7', '10.0.0.9', '127.0.0.7'],
    ['a trusted proxy without the header', ['127.0.0.1'], '127.0.0.1', undefined, '127.0.0.1'],
  ])('returns, with %s', (_case, proxies, remote, forwardedFor, expected) => {
    expect(clientAddressOf(request(remote, forwardedFor), trustOf(proxies))).toBe(expected);
  });

  it("agrees with Express's req.ip", () => {
    const app = express().set('trust proxy', ['127.0.0.1', '10.1.0.0/16']);
    const req = Object.assign(Object.create(app.request), request('127.0.0.1', '6.6.6.6, 10.0.0.9, 10.1.2.3'), {
      app,
    }) as { ip: string };
    expect(req.ip).toBe('10.0.0.9');
  });
});
