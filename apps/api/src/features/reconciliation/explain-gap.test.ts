import { describe, expect, it } from '@jest/globals';
import { Money, type ProviderId } from '@spendsync/domain';
import { explainGap, sameUsage, sumOfCauses, type Reconciliation } from './explain-gap';
import type { BilledLine, KeyRef, MeteredLine, Usage } from './reconciliation-lines';

const key = (id: string, label: string): KeyRef => ({
  id: `key:${id}`,
  apiKeyId: id,
  providerAccountId: 'acct-1',
  externalId: `ext-${id}`,
  label,
});
const A = key('a', 'sk-...aaaa');
const U = key('u', 'sk-...uuuu');
const GHOST: KeyRef = {
  id: 'hint:openai:sk-...ghst',
  apiKeyId: null,
  providerAccountId: null,
  externalId: null,
  label: 'sk-...ghst',
};
const usage = (tokens: number | null, units: string | null = null): Usage => ({
  tokens: tokens === null ? null : BigInt(tokens),
  requests: null,
  units: units === null ? null : new Money(units),
});
const openai = 'openai' as ProviderId;

function billed(
  day: string,
  k: KeyRef,
  model: string,
  cost: string,
  u: Usage,
  extra: Partial<BilledLine> = {},
): BilledLine {
  const line = { day, provider: openai, key: k, model, usage: u, provisional: false };
  return { ...line, cost: new Money(cost), credits: new Money(0), ...extra };
}
function metered(
  day: string,
  k: KeyRef,
  model: string,
  cost: string | null,
  u: Usage,
  extra: Partial<MeteredLine> = {},
): MeteredLine {
  const line = { day, provider: openai, key: k, model, usage: u, provisional: false };
  return { ...line, cost: cost === null ? null : new Money(cost), knownCost: new Money(cost ?? 0), ...extra };
}

/** One line per cause, each built to land in it (see the comments), plus decimals that floats would get wrong. */
const BILLED: BilledLine[] = [
  billed('2026-03-01', A, 'gpt-4o', '10.00', usage(1000), { credits: new Money('1.5') }), // price 0.75, credits -1.5
  billed('2026-03-01', U, 'gpt-4o', '0.1', usage(10)), // uninstrumented: U never metered
  billed('2026-03-01', U, 'gpt-4o', '0.2', usage(20)), //   … same cell, another record (0.1 + 0.2 = 0.3 exactly)
  billed('2026-03-02', U, 'gpt-4o', '3.8', usage(380)), //   … another day
  billed('2026-03-01', A, 'dall-e-3', '2.2', usage(null, '4')), // unmetered model: nobody reported dall-e-3
  billed('2026-03-02', A, 'gpt-4o', '5', usage(500)), // unexplained: metering saw 400 tokens, not 500
  billed('2026-03-03', A, 'gpt-4o', '1.05', usage(100), { provisional: true }), // provisional
];
const METERED: MeteredLine[] = [
  metered('2026-03-01', A, 'gpt-4o', '9.25', usage(1000)),
  metered('2026-03-02', A, 'gpt-4o', '3.3', usage(400)),
  metered('2026-03-03', A, 'gpt-4o', '2.00', usage(180), { provisional: true }),
  metered('2026-03-02', GHOST, 'gpt-4o', '0.6', usage(60)), // unmatched: this hint was never billed
  metered('2026-03-02', A, 'phantom-model', '0.25', usage(25)), // unmatched: this model was never billed
];

const amounts = (r: Reconciliation) => Object.fromEntries(r.causes.map((c) => [c.cause, c.amount.toFixed()]));

describe('explainGap', () => {
  const result = explainGap(BILLED, METERED);

  it('gives every cause its exact amount, and the causes sum to the gap exactly', () => {
    const totals = [result.billed, result.credits, result.net, result.metered, result.gap].map((m) => m.toFixed());
    expect(
      Object.fromEntries(['billed', 'credits', 'net', 'metered', 'gap'].map((name, i) => [name, totals[i]])),
    ).toEqual({ billed: '22.35', credits: '1.5', net: '20.85', metered: '15.4', gap: '5.45' });
    expect(amounts(result)).toEqual({
      uninstrumented_keys: '4.1',
      unmetered_models: '2.2',
      unmatched_metered: '-0.85',
      provisional_days: '-0.95',
      price_differences: '0.75',
      credits: '-1.5',
      unexplained: '1.7',
    });
    expect(sumOfCauses(result.causes).eq(result.gap)).toBe(true);
    expect(result.coverage!.toFixed()).toBe(new Money('15.4').div('22.35').toFixed());
  });

  it('names the keys, models, days and providers behind each cause', () => {
    const named = Object.fromEntries(
      result.causes.map((c) => [
        c.cause,
        c.entities.map((e) => [e.kind, e.key?.label ?? e.model ?? e.day ?? e.provider, e.amount.toFixed()]),
      ]),
    );
    expect(named).toEqual({
      uninstrumented_keys: [['api_key', 'sk-...uuuu', '4.1']],
      unmetered_models: [['model', 'dall-e-3', '2.2']],
      unmatched_metered: [
        ['api_key', 'sk-...ghst', '-0.6'],
        ['model', 'phantom-model', '-0.25'],
      ],
      provisional_days: [['day', '2026-03-03', '-0.95']],
      price_differences: [['model', 'gpt-4o', '0.75']],
      credits: [['provider', 'openai', '-1.5']],
      unexplained: [['model', 'gpt-4o', '1.7']],
    });
  });

  it('splits the gap per day, each day summing to its own gap', () => {
    const days = result.days.map((d) => [
      d.day,
      ...[d.billed, d.metered, d.gap].map((m) => m.toFixed()),
      d.provisional,
    ]);
    expect(days).toEqual([
      ['2026-03-01', '12.5', '9.25', '1.75', false],
      ['2026-03-02', '8.8', '4.15', '4.65', false],
      ['2026-03-03', '1.05', '2', '-0.95', true],
    ]);
    for (const day of result.days) {
      expect(sumOfCauses(Object.values(day.causes).map((amount) => ({ amount }))).eq(day.gap)).toBe(true);
    }
    expect(result.days.reduce((s, d) => s.plus(d.gap), new Money(0)).eq(result.gap)).toBe(true);
  });

  it('counts a key as instrumented once it reports anything: its unmetered day becomes unexplained', () => {
    const withU = explainGap(BILLED, [...METERED, metered('2026-03-02', U, 'gpt-4o', '3.8', usage(380))]);
    expect(amounts(withU)).toMatchObject({ uninstrumented_keys: '0', price_differences: '0.75', unexplained: '2' });
    expect(sumOfCauses(withU.causes).eq(withU.gap)).toBe(true);
  });

  it('does not call a difference a price when a report sent no cost estimate', () => {
    const noEstimate = explainGap([BILLED[0]!], [metered('2026-03-01', A, 'gpt-4o', null, usage(1000))]);
    expect(amounts(noEstimate)).toMatchObject({ price_differences: '0', unexplained: '10', credits: '-1.5' });
    expect(noEstimate.meteredLinesWithoutCost).toBe(1);
    expect(sumOfCauses(noEstimate.causes).eq(noEstimate.gap)).toBe(true);
  });

  it('judges whether a key or model is metered over the whole period, not the narrowed lines', () => {
    const dalle = BILLED.filter((l) => l.model === 'dall-e-3');
    expect(amounts(explainGap(dalle, []))).toMatchObject({ uninstrumented_keys: '2.2', unmetered_models: '0' });
    expect(amounts(explainGap(dalle, [], { billed: BILLED, metered: METERED }))).toMatchObject({
      uninstrumented_keys: '0',
      unmetered_models: '2.2',
    });
  });

  it('is all zero with nothing on either side (coverage unknown, not zero)', () => {
    const empty = explainGap([], []);
    expect(empty.gap.isZero() && empty.causes.every((c) => c.amount.isZero())).toBe(true);
    expect(empty.coverage).toBeNull();
  });
});

describe('sameUsage', () => {
  it.each<[string, Usage, Usage, boolean]>([
    ['equal tokens', usage(5), usage(5), true],
    ['different tokens', usage(5), usage(6), false],
    ['equal units when tokens are unknown', usage(null, '2.5'), usage(null, '2.50'), true],
    ['nothing comparable', usage(null), usage(null), false],
  ])('%s', (_case, a, b, same) => expect(sameUsage(a, b)).toBe(same));
});
