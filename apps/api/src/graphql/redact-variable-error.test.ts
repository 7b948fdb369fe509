import { describe, expect, it } from '@jest/globals';
import { redactVariableError } from './redact-variable-error';

const SECRET = 'sk-ant-admin01-SECRETSECRETSECRET';

describe('redactVariableError', () => {
  it.each([
    [
      `Variable "$input" got invalid value { provider: "ANTHROPIC", credentials: { adminKey: "${SECRET}" } }; Field "label" of required type "String!" was not provided.`,
      'Field "label" of required type "String!" was not provided.',
      'Variable "$input" got an invalid value; Field "label" of required type "String!" was not provided.',
    ],
    [
      `Variable "$input" got invalid value 12 at "input.credentials.apiKey"; String cannot represent a non string value: 12`,
      'String cannot represent a non string value: 12',
      'Variable "$input" got an invalid value at "input.credentials.apiKey"; String cannot represent the given value.',
    ],
    [
      `Variable "$p" got invalid value "${SECRET}"; Value "${SECRET}" does not exist in "Provider" enum.`,
      `Value "${SECRET}" does not exist in "Provider" enum.`,
      'Variable "$p" got an invalid value; The value is not one of the "Provider" enum\'s values.',
    ],
    [
      `Variable "$amount" got invalid value 1.5; Decimal values are strings of digits with an optional sign and decimal point, e.g. "12.34".`,
      'Decimal values are strings of digits with an optional sign and decimal point, e.g. "12.34".',
      'Variable "$amount" got an invalid value; Decimal values are strings of digits with an optional sign and decimal point, e.g. "12.34".',
    ],
    [
      `Variable "$x" got invalid value "${SECRET}; at \\"x\\""; something odd: ${SECRET}`,
      `something odd: ${SECRET}`,
      'Variable "$x" got an invalid value; The value is not valid for its type.',
    ],
    [`Variable "$x" got invalid value "${SECRET}"; unknown`, undefined, 'Variable "$x" got an invalid value.'],
  ])('cuts the submitted value out of %#', (message, reason, expected) => {
    const redacted = redactVariableError(message, reason);
    expect(redacted).toBe(expected);
    expect(redacted).not.toContain(SECRET);
    expect(redacted).not.toContain('12 ');
  });

  it('leaves every other message alone', () => {
    expect(
      redactVariableError('Variable "$input" of required type "LinkProviderInput!" was not provided.', undefined),
    ).toBe('Variable "$input" of required type "LinkProviderInput!" was not provided.');
    expect(redactVariableError('Cannot query field "x" on type "Query".', undefined)).toBe(
      'Cannot query field "x" on type "Query".',
    );
  });
});
