import { describe, expect, it } from '@jest/globals';
import { deliverSession, readSessionCookie, type SessionCookie } from './session-cookie';
import { issueToken } from './token';

const session = issueToken('session').token;

describe('readSessionCookie', () => {
  it.each([
    [`spendsync_session=${session}`, session],
    [`theme=dark; spendsync_session=${session}; other=1`, session],
    [`spendsync_session=${issueToken('apiToken').token}`, null], // API tokens never ride in cookies
    ['spendsync_session=', null],
    ['not_spendsync_session=sss_x', null],
    ['', null],
  ])('reads %j as %j', (header, expected) => {
    expect(readSessionCookie(header)).toBe(expected);
  });
});

describe('deliverSession', () => {
  const issued = { token: session, expiresAt: new Date('2030-01-01T00:00:00Z'), user: {} as never };
  const jar = (isRequested: boolean) => {
    const set: string[] = [];
    const cookie: SessionCookie = { isRequested, set: (token) => void set.push(token), clear: () => undefined };
    return { cookie, set };
  };

  it('returns the token in the body when no cookie was asked for', () => {
    const { cookie, set } = jar(false);
    expect(deliverSession(cookie, issued).token).toBe(session);
    expect(deliverSession(undefined, issued).token).toBe(session);
    expect(set).toEqual([]);
  });

  it('sets the cookie and returns a null token when asked for', () => {
    const { cookie, set } = jar(true);
    expect(deliverSession(cookie, issued)).toEqual({ ...issued, token: null });
    expect(set).toEqual([session]);
  });
});
