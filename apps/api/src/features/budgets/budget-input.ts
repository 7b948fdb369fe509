import {
  DEFAULT_THRESHOLDS,
  Money,
  isMoney,
  ZBudgetPeriod,
  ZBudgetThresholds,
  ZProviderId,
  type BudgetPeriod,
  type BudgetThreshold,
} from '@spendsync/domain';
import { z } from 'zod';
import { ApiError } from '../../errors';
import { BUDGET_MEASURES, type BudgetMeasure } from './budget.entity';
import type { BudgetScope } from './budget-scope';

const uuidList = (what: string) =>
  z
    .array(z.uuid({ message: `Not a ${what} id` }))
    .max(200)
    .default([]);
const textList = (what: string) =>
  z
    .array(
      z
        .string()
        .trim()
        .min(1, { message: `An empty ${what}` })
        .max(500),
    )
    .max(200)
    .default([]);

/** A budget as a client sends it; amounts arrive as exact decimals. */
const ZBudgetValues = z.object({
  name: z.string().trim().min(1, { message: 'Give the budget a name' }).max(200),
  amount: z
    .union([
      z
        .string()
        .trim()
        .regex(/^-?\d{1,30}(\.\d{1,20})?$/, { message: 'Not a decimal amount; write it like "1500.00"' })
        .transform((s) => new Money(s)),
      z.custom<Money>(isMoney, { message: 'Not a decimal amount; write it like "1500.00"' }),
    ])
    .refine((v) => v.isFinite() && v.gt(0), { message: 'The amount must be more than 0' }),
  period: ZBudgetPeriod,
  measure: z.enum(BUDGET_MEASURES).default('gross'),
  scope: z
    .object({
      providers: z.array(ZProviderId).max(20).default([]),
      accountIds: uuidList('provider account'),
      workspaces: textList('workspace'),
      apiKeyIds: uuidList('API key'),
      models: textList('model'),
    })
    .default({ providers: [], accountIds: [], workspaces: [], apiKeyIds: [], models: [] }),
  thresholds: ZBudgetThresholds.optional(),
});

/** A checked budget, ready to store (thresholds defaulted). */
export type BudgetValues = {
  name: string;
  amount: Money;
  period: BudgetPeriod;
  measure: BudgetMeasure;
  scope: BudgetScope;
  thresholds: BudgetThreshold[];
};

/** What `parseBudgetInput` reads (the GraphQL input, plain). */
export type BudgetInputValues = z.input<typeof ZBudgetValues>;

/**
 * Checks a budget's fields; BAD_USER_INPUT naming the first bad field (and listing every issue)
 * otherwise. Scope ids are checked against the database separately (`checkBudgetScope`).
 */
export function parseBudgetInput(input: unknown): BudgetValues {
  const parsed = ZBudgetValues.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      field: issue.path.map(String).join('.') || 'input',
      message: issue.message,
    }));
    throw new ApiError('BAD_USER_INPUT', `${issues[0]!.field}: ${issues[0]!.message}`, {
      field: issues[0]!.field,
      issues,
    });
  }
  const v = parsed.data;
  return { ...v, amount: new Money(v.amount), thresholds: v.thresholds ?? DEFAULT_THRESHOLDS.map((t) => ({ ...t })) };
}
