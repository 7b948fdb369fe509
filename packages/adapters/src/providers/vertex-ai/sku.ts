import type { ChargeKind } from '@spendsync/domain';

/** How one SKU row is measured: tokens of a direction, an amount in a unit, or nothing we can read. */
export type SkuMeasure =
  { kind: 'tokens'; direction: 'input' | 'output' | 'cached' } | { kind: 'unit'; unit: string } | { kind: 'none' };

export type SkuInfo = { model: string; chargeKind: ChargeKind; measure: SkuMeasure };

/** Model bucket for Vertex AI SKUs that name no model we recognise (never dropped). */
export const VERTEX_OTHER_MODEL = 'other';

/** Units the adapter reports (besides tokens); anything else keeps its own lower-cased unit. */
export const VERTEX_UNITS = ['characters', 'images', 'seconds', 'token-hours', 'hours', 'requests', 'count'] as const;

type Rule = { pattern: RegExp; name: (m: RegExpExecArray) => string };

// Order matters: embeddings before Gemini ("Gemini Embedding"), and "flash lite" before "flash".
const MODEL_RULES: readonly Rule[] = [
  {
    pattern: /\b(gemini[ -])?(text[ -]?|multimodal[ -]?)?embeddings?\b(?:[ -](\d+))?/,
    name: (m) =>
      [m[1] ? 'gemini' : m[2]?.startsWith('multimodal') ? 'multimodal' : 'text', 'embedding', m[3]]
        .filter(Boolean)
        .join('-'),
  },
  {
    pattern: /\bgemini(?:[ -](\d+(?:\.\d+)?))?(?:[ -](pro|flash[ -]lite|flash|ultra|nano))(?:[ -](image|live)\b)?/,
    name: (m) => ['gemini', m[1], m[2]?.replace(' ', '-'), m[3]].filter(Boolean).join('-'),
  },
  { pattern: /\bgemini[ -](\d+(?:\.\d+)?)\b/, name: (m) => `gemini-${m[1]}` },
  {
    pattern: /\bimagen(?:[ -]?(\d+(?:\.\d+)?))?(?:[ -](fast|ultra))?/,
    name: (m) => ['imagen', m[1], m[2]].filter(Boolean).join('-'),
  },
  {
    pattern: /\bveo(?:[ -]?(\d+(?:\.\d+)?))?(?:[ -](fast))?/,
    name: (m) => ['veo', m[1], m[2]].filter(Boolean).join('-'),
  },
  {
    pattern: /\bclaude(?:[ -](\d+(?:\.\d+)?))?[ -](opus|sonnet|haiku)(?:[ -](\d+(?:\.\d+)?))?/,
    name: (m) => ['claude', m[2], m[1] ?? m[3]].filter(Boolean).join('-'),
  },
  { pattern: /\b(?:text|chat|code)[ -]?bison|\bpalm\b/, name: () => 'palm-2' },
  // Partner models on Vertex (Model Garden MaaS), by the names their SKUs and services carry [field].
  {
    pattern: /\bllama[ -]?(\d+(?:\.\d+)?)?(?:[ -](\d+b))?(?:[ -](maverick|scout))?/,
    name: (m) => ['llama', m[1], m[2], m[3]].filter(Boolean).join('-'),
  },
  {
    pattern: /\b(mistral|codestral|ministral)(?:[ -](small|medium|large|nemo|ocr))?(?:[ -]?(\d+(?:\.\d+)?))?/,
    name: (m) => [m[1], m[2], m[3]].filter(Boolean).join('-'),
  },
  {
    pattern: /\bjamba(?:[ -](\d+(?:\.\d+)?))?(?:[ -](large|mini))?/,
    name: (m) => ['jamba', m[1], m[2]].filter(Boolean).join('-'),
  },
  { pattern: /\bdeepseek(?:[ -](r1|v3(?:\.\d+)?))?/, name: (m) => ['deepseek', m[1]].filter(Boolean).join('-') },
  { pattern: /\bqwen[ -]?(\d+(?:\.\d+)?)?/, name: (m) => ['qwen', m[1]].filter(Boolean).join('') },
  { pattern: /\bgpt[ -]oss[ -]?(\d+b)?/, name: (m) => ['gpt-oss', m[1]].filter(Boolean).join('-') },
];

/**
 * The model a SKU description names: trimmed, case- and spacing-tolerant, `other` when unknown.
 * Covers Gemini, Imagen, Veo and embeddings on Vertex and the Gemini API ("Generate content input
 * token count Gemini 2.5 Flash"), and the partner models (Claude, Llama, Mistral, Jamba, DeepSeek,
 * Qwen, gpt-oss). For a partner service the service name is the fallback (see map.ts).
 */
export function skuModel(sku: string): string {
  const s = sku.trim().toLowerCase().replace(/\s+/g, ' ');
  for (const rule of MODEL_RULES) {
    const m = rule.pattern.exec(s);
    if (m) return rule.name(m);
  }
  return VERTEX_OTHER_MODEL;
}

const TOKEN_UNITS = /^(count|tokens?|1k tokens|1m tokens)$/;

function measureOf(s: string, model: string, usageUnit: string, pricingUnit: string): SkuMeasure {
  const units = `${usageUnit} ${pricingUnit}`;
  if (/char/.test(units)) return { kind: 'unit', unit: 'characters' };
  if (/storage/.test(s) || /hour/.test(units))
    return { kind: 'unit', unit: /token/.test(units) || /cach/.test(s) ? 'token-hours' : 'hours' };
  if (/second/.test(units)) return { kind: 'unit', unit: 'seconds' };
  const countable = TOKEN_UNITS.test(usageUnit) || /token/.test(pricingUnit);
  if (countable && (model.startsWith('imagen') || /\bimages? (generation|output)|generated images?/.test(s)))
    return { kind: 'unit', unit: 'images' };
  if (countable && /\boutput\b/.test(s)) return { kind: 'tokens', direction: 'output' };
  if (countable && /cach/.test(s)) return { kind: 'tokens', direction: 'cached' };
  if (countable && /\binput\b/.test(s)) return { kind: 'tokens', direction: 'input' };
  if (/request|grounding|search|\bcalls?\b/.test(s) && (countable || /request/.test(units)))
    return { kind: 'unit', unit: 'requests' };
  if (usageUnit) return { kind: 'unit', unit: usageUnit };
  return { kind: 'none' };
}

function chargeKindOf(costType: string | null, measure: SkuMeasure): ChargeKind {
  const type = (costType ?? 'regular').toLowerCase();
  if (type === 'tax') return 'tax_fee';
  if (type !== 'regular') return 'other'; // adjustment, rounding error, and types Google adds later
  return measure.kind === 'unit' && measure.unit === 'images' ? 'image' : 'usage';
}

/**
 * Reads one billing-export row's SKU: the model (Gemini versions and variants, Imagen, Veo,
 * Claude on Vertex, embeddings), whether the amount is tokens (input, output, cached input) or a
 * unit of its own (characters for Gemini 1.x, token-hours of cache storage, images, seconds),
 * and the charge kind from the cost type.
 */
export function classifySku(
  sku: string | null,
  usageUnit: string | null,
  pricingUnit: string | null,
  costType: string | null,
): SkuInfo {
  const s = (sku ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
  const model = skuModel(s);
  const measure = measureOf(s, model, (usageUnit ?? '').trim().toLowerCase(), (pricingUnit ?? '').trim().toLowerCase());
  return { model, chargeKind: chargeKindOf(costType, measure), measure };
}
