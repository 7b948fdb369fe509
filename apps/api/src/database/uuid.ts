const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * True for a syntactically valid UUID. Ids from clients are checked before they reach SQL: a
 * malformed id is simply "not found", never a database error (which would read as a bug).
 */
export function isUuid(id: unknown): id is string {
  return typeof id === 'string' && UUID.test(id);
}
