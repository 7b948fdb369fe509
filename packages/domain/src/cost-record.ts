import { z } from 'zod';
import { ZDay } from './day';
import { isMoney, ZERO, type Money } from './money';
import { ZProviderId } from './provider-id';

/**
 * What a record's cost is for, so totals can be split: model usage, credits that offset it,
 * taxes and fees, image generation (tracked apart from token usage), or anything else.
 */
export const CHARGE_KINDS = ['usage', 'credit', 'tax_fee', 'image', 'other'] as const;
export type ChargeKind = (typeof CHARGE_KINDS)[number];
export const ZChargeKind = z.enum(CHARGE_KINDS);

/** An exact decimal (decimal.js value). Plain numbers are refused so floats never slip in. */
export const ZMoney = z.custom<Money>((v) => isMoney(v) && v.isFinite(), {
  message: 'Expected an exact decimal amount',
});

const count = z.number().int().nonnegative().nullable();

/**
 * One normalized cost record at the grain
 * `(provider account, workspace?, api key?, model, day, charge kind, unit?)`.
 * The provider account is added by the sync; adapters produce everything else.
 * Unknown values are `null`, never zero (Anthropic gives no request counts, for example).
 */
export const ZCostRecord = z
  .object({
    provider: ZProviderId,
    /** UTC day the usage happened. */
    day: ZDay,
    /** Provider's id of the project / workspace / linked account / resource; null when it has none. */
    workspaceId: z.string().min(1).nullable(),
    /** The provider's name for that workspace, when it gives one. */
    workspaceName: z.string().nullable(),
    /** Provider's id of the API key; null when cost is not per key. */
    apiKeyId: z.string().min(1).nullable(),
    /** A recognisable but unusable fragment of the key (`sk-ant-api03-Z4C...EQAA`). */
    apiKeyHint: z.string().nullable(),
    /** The key's name or alias at the provider. */
    apiKeyName: z.string().nullable(),
    /** Model, endpoint, SKU or meter bucket, e.g. `gpt-4o-2024-08-06`, `fal-ai/flux/dev`, `bedrock-general`. */
    model: z.string().min(1),
    chargeKind: ZChargeKind,
    /** Billed (list) cost in USD; negative for refunds. */
    cost: ZMoney,
    /**
     * Everything that offsets this cost, as a positive amount: credits and, where the provider
     * reports them apart, discounts (see `discounts`); net = cost − creditsApplied.
     */
    creditsApplied: ZMoney.refine((v) => !v.isNegative(), { message: 'creditsApplied is a positive amount' }),
    /**
     * Refunds already subtracted from `cost`, as a positive amount (AWS RECORD_TYPE `Refund`).
     * Absent: none reported. Shown apart; never subtracted a second time.
     */
    refunds: ZMoney.refine((v) => !v.isNegative(), { message: 'refunds is a positive amount' }).optional(),
    /**
     * The part of `creditsApplied` that is negotiated or bundled discounts (AWS `Discount`,
     * `BundledDiscount`, `EdpDiscount`, `PrivateRateDiscount`, `SavingsPlanNegation`…), as a positive
     * amount never above `creditsApplied`. Absent: none reported.
     */
    discounts: ZMoney.refine((v) => !v.isNegative(), { message: 'discounts is a positive amount' }).optional(),
    /** The provider's names of the discount kinds in `discounts`, sorted and comma-separated (`BundledDiscount, EdpDiscount`). */
    discountKinds: z.string().min(1).nullable().optional(),
    currency: z.literal('USD'),
    /** The currency the account is billed in, when it is not USD (Azure subscriptions billed in EUR…). */
    billingCurrency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .nullable()
      .optional(),
    /** `cost` in `billingCurrency` as the provider states it; null when the currency is USD or unknown. */
    billingCost: ZMoney.nullable().optional(),
    /** All input tokens, including cached and cache-write tokens. */
    inputTokens: count,
    outputTokens: count,
    /** Input tokens read from cache (part of inputTokens). */
    cachedInputTokens: count,
    /** Input tokens written to cache (part of inputTokens). */
    cacheWriteTokens: count,
    /** Requests, when the provider reports them; null when it does not. */
    requests: count,
    /** Unit of `quantity` for non-token usage: `images`, `seconds`, `megapixels`, `credits`, `characters`… */
    unit: z.string().min(1).nullable(),
    /** Amount in `unit`; never added across different units. */
    quantity: ZMoney.nullable(),
    /** Breakdown counts by dimension, e.g. `{ size: { '1024x1024': 12 }, source: { 'image.generation': 12 } }`. */
    mix: z.record(z.string(), z.record(z.string(), z.number())).nullable(),
  })
  .refine((r) => r.discounts === undefined || r.discounts.lte(r.creditsApplied), {
    message: 'discounts are part of creditsApplied and cannot exceed it',
    path: ['discounts'],
  });

export type CostRecord = z.infer<typeof ZCostRecord>;

/** The fields that identify a record's grain within one provider account. */
export type GrainFields = Pick<CostRecord, 'workspaceId' | 'apiKeyId' | 'model' | 'day' | 'chargeKind' | 'unit'>;

/** A stable key for a record's grain within one provider account. */
export function grainKey(r: GrainFields): string {
  return [r.day, r.workspaceId ?? '', r.apiKeyId ?? '', r.model, r.chargeKind, r.unit ?? ''].join('\u001f');
}

/**
 * Net cost after credits (discounts are part of `creditsApplied`; refunds are already in `cost`):
 * net = cost − creditsApplied.
 */
export function netCost(r: Pick<CostRecord, 'cost' | 'creditsApplied'>): Money {
  return r.cost.sub(r.creditsApplied);
}

/** What every record must state; everything else has a default. */
export type CostRecordCore = Pick<CostRecord, 'provider' | 'day' | 'model' | 'chargeKind' | 'cost'>;

/**
 * A record from what the provider reported: fields it does not report stay unknown (null),
 * credits default to zero and the currency to USD. Adapters state only what they know.
 */
export function createCostRecord(fields: CostRecordCore & Partial<CostRecord>): CostRecord {
  return {
    workspaceId: null,
    workspaceName: null,
    apiKeyId: null,
    apiKeyHint: null,
    apiKeyName: null,
    creditsApplied: ZERO,
    currency: 'USD',
    inputTokens: null,
    outputTokens: null,
    cachedInputTokens: null,
    cacheWriteTokens: null,
    requests: null,
    unit: null,
    quantity: null,
    mix: null,
    ...fields,
  };
}
