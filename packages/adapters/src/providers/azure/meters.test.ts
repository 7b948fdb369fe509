import { describe, expect, it } from '@jest/globals';
import { classifyMeter } from './meters';

describe('classifyMeter', () => {
  it.each([
    // Formats seen in real Cost Management data (cloud-apis.md §3).
    ['gpt 4o 0513 Input global Tokens', 'gpt-4o-0513', 'input', 'global', false],
    ['gpt 4o 0513 Output global Tokens', 'gpt-4o-0513', 'output', 'global', false],
    ['gpt-4o-mini-0718-Inp-glbl Tokens', 'gpt-4o-mini-0718', 'input', 'global', false],
    ['gpt-4o-0806-Inp-glbl', 'gpt-4o-0806', 'input', 'global', false],
    ['gpt 4o 1120 Inp glbl', 'gpt-4o-1120', 'input', 'global', false],
    ['gpt 4.5 0227 cached Inp DZone', 'gpt-4.5-0227', 'cached-input', 'data-zone', false],
    ['gpt-35-turbo-4k-Input-regional', 'gpt-35-turbo-4k', 'input', 'regional', false],
    ['gpt-4-8K-Batch-Inp-glbl Tokens', 'gpt-4-8k', 'input', 'global', true],
    ['GPT 5 outpt Glbl 1M Tokens', 'gpt-5', 'output', 'global', false],
    ['R1 Inp glbl Tokens', 'deepseek-r1', 'input', 'global', false],
    ['gpt-4o-transcribe-aud-inp-glbl Tokens', 'gpt-4o-transcribe', 'input', 'global', false],
    // Plausible variants the same rules must read.
    ['gpt-4o-0513-Inp-glbl 1K Tokens', 'gpt-4o-0513', 'input', 'global', false],
    ['gpt-image-1 Outp Glbl 1M Tokens', 'gpt-image-1', 'output', 'global', false],
    ['o3 mini 0131 Outp regnl', 'o3-mini-0131', 'output', 'regional', false],
    ['  gpt_4o_mini  0718  cchd  inp  ', 'gpt-4o-mini-0718', 'cached-input', null, false],
    ['gpt-4o-mini-0718-Batch-Outp-DZ Tokens', 'gpt-4o-mini-0718', 'output', 'data-zone', true],
  ])('reads %j as %s %s', (meter, model, direction, deployment, isBatch) => {
    expect(classifyMeter(meter)).toEqual({ model, direction, deployment, isBatch });
  });

  it('gives the same model for every spelling of one model', () => {
    const spellings = [
      'gpt 4o 0513 Input global Tokens',
      'gpt-4o-0513-Inp-glbl',
      'GPT-4O-0513-outpt-Glbl 1M Tokens',
      'gpt 4o 0513 cached Inp DZone',
    ];
    expect(new Set(spellings.map((m) => classifyMeter(m)?.model))).toEqual(new Set(['gpt-4o-0513']));
  });

  it.each([
    'Provisioned Managed Global Unit',
    'Fine-tuning Hosting Hour',
    'S0 Speech to Text Standard Audio Hours',
    'Inp glbl 1M Tokens',
    '1106 Outp glbl',
    '',
  ])('returns null for %j, which is not per-token model usage', (meter) => {
    expect(classifyMeter(meter)).toBeNull();
  });
});
