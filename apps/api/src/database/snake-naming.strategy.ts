import { DefaultNamingStrategy, type Table } from 'typeorm';

const tableName = (t: Table | string) => (typeof t === 'string' ? t : t.name).split('.').pop()!;
const snake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/**
 * snake_case columns and PostgreSQL's own constraint names (`<table>_pkey`, `<table>_<cols>_fkey`,
 * `<table>_<cols>_key`, `<table>_<cols>_idx`), so the hand-written migrations read like plain SQL
 * and the schema builder sees the same names as the entities (its drift check compares names).
 */
export class SnakeNamingStrategy extends DefaultNamingStrategy {
  override columnName(propertyName: string, customName: string | undefined, prefixes: string[]): string {
    return customName ?? snake([...prefixes, propertyName].join('_'));
  }

  override primaryKeyName(table: Table | string): string {
    return `${tableName(table)}_pkey`;
  }

  override foreignKeyName(table: Table | string, columnNames: string[]): string {
    return `${tableName(table)}_${columnNames.join('_')}_fkey`;
  }

  override uniqueConstraintName(table: Table | string, columnNames: string[]): string {
    return `${tableName(table)}_${columnNames.join('_')}_key`;
  }

  override indexName(table: Table | string, columnNames: string[]): string {
    return `${tableName(table)}_${columnNames.join('_')}_idx`;
  }
}
