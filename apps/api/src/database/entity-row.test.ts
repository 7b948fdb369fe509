import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { getMetadataArgsStorage } from 'typeorm';
import { ENTITIES } from '../entities';
import { columnsOf, fromRow, snakeCase, type RowOf } from './entity-row';

type Sample = { id: string; organizationId: string; amount: string; periodStart: string | null };

describe('entity rows', () => {
  it('names columns as SnakeNamingStrategy does', () => {
    expect(snakeCase('id')).toBe('id');
    expect(snakeCase('organizationId')).toBe('organization_id');
    expect(snakeCase('scopeApiKeyIds')).toBe('scope_api_key_ids');
  });

  it('builds select lists with casts and a table alias', () => {
    const columns = columnsOf<Sample>(['id', 'amount', 'periodStart'], { amount: 'text' });
    expect(columns).toBe('id, amount::text, period_start');
    expect(columnsOf<Sample>(['id', 'organizationId'], {}, 'k')).toBe('k.id, k.organization_id');
  });

  it('reads a row back as entity properties, leaving out what was not asked for', () => {
    const row: RowOf<Sample, 'id' | 'organizationId'> & { extra: number } = { id: 'a', organization_id: 'o', extra: 1 };
    const values = fromRow<Sample, 'id' | 'organizationId'>(row, ['id', 'organizationId']);
    expect(values).toEqual({ id: 'a', organizationId: 'o' });
  });

  it('holds for every entity: no column is renamed, so derived column names are the real ones', () => {
    const targets = new Set<unknown>(ENTITIES);
    const columns = getMetadataArgsStorage().columns.filter((column) => targets.has(column.target));
    expect(columns.length).toBeGreaterThan(50);
    const renamed = columns
      .filter((column) => column.options.name !== undefined && column.options.name !== snakeCase(column.propertyName))
      .map(
        (column) =>
          `${String((column.target as { name?: string }).name)}.${column.propertyName} → ${column.options.name}`,
      );
    expect(renamed).toEqual([]);
  });
});
