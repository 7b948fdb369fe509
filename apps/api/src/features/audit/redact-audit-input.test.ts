import { describe, expect, it } from '@jest/globals';
import { REDACTED, redactAuditInput } from './redact-audit-input';

describe('redactAuditInput', () => {
  it('redacts secrets and one-time sign-in codes, and keeps references to them', () => {
    expect(
      redactAuditInput({ code: 'one-time', password: 'pw', apiTokenId: 't-1', input: { credentials: { k: 1 } } }),
    ).toEqual({ code: REDACTED, password: REDACTED, apiTokenId: 't-1', input: { credentials: REDACTED } });
  });
});
