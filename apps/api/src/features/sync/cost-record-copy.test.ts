import { describe, expect, it } from '@jest/globals';
import { Money } from '@spendsync/domain';
import { buildCostRecord } from '@spendsync/domain/testing';
import { COPY_COLUMNS, copyField, toCopyLine } from './cost-record-copy';

describe('copyField', () => {
  it.each<[string | null, string]>([
    [null, '\\N'],
    ['', ''],
    ['plain', 'plain'],
    ['a\tb', 'a\\tb'],
    ['a\nb\r\n', 'a\\nb\\r\\n'],
    ['back\\slash', 'back\\\\slash'],
    ['\\N', '\\\\N'],
    ['ünï 🔑', 'ünï 🔑'],
  ])('encodes %j as %j', (value, expected) => {
    expect(copyField(value)).toBe(expected);
  });
});

describe('toCopyLine', () => {
  const owner = { organizationId: 'org-1', providerAccountId: 'acc-1' };

  it('writes one tab-separated field per column and ends with a newline', () => {
    const line = toCopyLine(owner, buildCostRecord());
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1).split('\t')).toHaveLength(COPY_COLUMNS.length);
  });

  it('writes exact decimal text, never an exponent or a float', () => {
    const fields = toCopyLine(
      owner,
      buildCostRecord({
        cost: new Money('1e-9'),
        creditsApplied: new Money('123456789.123456789'),
        unit: 'seconds',
        quantity: new Money('2.50'),
      }),
    )
      .slice(0, -1)
      .split('\t');
    const at = (column: (typeof COPY_COLUMNS)[number]) => fields[COPY_COLUMNS.indexOf(column)];
    expect([at('cost'), at('credits_applied'), at('quantity')]).toEqual(['0.000000001', '123456789.123456789', '2.5']);
  });

  it('writes unknown counts as NULL, not zero, and mix as JSON', () => {
    const fields = toCopyLine(
      owner,
      buildCostRecord({ requests: null, inputTokens: 0, mix: { size: { '1024x1024': 2 } } }),
    )
      .slice(0, -1)
      .split('\t');
    expect(fields[COPY_COLUMNS.indexOf('requests')]).toBe('\\N');
    expect(fields[COPY_COLUMNS.indexOf('input_tokens')]).toBe('0');
    expect(fields[COPY_COLUMNS.indexOf('mix')]).toBe('{"size":{"1024x1024":2}}');
  });
});

describe('toCopyLine: refunds, discounts and billing currency', () => {
  const owner = { organizationId: 'org-1', providerAccountId: 'acc-1' };
  const fieldsOf = (record: Parameters<typeof toCopyLine>[1]) => {
    const fields = toCopyLine(owner, record).slice(0, -1).split('\t');
    return (column: (typeof COPY_COLUMNS)[number]) => fields[COPY_COLUMNS.indexOf(column)];
  };

  it('writes 0 refunds and discounts and NULL billing fields when a record states none', () => {
    const at = fieldsOf(buildCostRecord());
    expect([at('refunds'), at('discounts'), at('discount_kinds'), at('billing_currency'), at('billing_cost')]).toEqual([
      '0',
      '0',
      '\\N',
      '\\N',
      '\\N',
    ]);
  });

  it('writes them exactly when stated', () => {
    const at = fieldsOf(
      buildCostRecord({
        creditsApplied: new Money('1'),
        refunds: new Money('0.10'),
        discounts: new Money('0.3'),
        discountKinds: 'EdpDiscount',
        billingCurrency: 'EUR',
        billingCost: new Money('0.92'),
      }),
    );
    expect([at('refunds'), at('discounts'), at('discount_kinds'), at('billing_currency'), at('billing_cost')]).toEqual([
      '0.1',
      '0.3',
      'EdpDiscount',
      'EUR',
      '0.92',
    ]);
  });
});
