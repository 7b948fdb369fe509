import type { SimResponse } from '../../simulator/simulator-server';

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

let requestCounter = 0;

/** Anthropic's error envelope: `{"type":"error","error":{"type","message"},"request_id"}`. */
export function anthropicError(status: number, message: string): SimResponse {
  const type = ERROR_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
  requestCounter = (requestCounter + 1) % 1e9;
  return {
    status,
    body: { type: 'error', error: { type, message }, request_id: `req_sim${String(requestCounter).padStart(18, '0')}` },
  };
}
