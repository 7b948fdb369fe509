import { describe, expect, it } from '@jest/globals';
import { classifySku, skuModel } from './sku';

describe('skuModel', () => {
  it.each([
    // SKU descriptions seen in exports [field]; some start with a space.
    ['Gemini 1.5 Flash Text Input - Predictions', 'gemini-1.5-flash'],
    ['Gemini 2.5 Flash GA Text Input - Predictions', 'gemini-2.5-flash'],
    ['Gemini 2.5 Flash GA Thinking Text Output - Predictions', 'gemini-2.5-flash'],
    ['Gemini 2.5 Flash GA Text Output (Thinking On) - Predictions', 'gemini-2.5-flash'],
    ['Gemini 2.5 Flash Lite Text Input - Predictions', 'gemini-2.5-flash-lite'],
    ['Gemini 2.5 Flash-Lite Text Output - Predictions', 'gemini-2.5-flash-lite'],
    ['Gemini 2.5 Flash Text Input - Batch Predictions', 'gemini-2.5-flash'],
    ['Gemini 2.0 Flash Input Text Caching', 'gemini-2.0-flash'],
    ['Gemini 3 Flash Text Input Caching Storage', 'gemini-3-flash'],
    [' Gemini 2.5 Flash GA Input Text Caching', 'gemini-2.5-flash'],
    ['Gemini 2.5 Flash Global Text Input - Predictions', 'gemini-2.5-flash'],
    ['Gemini 2.5 Pro Text Output - Predictions', 'gemini-2.5-pro'],
    ['Gemini 2.5 Flash Image Output - Predictions', 'gemini-2.5-flash-image'],
    ['Gemini Embedding Text Input', 'gemini-embedding'],
    ['Text Embedding 005 Input - Predictions', 'text-embedding-005'],
    ['Multimodal Embeddings Image Input', 'multimodal-embedding'],
    ['Imagen 3 Generation - Image Output', 'imagen-3'],
    ['Imagen 4 Fast Image Generation', 'imagen-4-fast'],
    ['Veo 2 Video Generation', 'veo-2'],
    ['Claude 3.5 Sonnet Input Tokens', 'claude-sonnet-3.5'],
    ['Claude Opus 4.1 Output Tokens', 'claude-opus-4.1'],
    ['text-bison Input Characters', 'palm-2'],
    // Gemini API (AI Studio) SKUs and partner models on Vertex.
    ['Generate content input token count Gemini 2.5 Flash', 'gemini-2.5-flash'],
    ['Generate content output token count gemini 2.0 flash lite', 'gemini-2.0-flash-lite'],
    ['Claude Sonnet 4.5 Cache Read Input Tokens', 'claude-sonnet-4.5'],
    ['Llama 3.3 70B Instruct Input Tokens', 'llama-3.3-70b'],
    ['Llama 4 Maverick Output Tokens', 'llama-4-maverick'],
    ['Llama 3.1 405B Instruct API Service', 'llama-3.1-405b'],
    ['Mistral Large 2411 Input Tokens', 'mistral-large-2411'],
    ['Codestral 25.01 Output Tokens', 'codestral-25.01'],
    ['Jamba 1.5 Large Input Tokens', 'jamba-1.5-large'],
    ['DeepSeek R1 Input Tokens', 'deepseek-r1'],
    ['Qwen3 Coder Output Tokens', 'qwen3'],
    ['gpt-oss 120b Input Tokens', 'gpt-oss-120b'],
    // No bare "GA" keying, and no model: the other bucket.
    ['Vertex AI Pipelines GA Run', 'other'],
    ['Online prediction: n1-standard-4 VM', 'other'],
    ['', 'other'],
  ])('%j -> %s', (sku, model) => expect(skuModel(sku)).toBe(model));
});

describe('classifySku', () => {
  it.each([
    [
      'Gemini 2.5 Flash GA Text Input - Predictions',
      'count',
      'count',
      'regular',
      'usage',
      { kind: 'tokens', direction: 'input' },
    ],
    [
      'Gemini 2.5 Flash GA Text Output (Thinking On) - Predictions',
      'count',
      'count',
      'regular',
      'usage',
      { kind: 'tokens', direction: 'output' },
    ],
    [
      ' Gemini 2.5 Flash GA Input Text Caching',
      'count',
      'count',
      'regular',
      'usage',
      { kind: 'tokens', direction: 'cached' },
    ],
    [
      'Gemini 3 Flash Text Input Caching Storage',
      'token-hour',
      'token-hour',
      'regular',
      'usage',
      { kind: 'unit', unit: 'token-hours' },
    ],
    // Gemini 1.x was priced per 1,000 characters: a unit of its own, never tokens.
    [
      'Gemini 1.5 Flash Text Input - Predictions',
      'count',
      '1000 characters',
      'regular',
      'usage',
      { kind: 'unit', unit: 'characters' },
    ],
    ['Imagen 3 Generation - Image Output', 'count', 'count', 'regular', 'image', { kind: 'unit', unit: 'images' }],
    ['Veo 2 Video Generation', 'seconds', 'seconds', 'regular', 'usage', { kind: 'unit', unit: 'seconds' }],
    [
      'Gemini 2.5 Flash Grounding with Google Search',
      'count',
      'count',
      'regular',
      'usage',
      { kind: 'unit', unit: 'requests' },
    ],
    [
      'Gemini 2.5 Pro Text Input - Predictions',
      'count',
      'count',
      'tax',
      'tax_fee',
      { kind: 'tokens', direction: 'input' },
    ],
    [
      'Gemini 2.5 Pro Text Input - Predictions',
      'count',
      'count',
      'adjustment',
      'other',
      { kind: 'tokens', direction: 'input' },
    ],
    [
      'Custom training: GPU hours',
      'gibibyte month',
      null,
      'regular',
      'usage',
      { kind: 'unit', unit: 'gibibyte month' },
    ],
    ['Something new', null, null, null, 'usage', { kind: 'none' }],
    [
      'Generate content input token count Gemini 2.5 Flash',
      'count',
      'count',
      'regular',
      'usage',
      { kind: 'tokens', direction: 'input' },
    ],
    ['Claude Sonnet 4.5 Output Tokens', 'count', 'count', 'regular', 'usage', { kind: 'tokens', direction: 'output' }],
    [
      'Claude Sonnet 4.5 Cache Read Input Tokens',
      'count',
      'count',
      'regular',
      'usage',
      { kind: 'tokens', direction: 'cached' },
    ],
  ])('%j (%s, %s, %s) -> %s %j', (sku, usageUnit, pricingUnit, costType, chargeKind, measure) => {
    const info = classifySku(sku, usageUnit, pricingUnit, costType);
    expect({ chargeKind: info.chargeKind, measure: info.measure }).toEqual({ chargeKind, measure });
  });
});
