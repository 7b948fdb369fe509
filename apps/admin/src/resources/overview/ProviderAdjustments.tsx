import { Typography } from '@mui/material';
import type { ProviderRow } from './dashboard-queries';
import { roundDecimal } from './decimal';
import { formatUsd } from './format';

const isZero = (value: string) => !/[1-9]/.test(value);

/** An amount in a named currency from a Decimal string, rounded to two places ("EUR 1,234.50"). */
export function formatInCurrency(currency: string, value: string): string {
  const rounded = roundDecimal(value, 2);
  const [whole, fraction] = rounded.replace(/^-/, '').split('.');
  const grouped = `${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction === undefined ? '' : `.${fraction}`}`;
  return `${currency} ${rounded.startsWith('-') && !isZero(rounded) ? '-' : ''}${grouped}`;
}

/**
 * Discounts (part of credits) and refunds (already out of spend) of an account, next to its
 * credits: "$0.50 discounts (EdpDiscount)", "$1.00 refunded"; "—" when it has neither.
 */
export function AdjustmentsCell({ row }: { row: ProviderRow }) {
  const lines: string[] = [];
  if (!isZero(row.discounts))
    lines.push(
      `${formatUsd(row.discounts)} discounts${row.discountKinds.length > 0 ? ` (${row.discountKinds.join(', ')})` : ''}`,
    );
  if (!isZero(row.refunds)) lines.push(`${formatUsd(row.refunds)} refunded`);
  if (lines.length === 0) return <>—</>;
  return (
    <>
      {lines.map((line) => (
        <Typography key={line} variant="body2" component="div" data-adjustment>
          {line}
        </Typography>
      ))}
    </>
  );
}

/** The spend as billed, when the account is billed in another currency than USD ("EUR 1.84"); "—" otherwise. */
export function BilledCell({ row }: { row: ProviderRow }) {
  if (!row.billingCurrency || row.billingAmount === null) return <>—</>;
  return (
    <span data-billed title={`Billed in ${row.billingCurrency}; spend, credits and net are in USD`}>
      {formatInCurrency(row.billingCurrency, row.billingAmount)}
    </span>
  );
}
