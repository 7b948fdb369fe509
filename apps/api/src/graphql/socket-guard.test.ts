import { describe, expect, it } from '@jest/globals';
import { GraphQLError } from 'graphql';
import type { Caller } from '../features/auth/caller';
import { createCredentialRecheck } from './socket-guard';

const caller = { userId: 'u1', organizationId: 'o1', role: 'admin' } as unknown as Caller;
const refusal = () => new GraphQLError('not valid', { extensions: { code: 'UNAUTHENTICATED' } });

describe('createCredentialRecheck', () => {
  it('reports a valid credential with its caller, and caches it for recheckMs', async () => {
    let calls = 0;
    let t = 0;
    const recheck = createCredentialRecheck(
      async () => {
        calls += 1;
        return caller;
      },
      1_000,
      () => t,
    );
    expect(await recheck('Bearer a')).toEqual({ kind: 'valid', caller });
    t = 999;
    await recheck('Bearer a');
    expect(calls).toBe(1);
    t = 1_000;
    await recheck('Bearer a');
    expect(calls).toBe(2);
  });

  it('reports a refused or missing credential as ended', async () => {
    const refused = createCredentialRecheck(async () => Promise.reject(refusal()), 1_000);
    expect(await refused('Bearer a')).toEqual({ kind: 'ended' });
    const none = createCredentialRecheck(async () => null, 1_000);
    expect(await none('Bearer a')).toEqual({ kind: 'ended' });
    expect(await none(undefined)).toEqual({ kind: 'ended' });
  });

  it('reports a failed check (database down) as unavailable, not ended, and does not cache it', async () => {
    let down = true;
    const recheck = createCredentialRecheck(async () => {
      if (down) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
      return caller;
    }, 60_000);
    expect(await recheck('Bearer a')).toEqual({ kind: 'unavailable' });
    down = false;
    expect(await recheck('Bearer a')).toEqual({ kind: 'valid', caller });
  });
});
