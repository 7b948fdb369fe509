import { describe, expect, it } from '@jest/globals';
import { ZCostRecord, formatMoney, parseMoney } from '@spendsync/domain';
import { isAdapterError } from '../../errors';
import activityFixture from './fixtures/activity.json';
import keysFixture from './fixtures/keys.json';
import { mapActivityDay, sumActivity, toKeyRef, type ActivityUsage, type DayUsage } from './map';
import { ZActivity, ZKeysPage } from './raw';

const usage = (
  cost: string,
  requests: number | null,
  input: number | null = 0,
  output: number | null = 0,
): ActivityUsage => ({
  cost: parseMoney(cost),
  requests,
  inputTokens: input,
  outputTokens: output,
});
const dayOf = (entries: [string, ActivityUsage][]): DayUsage => new Map(entries);
const KEY = { id: 'hash-a', name: 'Production', hint: 'sk-or-v1-0e6...1c9', workspaceId: 'ws-1' };
const OTHER = { id: 'hash-b', name: null, hint: null, workspaceId: null };
const plain = (r: { apiKeyId: string | null; model: string; cost: { toFixed(): string }; requests: number | null }) => [
  r.apiKeyId,
  r.model,
  r.cost.toFixed(),
  r.requests,
];

describe('sumActivity', () => {
  const rows = ZActivity.parse(activityFixture).data;

  it('returns one sum per model, adding the provider endpoints exactly (0.1 + 0.2 = 0.3)', () => {
    const day = sumActivity(rows).get('2026-01-05');
    const gpt = day?.get('openai/gpt-4o');
    expect(gpt && { ...gpt, cost: formatMoney(gpt.cost) }).toEqual({
      cost: '0.3',
      requests: 15,
      inputTokens: 6400,
      outputTokens: 1500,
    });
    expect([...(day?.keys() ?? [])]).toEqual([
      'openai/gpt-4o',
      'anthropic/claude-sonnet-4',
      'meta-llama/llama-3.3-70b-instruct:free',
    ]);
  });

  it('counts only what OpenRouter charged for BYOK requests, not the upstream inference cost', () => {
    expect(
      formatMoney(sumActivity(rows).get('2026-01-05')?.get('anthropic/claude-sonnet-4')?.cost ?? parseMoney(-1)),
    ).toBe('0.00045');
  });

  it('drops rows outside the range, reads a date with a time part and falls back to the permaslug', () => {
    const more = [
      ...rows,
      { date: '2026-01-06 00:00:00', model: null, model_permaslug: 'x/y-2025', usage: '1.5', requests: '2' },
    ];
    expect(
      [...sumActivity(more, { start: '2026-01-06', end: '2026-01-07' }).entries()].map(([d, m]) => [d, [...m.keys()]]),
    ).toEqual([['2026-01-06', ['x/y-2025']]]);
  });

  it.each([
    [{ date: 'yesterday', usage: 1 }, /no readable date/],
    [{ date: '2026-01-05', usage: 1, requests: 1.5 }, /requests is not a count/],
    [{ date: '2026-01-05', usage: 1, prompt_tokens: -3 }, /prompt_tokens is not a count/],
  ])('rejects %p as INVALID_RESPONSE', (row, message) => {
    let caught: unknown;
    try {
      sumActivity([row]);
    } catch (error) {
      caught = error;
    }
    expect(isAdapterError(caught, 'INVALID_RESPONSE')).toBe(true);
    expect((caught as Error).message).toMatch(message);
  });

  it('keeps a count unknown (null) when one of its rows does not report it', () => {
    const day = sumActivity([
      { date: '2026-01-05', model: 'm', usage: 1, requests: 2 },
      { date: '2026-01-05', model: 'm', usage: 1 },
    ]).get('2026-01-05');
    expect(day?.get('m')?.requests).toBeNull();
  });
});

describe('mapActivityDay', () => {
  it('returns the account totals as key-less records when there is no per-key usage', () => {
    const { records, warnings } = mapActivityDay('2026-01-05', dayOf([['m1', usage('1.25', 4, 100, 10)]]), []);
    expect(records.map(plain)).toEqual([[null, 'm1', '1.25', 4]]);
    expect(warnings).toEqual([]);
    expect(records.every((r) => ZCostRecord.safeParse(r).success)).toBe(true);
    expect(records[0]).toMatchObject({
      provider: 'openrouter',
      chargeKind: 'usage',
      cachedInputTokens: null,
      cacheWriteTokens: null,
      inputTokens: 100,
      outputTokens: 10,
    });
  });

  it('returns per-key records plus the unattributed remainder on a key-less record, summing to the total', () => {
    const totals = dayOf([
      ['m1', usage('1.00000001', 10, 1000, 100)],
      ['m2', usage('0.5', 1)],
    ]);
    const { records } = mapActivityDay('2026-01-05', totals, [
      { key: KEY, usage: dayOf([['m1', usage('0.7', 6, 600, 60)]]) },
      { key: OTHER, usage: dayOf([['m1', usage('0.3', 3, 300, 30)]]) },
    ]);
    expect(records.map(plain)).toEqual([
      ['hash-a', 'm1', '0.7', 6],
      ['hash-b', 'm1', '0.3', 3],
      [null, 'm1', '0.00000001', 1],
      [null, 'm2', '0.5', 1],
    ]);
    expect(records[0]).toMatchObject({
      workspaceId: 'ws-1',
      apiKeyHint: 'sk-or-v1-0e6...1c9',
      apiKeyName: 'Production',
    });
  });

  it('returns no remainder when the keys account for everything', () => {
    const { records } = mapActivityDay('2026-01-05', dayOf([['m1', usage('0.3', 2, 5, 5)]]), [
      { key: KEY, usage: dayOf([['m1', usage('0.3', 2, 5, 5)]]) },
    ]);
    expect(records.map(plain)).toEqual([['hash-a', 'm1', '0.3', 2]]);
  });

  it('keeps a negative cost difference (so the day sums to the total) but never a negative count, and warns', () => {
    const { records, warnings } = mapActivityDay('2026-01-05', dayOf([['m1', usage('0.2', 1, 5, 5)]]), [
      { key: KEY, usage: dayOf([['m1', usage('0.3', 2, 5, 5)]]) },
    ]);
    expect(records.map(plain)).toEqual([
      ['hash-a', 'm1', '0.3', 2],
      [null, 'm1', '-0.1', null],
    ]);
    expect(warnings).toEqual([expect.stringMatching(/2026-01-05 m1: the account total is smaller/)]);
  });
});

describe('toKeyRef', () => {
  it('returns the hash as id, the label as hint and no workspace for a key outside any workspace', () => {
    const [prod, old] = ZKeysPage.parse(keysFixture).data;
    expect(prod && toKeyRef(prod)).toEqual({
      id: 'f01d52606dc8f0a8303a7b5cc3fa07109c2e346cec7c0a16b40de462992ce943',
      name: 'Production',
      hint: 'sk-or-v1-0e6...1c9',
      workspaceId: '0df9e665-d932-4bd4-8ad2-2ad8bb7e5bd3',
    });
    expect(old && toKeyRef(old)).toMatchObject({ name: 'Old notebook', workspaceId: null });
  });
});
