import { Money } from '@spendsync/domain';

/**
 * Decimal places of derived figures in CSV exports. Sums of money (spend, cost, credits, net,
 * metered) are written exactly; figures made by division carry up to 40 significant digits, so
 * they are rounded half-up to a stated precision:
 * - percent changes (`*Change`, 25.5 = +25.5 %): 2 places;
 * - ratios (`coverage`, 0.4512 = 45.12 %): 4 places;
 * - averages (`averageTokensPerRequest`): 2 places;
 * - unit prices (`costPerMillionTokens`, `costPerUnit`, `costPerImage`): 10 places (USD).
 */
export const CSV_PRECISION = { change: 2, ratio: 4, average: 2, unitPrice: 10 } as const;

/** `value` rounded half-up to `places` decimal places; null stays null (an empty cell). */
export function roundTo(value: Money | null | undefined, places: number): Money | null {
  return value == null ? null : new Money(value).toDecimalPlaces(places, Money.ROUND_HALF_UP);
}
