/** Which side of a model call an Azure OpenAI meter bills. */
export type TokenDirection = 'input' | 'cached-input' | 'output';

/** Where the deployment runs; Azure prices global, data-zone and regional deployments apart. */
export type DeploymentType = 'global' | 'data-zone' | 'regional';

/** What a meter name says, once the model is recognised. */
export type MeterClass = {
  /** Lower-case model with its version, e.g. `gpt-4o-0513`, `gpt-4o-mini-0718`, `deepseek-r1`. */
  readonly model: string;
  readonly direction: TokenDirection;
  readonly deployment: DeploymentType | null;
  readonly isBatch: boolean;
};

// Meter names are inconsistent even for one model (cloud-apis.md §3 "Azure OpenAI meters"):
// `gpt 4o 0513 Input global Tokens`, `gpt-4o-mini-0718-Inp-glbl Tokens`, `GPT 5 outpt Glbl 1M Tokens`.
// So the name is cut into words and each word is recognised on its own, tolerantly.
const INPUT = /^(inp|inpt|input|inputs)$/;
const OUTPUT = /^(out|outp|outpt|output|outputs)$/;
const CACHED = /^(cached|cache|cchd|cachedinp)$/;
const DEPLOYMENTS: readonly [RegExp, DeploymentType][] = [
  [/^(glbl|global|gl|glb)$/, 'global'],
  [/^(dzone|dz|datazone|dzn)$/, 'data-zone'],
  [/^(regional|regnl|rgnl|rgl|regn)$/, 'regional'],
];
const BATCH = /^batch$/;
const TOKENS = /^(tokens?|tkns?|toks?)$/;
/** `1K`/`1M` are price units only next to "Tokens" or at the end; `4k`/`8K` elsewhere are context sizes. */
const UNIT = /^1[km]$/;
/** A modality word just before the direction (`aud-inp`, `txt-outp`) is a qualifier, not part of the model. */
const MODALITY = /^(aud|audio|txt|text|img|image)$/;
/** Short names some meters use for non-OpenAI models sold through Azure. */
const ALIASES: Readonly<Record<string, string>> = { r1: 'deepseek-r1', v3: 'deepseek-v3' };

type Word = { text: string; isQualifier: boolean };

function isUnitWord(words: readonly string[], i: number): boolean {
  const next = words[i + 1];
  return UNIT.test(words[i] ?? '') && (next === undefined || TOKENS.test(next));
}

function isDirectionWord(word: string | undefined): boolean {
  return word !== undefined && (INPUT.test(word) || OUTPUT.test(word) || CACHED.test(word));
}

function tagWords(words: readonly string[]): Word[] {
  return words.map((text, i) => ({
    text,
    isQualifier:
      isDirectionWord(text) ||
      DEPLOYMENTS.some(([pattern]) => pattern.test(text)) ||
      BATCH.test(text) ||
      TOKENS.test(text) ||
      isUnitWord(words, i) ||
      (MODALITY.test(text) && isDirectionWord(words[i + 1])),
  }));
}

function readDirection(words: readonly string[]): TokenDirection | null {
  if (words.some((w) => CACHED.test(w))) return 'cached-input';
  if (words.some((w) => OUTPUT.test(w))) return 'output';
  if (words.some((w) => INPUT.test(w))) return 'input';
  return null;
}

/**
 * Reads an Azure OpenAI / Foundry Models meter name. Returns null for meters that are not
 * per-token model usage (provisioned throughput, hosting hours, unknown formats), which the
 * mapping keeps in an `other` bucket rather than dropping.
 */
export function classifyMeter(meter: string): MeterClass | null {
  const words = meter
    .trim()
    .toLowerCase()
    .split(/[\s_-]+/)
    .filter(Boolean);
  const direction = readDirection(words);
  if (direction === null) return null;
  const tagged = tagWords(words);
  // The model is the first run of words that are not qualifiers: in every observed format the
  // model and version come first, and whatever follows the qualifiers is not part of the name.
  const start = tagged.findIndex((w) => !w.isQualifier);
  if (start < 0) return null;
  const end = tagged.findIndex((w, i) => i > start && w.isQualifier);
  const name = tagged
    .slice(start, end < 0 ? undefined : end)
    .map((w) => w.text)
    .join('-');
  if (!/[a-z]/.test(name)) return null;
  const deployment = DEPLOYMENTS.find(([pattern]) => words.some((w) => pattern.test(w)))?.[1] ?? null;
  return { model: ALIASES[name] ?? name, direction, deployment, isBatch: words.some((w) => BATCH.test(w)) };
}
