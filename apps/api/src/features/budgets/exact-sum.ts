/**
 * Exact sums of decimal text with integers (BigInt at the largest scale seen), for summing many
 * rollup figures per budget quickly without floats. `toText` gives plain decimal text back.
 */
export class ExactSum {
  private constructor(readonly scale: number) {}

  /** A summer for these values' largest number of decimal places. */
  static for(values: Iterable<string>): ExactSum {
    let scale = 0;
    for (const v of values) {
      const dot = v.indexOf('.');
      if (dot >= 0) scale = Math.max(scale, v.length - dot - 1);
    }
    return new ExactSum(scale);
  }

  /** `value` × 10^scale as an integer. */
  toUnits(value: string): bigint {
    const negative = value.startsWith('-');
    const digits = negative ? value.slice(1) : value;
    const [whole = '0', fraction = ''] = digits.split('.');
    const units = BigInt(whole + fraction.padEnd(this.scale, '0'));
    return negative ? -units : units;
  }

  /** Decimal text of `units` / 10^scale, trailing zeros removed. */
  toText(units: bigint): string {
    const negative = units < 0n;
    const digits = (negative ? -units : units).toString().padStart(this.scale + 1, '0');
    const whole = digits.slice(0, digits.length - this.scale);
    const fraction = digits.slice(digits.length - this.scale).replace(/0+$/, '');
    return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
  }
}
