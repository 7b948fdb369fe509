import { Money, ZDay, isMoney, type Day } from '@spendsync/domain';
import { z } from 'zod';
import { ApiError } from '../../errors';

/** The most days a runway notification threshold may name (ten years). */
export const MAX_NOTIFY_DAYS = 3650;

/** A whole number of days for "notify when the runway falls under N days", or null (off). */
export const ZNotifyUnderDays = z
  .number({ message: 'Give a whole number of days' })
  .int({ message: 'Give a whole number of days' })
  .min(1, { message: 'The number of days must be at least 1' })
  .max(MAX_NOTIFY_DAYS, { message: `The number of days must be at most ${MAX_NOTIFY_DAYS}` })
  .nullable();

const ZAmount = z
  .union([
    z
      .string()
      .trim()
      .regex(/^-?\d{1,30}(\.\d{1,20})?$/, { message: 'Not a decimal amount; write it like "25000.00"' })
      .transform((s) => new Money(s)),
    z.custom<Money>(isMoney, { message: 'Not a decimal amount; write it like "25000.00"' }),
  ])
  .refine((v) => v.isFinite() && v.gt(0), { message: 'The amount must be more than 0' });

const ZGrantValues = z
  .object({
    name: z
      .string({ message: 'Give the grant a name' })
      .trim()
      .min(1, { message: 'Give the grant a name' })
      .max(200, { message: 'At most 200 characters' }),
    amount: ZAmount,
    startsOn: ZDay,
    expiresOn: ZDay.nullish().transform((v) => v ?? null),
    providerAccountId: z.uuid({ message: 'Not a provider account id' }),
    notifyUnderDays: ZNotifyUnderDays.optional().transform((v) => v ?? null),
  })
  .refine((v) => v.expiresOn === null || v.expiresOn >= v.startsOn, {
    message: 'The expiry must be on or after the start',
    path: ['expiresOn'],
  });

/** A checked grant, ready to store. */
export type CreditGrantValues = {
  name: string;
  amount: Money;
  startsOn: Day;
  expiresOn: Day | null;
  providerAccountId: string;
  notifyUnderDays: number | null;
};

/** Throws BAD_USER_INPUT naming the first bad field (every issue listed) for a failed zod parse. */
export function fieldErrors(issues: readonly { path: PropertyKey[]; message: string }[]): ApiError {
  const list = issues.map((issue) => ({ field: issue.path.map(String).join('.') || 'input', message: issue.message }));
  return new ApiError('BAD_USER_INPUT', `${list[0]!.field}: ${list[0]!.message}`, {
    field: list[0]!.field,
    issues: list,
  });
}

/**
 * Checks a grant's fields; BAD_USER_INPUT naming the first bad field otherwise (the account is checked
 * against the database separately).
 */
export function parseCreditGrantInput(input: unknown): CreditGrantValues {
  const parsed = ZGrantValues.safeParse(input);
  if (!parsed.success) throw fieldErrors(parsed.error.issues);
  return { ...parsed.data, amount: new Money(parsed.data.amount) };
}
