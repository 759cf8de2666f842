/**
 * The `Authorization: Bearer <token>` header (RFC 6750 §2.1), read strictly: one header, the
 * `Bearer` scheme (any case, RFC 7235 §2.1), one token of the b64token alphabet. Anything else is
 * a 401 before any key or network is touched.
 */

/** Longer than any Vault identity token or batch token; keeps a hostile header from costing much. */
export const MAX_TOKEN_LENGTH = 16 * 1024;

const BEARER = /^[Bb][Ee][Aa][Rr][Ee][Rr] +([A-Za-z0-9\-._~+/]+=*) *$/;

export type BearerToken = { readonly ok: true; readonly token: string } | { readonly ok: false; readonly reason: string };

export function bearerToken(header: unknown): BearerToken {
  if (header === undefined || header === null || header === '') return { ok: false, reason: 'no Authorization header: send "Authorization: Bearer <token>"' };
  if (Array.isArray(header)) {
    if (header.length !== 1) return { ok: false, reason: 'more than one Authorization header' };
    return bearerToken(header[0]);
  }
  if (typeof header !== 'string') return { ok: false, reason: 'the Authorization header is not text' };
  if (header.length > MAX_TOKEN_LENGTH + 16) return { ok: false, reason: `the Authorization header is longer than ${MAX_TOKEN_LENGTH} characters` };
  const m = BEARER.exec(header);
  if (!m) return { ok: false, reason: 'the Authorization header is not "Bearer <token>" with a token of letters, digits and -._~+/' };
  return { ok: true, token: m[1] };
}
