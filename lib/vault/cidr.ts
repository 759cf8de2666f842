/**
 * CIDR blocks as Vault reads them in `secret_id_bound_cidrs` and `token_bound_cidrs` (Go's
 * net.ParseCIDR: an IPv4 or IPv6 address, "/", a prefix length). One parser for the topology
 * loader and the constructs, so both refuse the same text.
 */
import { isIP } from 'node:net';

export type CidrProblem = { readonly message: string; readonly fix: string };

/** undefined when `text` is a CIDR block that binds something; otherwise what is wrong with it. */
export function cidrProblem(text: string): CidrProblem | undefined {
  const match = /^([^/\s]+)\/(\d{1,3})$/.exec(text);
  const version = match ? isIP(match[1]) : 0;
  if (!match || version === 0) {
    return { message: `${JSON.stringify(text)} is not a CIDR block`, fix: 'write an address and a prefix length, e.g. "10.20.0.0/16" or "2001:db8::/48"' };
  }
  const prefix = Number(match[2]);
  const bits = version === 4 ? 32 : 128;
  if (prefix > bits) return { message: `${JSON.stringify(text)} has a prefix longer than ${bits} bits`, fix: `use a prefix length from 1 to ${bits}` };
  if (prefix === 0) {
    return { message: `${JSON.stringify(text)} matches every address, so it binds nothing`, fix: 'name the networks the agent runs in, or remove the field' };
  }
  return undefined;
}
