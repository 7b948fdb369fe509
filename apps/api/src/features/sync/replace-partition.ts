import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type CostRecord, type Day, isDay, isMoney, type ProviderId } from '@spendsync/domain';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';
import { COPY_COLUMNS, toCopyLine, type CopyOwner } from './cost-record-copy';

/** What to replace: every stored record of `days` for one account becomes `records`. */
export type PartitionReplacement = {
  organizationId: string;
  providerAccountId: string;
  provider: ProviderId;
  /** The days being replaced; a day with no records ends up empty (the provider withdrew them). */
  days: readonly Day[];
  /** All records for those days; each must be for one of them and for `provider`. */
  records: readonly CostRecord[];
};

export type PartitionReplaced = { deleted: number; inserted: number };

/** The input was refused, or the write failed on a rule of the data; nothing was changed. */
export class PartitionWriteError extends Error {
  override readonly name = 'PartitionWriteError';
}

const LINES_PER_CHUNK = 2_000;
// Two-key advisory locks live apart from single-key ones (the migration lock); this class id marks ours.
const PARTITION_LOCK_CLASS = 7_106_011;

function validate(input: PartitionReplacement): void {
  const badDay = input.days.find((day) => !isDay(day));
  if (badDay !== undefined) throw new PartitionWriteError(`"${badDay}" is not a calendar day (YYYY-MM-DD)`);
  const days = new Set(input.days);
  input.records.forEach((r, i) => {
    if (!days.has(r.day)) {
      throw new PartitionWriteError(
        `Record ${i} is for ${r.day}, which is not one of the days being replaced; nothing was written`,
      );
    }
    if (r.provider !== input.provider) {
      throw new PartitionWriteError(
        `Record ${i} is from ${r.provider}, but the account is ${input.provider}; nothing was written`,
      );
    }
    const optional = [r.quantity, r.refunds, r.discounts, r.billingCost].filter((m) => m !== null && m !== undefined);
    if (!isMoney(r.cost) || !isMoney(r.creditsApplied) || !optional.every(isMoney)) {
      throw new PartitionWriteError(
        `Record ${i} has an amount that is not an exact decimal (Money); nothing was written`,
      );
    }
  });
}

function* copyChunks(owner: CopyOwner, records: readonly CostRecord[]): Generator<string> {
  for (let start = 0; start < records.length; start += LINES_PER_CHUNK) {
    let chunk = '';
    for (const r of records.slice(start, start + LINES_PER_CHUNK)) chunk += toCopyLine(owner, r);
    yield chunk;
  }
}

/** PostgreSQL errors the caller can act on, translated; anything else is rethrown as is. */
function translate(error: unknown, input: PartitionReplacement): unknown {
  const e = error as { code?: string; constraint?: string; detail?: string };
  if (e.code === '23505' && e.constraint === 'cost_records_grain_key') {
    return new PartitionWriteError(
      `Two records share one grain (${e.detail ?? 'duplicate'}); merge them before writing. Nothing was written.`,
    );
  }
  if (e.code === '23503' && e.constraint === 'cost_records_provider_account_id_organization_id_fkey') {
    return new PartitionWriteError(
      `Provider account ${input.providerAccountId} does not exist in organization ${input.organizationId}; nothing was written`,
    );
  }
  return error;
}

/**
 * Replace-by-partition (DESIGN.md §5): in one transaction, deletes the account's records for
 * `days` and inserts `records` with `COPY … FROM STDIN`. Readers see the old or the new days,
 * never a mix; a failure leaves the old data. Writers of the same account are serialized.
 * Records are checked first (day in `days`, right provider). Two records with the same grain are
 * an error, not merged: summing would hide an adapter bug, and the provider's own figures must
 * come through unchanged.
 */
export async function replacePartition(
  dataSource: DataSource,
  input: PartitionReplacement,
): Promise<PartitionReplaced> {
  validate(input);
  if (input.days.length === 0) return { deleted: 0, inserted: 0 };
  const runner = dataSource.createQueryRunner();
  const client = (await runner.connect()) as pg.PoolClient;
  await runner.startTransaction();
  try {
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
      PARTITION_LOCK_CLASS,
      input.providerAccountId,
    ]);
    const deleted = await client.query(
      'DELETE FROM cost_records WHERE provider_account_id = $1 AND organization_id = $2 AND day = ANY($3::date[])',
      [input.providerAccountId, input.organizationId, [...new Set(input.days)]],
    );
    let inserted = 0;
    if (input.records.length > 0) {
      const copy = client.query(copyFrom(`COPY cost_records (${COPY_COLUMNS.join(', ')}) FROM STDIN`));
      await pipeline(Readable.from(copyChunks(input, input.records)), copy);
      inserted = copy.rowCount;
    }
    await runner.commitTransaction();
    return { deleted: deleted.rowCount ?? 0, inserted };
  } catch (error) {
    await runner.rollbackTransaction().catch(() => undefined);
    throw translate(error, input);
  } finally {
    await runner.release();
  }
}
