/**
 * A provider call refused before it left the machine (see `outboundRefusal`): not retried, and
 * its message, which names the host and the setting to change, reaches the user as it is.
 */
export class OutboundRefusedError extends Error {
  override readonly name = 'OutboundRefusedError';
  readonly code = 'SPENDSYNC_OUTBOUND_REFUSED';
}

const PREFIX = 'OutboundRefusedError: ';

/**
 * The refusal behind a failed fetch. undici wraps a connect error in `TypeError: fetch failed`,
 * and a refusal raised inside the resolver hook can come back re-created as a plain Error whose
 * message starts with the class name, so both shapes are recognised.
 */
export function findOutboundRefusal(error: unknown): OutboundRefusedError | undefined {
  // Errors made inside Node's own modules may come from another realm (jest), so no instanceof Error.
  let e: unknown = error;
  for (let depth = 0; typeof e === 'object' && e !== null && depth < 4; depth++) {
    if (e instanceof OutboundRefusedError) return e;
    const { message, cause } = e as { message?: unknown; cause?: unknown };
    if (typeof message === 'string' && message.startsWith(PREFIX))
      return new OutboundRefusedError(message.slice(PREFIX.length));
    e = cause;
  }
  return undefined;
}
