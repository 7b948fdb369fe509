import { Money } from '@spendsync/domain';
import type { ValueTransformer } from 'typeorm';

/**
 * `numeric` ⇄ `Money`. PostgreSQL returns numeric as text, so the exact digits survive; writing
 * uses plain decimal text (no exponent). Never a JS number on either side.
 */
export const MONEY: ValueTransformer = {
  to: (value: Money | null | undefined) => (value === null || value === undefined ? value : value.toFixed()),
  from: (value: string | null) => (value === null ? null : new Money(value)),
};

/**
 * `bigint` ⇄ `number | null` for counts (tokens, requests). Counts fit comfortably in 2^53;
 * a larger one is a data error, reported rather than silently rounded.
 */
export const BIGINT_COUNT: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => {
    if (value === null) return null;
    const n = Number(value);
    if (!Number.isSafeInteger(n)) throw new RangeError(`Count ${value} is beyond the safe integer range`);
    return n;
  },
};
