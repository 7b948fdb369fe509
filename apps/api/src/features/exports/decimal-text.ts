/**
 * A numeric or bigint value as PostgreSQL wrote it, in `Money.toFixed()`'s form: trailing
 * fractional zeros dropped (`2.90` → `2.9`, `3.000` → `3`), never an exponent, never through a
 * float. Null or undefined (unknown) stays null.
 */
export function decimalText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
