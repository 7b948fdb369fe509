import { describe, expect, it } from '@jest/globals';
import type { ProviderId } from '@spendsync/domain';
import { DEMO_METERING, demoMeteredEntries, uninstrumentedKeys, type DemoTraffic } from './demo-metering-plan';

const t = (provider: string, day: string, hint: string | null, model: string, cost: string): DemoTraffic => ({
  provider: provider as ProviderId,
  day,
  apiKeyId: hint ? `id-${hint}` : null,
  hint,
  model,
  inputTokens: 100,
  outputTokens: 10,
  requests: 2,
  units: null,
  cost,
});

const TRAFFIC = [
  t('openai', '2026-01-01', 'sk-a', 'gpt-4o', '1.00'),
  t('openai', '2026-01-01', 'sk-b', 'gpt-4o', '0.50'),
  t('openai', '2026-01-02', 'sk-a', 'gpt-4o', '1.00'),
  t('openai', '2026-01-02', 'sk-b', 'gpt-4o', '2.00'),
  t('openai', '2026-01-02', 'sk-c', 'gpt-4o', '0.40'),
  t('openai', '2026-01-02', 'sk-a', DEMO_METERING.unmeteredModel, '0.30'),
  t('anthropic', '2026-01-02', 'sk-ant-a', 'claude', '10'),
  t('vertex-ai', '2026-01-02', null, 'gemini', '3'),
];

describe("the demo applications' metering", () => {
  const entries = demoMeteredEntries(TRAFFIC, uninstrumentedKeys(TRAFFIC), '2026-01-01');

  it('leaves the cheapest key of providers with 3+ keys uninstrumented, and never meters the unmetered model', () => {
    // OpenAI: sk-c (0.40) is cheaper than sk-a (2.30) and sk-b (2.50); Anthropic has one key, left metered.
    expect([...uninstrumentedKeys(TRAFFIC)]).toEqual(['openai\u0000sk-c']);
    expect(entries.some((e) => e.apiKeyId === 'id-sk-c')).toBe(false);
    expect(entries.some((e) => e.model === DEMO_METERING.unmeteredModel)).toBe(false);
  });

  it("skips OpenAI's day without exporter, underestimates Anthropic by 5 %, and reports traffic with no key without one", () => {
    const keyA = entries.filter((e) => e.apiKeyId === 'id-sk-a');
    expect(keyA.map((e) => [e.day, e.cost])).toEqual([['2026-01-02', '1.00']]);
    expect(entries.find((e) => e.provider === 'anthropic')).toMatchObject({
      cost: '9.5',
      inputTokens: 100,
      outputTokens: 10,
      requests: 2,
    });
    expect(entries.find((e) => e.provider === 'vertex-ai')).toEqual({
      provider: 'vertex-ai',
      model: 'gemini',
      day: '2026-01-02',
      inputTokens: 100,
      outputTokens: 10,
      requests: 2,
      cost: '3',
    });
  });

  it('adds a stray key and an evaluation model no account bills, on each OpenAI day', () => {
    const stray = entries.filter((e) => e.apiKeyHint === DEMO_METERING.strayKeyHint);
    expect(stray.map((e) => e.day)).toEqual(['2026-01-01', '2026-01-02']);
    expect(entries.filter((e) => e.model === DEMO_METERING.strayModel)).toHaveLength(2);
  });
});
