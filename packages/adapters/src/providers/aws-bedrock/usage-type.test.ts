import { describe, expect, it } from '@jest/globals';
import { classifyUsageType, isBedrockModelService, normalizeModelName, tokensPerUnit } from './usage-type';

const BEDROCK = 'Amazon Bedrock';

describe('classifyUsageType', () => {
  it.each([
    // The AWS CUR page's examples.
    [BEDROCK, 'USE1-Claude4.6Sonnet-input-tokens', 'claude-sonnet-4.6', 'input'],
    [BEDROCK, 'USE1-Claude4.6Sonnet-cache-read-input-token-count', 'claude-sonnet-4.6', 'cache-read'],
    [BEDROCK, 'USE1-Claude4.6Sonnet-cache-write-input-token-count', 'claude-sonnet-4.6', 'cache-write'],
    [BEDROCK, 'USE1-Claude4.6Sonnet-output-tokens-cross-region-global', 'claude-sonnet-4.6', 'output'],
    [BEDROCK, 'USE1-Nova2.0Lite-input-tokens-flex', 'nova-2.0-lite', 'input'],
    [BEDROCK, 'USE1-gpt-oss-120b-output-tokens-priority', 'gpt-oss-120b', 'output'],
    [BEDROCK, 'USE1-openai.gpt-oss-120b-mantle-input-tokens-standard', 'gpt-oss-120b', 'input'],
    // Older shapes and other regions.
    [BEDROCK, 'USE1-Claude3Sonnet-input-tokens', 'claude-sonnet-3', 'input'],
    [BEDROCK, 'EUC1-NovaPro-output-tokens', 'nova-pro', 'output'],
    [BEDROCK, 'APS3-NovaPro-input-tokens-batch', 'nova-pro', 'input'],
    [BEDROCK, 'USW2-Llama3-70B-output-tokens-latency-optimized', 'llama-3-70b', 'output'],
    [BEDROCK, 'USE1-TitanEmbeddingsG1-Text-input-tokens', 'titan-embeddings-g1-text', 'input'],
    // Marketplace shapes: the model comes from the service name.
    ['Claude 3.5 Sonnet (Amazon Bedrock Edition)', 'USE1-MP:USE1_InputTokenCount-Units', 'claude-sonnet-3.5', 'input'],
    [
      'Claude 3.5 Sonnet (Amazon Bedrock Edition)',
      'USE1-MP:USE1_OutputTokenCount-Units',
      'claude-sonnet-3.5',
      'output',
    ],
    [
      'Claude Sonnet 4.6 (Amazon Bedrock Edition)',
      'USE1-MP:USE1_CacheReadInputTokenCount-Units',
      'claude-sonnet-4.6',
      'cache-read',
    ],
    [
      'Claude Sonnet 4.6 (Amazon Bedrock Edition)',
      'USE1-MP:USE1_InputTokenCount_Global-Units',
      'claude-sonnet-4.6',
      'input',
    ],
    [
      'Claude Sonnet 4.6 (Amazon Bedrock Edition)',
      'USE1-MP:USE1_input_tokens_standard-Units',
      'claude-sonnet-4.6',
      'input',
    ],
    // No token type: storage, fees, provisioned units; a Marketplace shape under the plain service.
    [BEDROCK, 'USE1-CustomModelStorage-ModelUnit-Month', null, null],
    [BEDROCK, 'USE1-MP:USE1_InputTokenCount-Units', null, 'input'],
    [BEDROCK, '', null, null],
    [BEDROCK, 'NoUsageType', null, null],
    ['Claude 3 Haiku (Amazon Bedrock Edition)', 'USE1-MP:USE1_ProvisionedThroughput-Hours', 'claude-haiku-3', null],
  ])('%s / %s -> %s %s', (service, usageType, model, tokenType) => {
    expect(classifyUsageType(service, usageType)).toEqual({ model, tokenType });
  });
});

describe('normalizeModelName', () => {
  it.each([
    ['Claude4.6Sonnet', 'claude-sonnet-4.6'],
    ['Claude Sonnet 4.6', 'claude-sonnet-4.6'],
    ['Claude 3.5 Sonnet', 'claude-sonnet-3.5'],
    ['Claude 3.5 Sonnet v2', 'claude-sonnet-3.5-v2'],
    ['NovaPro', 'nova-pro'],
    ['anthropic.claude-3-haiku', 'claude-haiku-3'],
    ['Mistral Large', 'mistral-large'],
  ])('%s -> %s', (raw, model) => expect(normalizeModelName(raw)).toBe(model));
});

describe('isBedrockModelService', () => {
  it.each([
    ['Amazon Bedrock', true],
    [' Amazon Bedrock ', true],
    ['Claude 3.5 Sonnet (Amazon Bedrock Edition)', true],
    ['Amazon Bedrock AgentCore', false],
    ['AWS Lambda', false],
  ])('%s -> %s', (service, expected) => expect(isBedrockModelService(service)).toBe(expected));
});

describe('tokensPerUnit', () => {
  it.each([
    ['Tokens', 1],
    ['count', 1],
    ['1K tokens', 1000],
    ['1,000 Tokens', 1000],
    ['1M tokens', 1_000_000],
    ['Million Tokens', 1_000_000],
    ['  1k   TOKENS ', 1000],
    ['1000 tokens', 1000],
    ['K tokens', 1000],
    ['1,000,000 tokens', 1_000_000],
    ['token', 1],
    // Units that are not token units, or whose size is not stated: no count, never a guess.
    ['N/A', null],
    ['Units', null],
    ['Hrs', null],
    ['GB-Mo', null],
    ['ModelUnit-Month', null],
    ['Characters', null],
    ['Images', null],
    ['1K', null],
    ['', null],
    [undefined, null],
  ])('%s -> %s', (unit, expected) => expect(tokensPerUnit(unit)).toBe(expected));
});
