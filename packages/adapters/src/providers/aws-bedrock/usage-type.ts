/** The four token types Bedrock bills (AWS "Understanding your Amazon Bedrock CUR data"). */
export type TokenType = 'input' | 'output' | 'cache-read' | 'cache-write';

/** What one Cost Explorer (service, usage type) pair means for us. */
export type UsageTypeInfo = {
  /** Normalized model id, or null when the usage type names no model we recognise. */
  model: string | null;
  /** The token type, or null for non-token usage (storage, provisioned units, fees…). */
  tokenType: TokenType | null;
};

/** The service that bills first-party Bedrock models. */
export const BEDROCK_SERVICE = 'Amazon Bedrock';
const EDITION_SUFFIX = /\s*\(Amazon Bedrock Edition\)\s*$/i;

/** True for the service names Bedrock model spend bills under: both spellings ([field]). */
export function isBedrockModelService(service: string): boolean {
  return service.trim() === BEDROCK_SERVICE || EDITION_SUFFIX.test(service);
}

/** The model a per-model Marketplace service names (`Claude 3.5 Sonnet (Amazon Bedrock Edition)`), else null. */
export function editionModel(service: string): string | null {
  return EDITION_SUFFIX.test(service) ? normalizeModelName(service.replace(EDITION_SUFFIX, '')) : null;
}

// `{region}-` billing region codes: USE1, USW2, EUC1, APS3, CAN1, SAE1, UGW1…
const REGION_PREFIX = /^[A-Z]{2,4}\d{0,2}-/;
// Standard shapes: `{model}-{token type}[-tier | -cross-region-global | -batch | …]`, and `{model}-mantle-{token type}-standard`.
const TOKEN_SUFFIX =
  /-(cache-?read(?:-input)?-tokens?(?:-count)?|cache-?write(?:-input)?-tokens?(?:-count)?|input-tokens?(?:-count)?|output-tokens?(?:-count)?)(?:-[a-z0-9-]+)?$/i;
// Marketplace shapes: `MP:USE1_InputTokenCount-Units`, `MP:USE1_input_tokens_standard-Units`, `…_Global-Units`.
const MARKETPLACE = /^MP:(?:[A-Z]{2,4}\d{0,2}_)?(.*)$/i;

function tokenTypeOf(text: string): TokenType | null {
  const t = text.toLowerCase().replace(/[_\s]/g, '-');
  if (/cache-?read/.test(t)) return 'cache-read';
  if (/cache-?write|cache-?creation/.test(t)) return 'cache-write';
  if (/(^|-)input-?token|inputtoken/.test(t)) return 'input';
  if (/(^|-)output-?token|outputtoken/.test(t)) return 'output';
  return null;
}

/**
 * Classifies a usage type tolerantly: the region prefix is dropped, the four token types are
 * recognised in the standard, tiered, cross-region, mantle and Marketplace shapes, and anything
 * else has `tokenType: null` (and `model: null` unless the service names the model).
 */
export function classifyUsageType(service: string, usageType: string): UsageTypeInfo {
  const fromService = editionModel(service);
  const body = usageType.trim().replace(REGION_PREFIX, '');
  const marketplace = MARKETPLACE.exec(body);
  if (marketplace) return { model: fromService, tokenType: tokenTypeOf(marketplace[1] ?? '') };
  const standard = TOKEN_SUFFIX.exec(body);
  if (!standard) return { model: fromService, tokenType: null };
  const rawModel = body.slice(0, standard.index).replace(/-mantle$/i, '');
  const model = fromService ?? (rawModel ? normalizeModelName(rawModel) : null);
  return { model, tokenType: tokenTypeOf(standard[1] ?? '') };
}

const CLAUDE_FAMILIES = new Set(['opus', 'sonnet', 'haiku', 'instant']);

/**
 * One spelling per model, whichever way AWS wrote it: `Claude4.6Sonnet` and `Claude Sonnet 4.6`
 * both become `claude-sonnet-4.6`; `NovaPro` becomes `nova-pro`; `openai.gpt-oss-120b` becomes
 * `gpt-oss-120b`. Claude names are ordered family-then-version, as Anthropic names them today.
 */
export function normalizeModelName(raw: string): string {
  const spaced = raw
    .trim()
    .replace(/^[a-z][a-z0-9-]*\.(?=[a-z])/i, '') // vendor prefix: `openai.`, `anthropic.`, `meta.`
    .replace(/([a-z])([A-Z])/g, '$1 $2') // NovaPro -> Nova Pro
    .replace(/([A-Za-z]{2,})(\d)/g, '$1 $2') // Claude4.6 -> Claude 4.6 (but G1 stays)
    .replace(/(\d)([A-Z][a-z])/g, '$1 $2'); // 4.6Sonnet -> 4.6 Sonnet
  const words = spaced
    .toLowerCase()
    .split(/[\s_:/-]+/)
    .filter(Boolean);
  if (words[0] === 'claude') {
    const family = words.find((w) => CLAUDE_FAMILIES.has(w));
    const version = words.find((w) => /^\d+(\.\d+)*$/.test(w));
    if (family && version) {
      const rest = words.slice(1).filter((w) => w !== family && w !== version);
      return ['claude', family, version, ...rest].join('-');
    }
  }
  return words.join('-') || 'other';
}

/**
 * UsageQuantity units of Bedrock token usage types and what one unit is in tokens. Cost Explorer
 * passes through the CUR `pricing_unit` of the usage type; AWS's Bedrock CUR page [spec:
 * "Understanding your Amazon Bedrock Cost and Usage Report data"] names token usage types by token
 * type, and the units seen with them are these [field]. Anything else, including `N/A` (CE's
 * answer when one group mixes units) and Marketplace `Units` (a per-offer unit whose size the
 * data does not state), gives no token count: null, never a guessed multiplier.
 */
export const TOKEN_UNITS: ReadonlyMap<string, number> = new Map([
  ['token', 1],
  ['tokens', 1],
  ['count', 1],
  ['tokencount', 1],
  ['1k tokens', 1_000],
  ['1k token', 1_000],
  ['k tokens', 1_000],
  ['1000 tokens', 1_000],
  ['1,000 tokens', 1_000],
  ['thousand tokens', 1_000],
  ['1m tokens', 1_000_000],
  ['1m token', 1_000_000],
  ['m tokens', 1_000_000],
  ['1000000 tokens', 1_000_000],
  ['1,000,000 tokens', 1_000_000],
  ['million tokens', 1_000_000],
]);

/** Multiplier from a UsageQuantity unit to tokens, or null when the unit is not one of {@link TOKEN_UNITS}. */
export function tokensPerUnit(unit: string | undefined): number | null {
  const u = (unit ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
  return TOKEN_UNITS.get(u) ?? null;
}
