/** A Claude model as the simulator prices it (USD per million tokens, as published). */
export type SimModel = {
  readonly id: string;
  /** Name used in cost report descriptions ("Claude Sonnet 4 Usage - Output Tokens"). */
  readonly label: string;
  readonly input: string;
  readonly output: string;
  readonly cacheWrite5m: string;
  readonly cacheWrite1h: string;
  readonly cacheRead: string;
};

const BASE_MODELS: readonly SimModel[] = [
  {
    id: 'claude-sonnet-4-20250514',
    label: 'Claude Sonnet 4',
    input: '3',
    output: '15',
    cacheWrite5m: '3.75',
    cacheWrite1h: '6',
    cacheRead: '0.3',
  },
  {
    id: 'claude-3-5-haiku-20241022',
    label: 'Claude Haiku 3.5',
    input: '0.8',
    output: '4',
    cacheWrite5m: '1',
    cacheWrite1h: '1.6',
    cacheRead: '0.08',
  },
  {
    id: 'claude-opus-4-1-20250805',
    label: 'Claude Opus 4.1',
    input: '15',
    output: '75',
    cacheWrite5m: '18.75',
    cacheWrite1h: '30',
    cacheRead: '1.5',
  },
  {
    id: 'claude-sonnet-4-5-20250929',
    label: 'Claude Sonnet 4.5',
    input: '3',
    output: '15',
    cacheWrite5m: '3.75',
    cacheWrite1h: '6',
    cacheRead: '0.3',
  },
  {
    id: 'claude-haiku-4-5-20251001',
    label: 'Claude Haiku 4.5',
    input: '1',
    output: '5',
    cacheWrite5m: '1.25',
    cacheWrite1h: '2',
    cacheRead: '0.1',
  },
  {
    id: 'claude-opus-4-5-20251101',
    label: 'Claude Opus 4.5',
    input: '5',
    output: '25',
    cacheWrite5m: '6.25',
    cacheWrite1h: '10',
    cacheRead: '0.5',
  },
];

/**
 * The first `count` models. Past the real ones, numbered variants (`…-v2`) keep large benchmark
 * organizations possible without inventing prices.
 */
export function simModels(count: number): SimModel[] {
  return Array.from({ length: Math.max(1, count) }, (_, i) => {
    const base = BASE_MODELS[i % BASE_MODELS.length] as SimModel;
    const round = Math.floor(i / BASE_MODELS.length);
    return round === 0 ? base : { ...base, id: `${base.id}-v${round + 1}`, label: `${base.label} v${round + 1}` };
  });
}
