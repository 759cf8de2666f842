/**
 * `a2aVerifyMiddleware`: Express-style middleware for the A2A routes of an `@a2a-js/sdk` server.
 * Mount it in front of `jsonRpcHandler` / `restHandler`, not in front of the public Agent Card.
 *
 * The types are structural (the parts of Express's request and response it uses), so this
 * package needs no Express at run time and works with Express 4 and 5.
 *
 * A refusal is answered here, as RFC 6750 §3 and A2A §3.3.2 ask: 401 with
 * `WWW-Authenticate: Bearer error="invalid_token"`, or 403 with `error="insufficient_scope"` and
 * the scope that was missing; the body is `{"error", "error_description"}`. An accepted request
 * goes on with its verification attached (`verificationOf(req)`, `a2aUser(req)`).
 */
import type { Allowed, Verifier, VerifyRequest } from './verifier';

export interface RequestLike {
  readonly headers: { readonly [name: string]: string | string[] | undefined };
}

export interface ResponseLike {
  status(code: number): unknown;
  setHeader(name: string, value: string): unknown;
  json(body: unknown): unknown;
}

export type NextLike = (err?: unknown) => void;

/** Skill and action a request needs; undefined: any grant on the server (the card's top-level requirement). */
export type SkillOf<Req> = (req: Req) => Pick<VerifyRequest, 'skill' | 'action'> | undefined | Promise<Pick<VerifyRequest, 'skill' | 'action'> | undefined>;

export interface A2aVerifyMiddlewareOptions<Req extends RequestLike> {
  readonly skillOf?: SkillOf<Req>;
}

const verified = new WeakMap<object, Allowed>();

/** What the middleware verified for this request, or undefined when it did not run or refused it. */
export function verificationOf(req: object): Allowed | undefined {
  return verified.get(req);
}

/** The caller as `@a2a-js/sdk`'s `User` (pass as `userBuilder`): the user for browser and delegated calls, the client agent for headless ones. */
export interface A2aCaller {
  readonly isAuthenticated: boolean;
  readonly userName: string;
  readonly verification?: Allowed;
}

export async function a2aUser(req: object): Promise<A2aCaller> {
  const v = verified.get(req);
  if (!v) return { isAuthenticated: false, userName: '' };
  const who = v.flow === 'headless' ? (v.client ?? v.subject) : (v.subjectName ?? v.subject);
  return { isAuthenticated: true, userName: who, verification: v };
}

function quoted(value: string): string {
  return `"${value.replace(/[\\"]/g, '\\$&').replace(/[\r\n]/g, ' ')}"`;
}

export function a2aVerifyMiddleware<Req extends RequestLike>(
  verifier: Verifier,
  options: A2aVerifyMiddlewareOptions<Req> = {},
): (req: Req, res: ResponseLike, next: NextLike) => void {
  const realm = verifier.server;
  return (req, res, next) => {
    const run = async (): Promise<void> => {
      const wanted = options.skillOf ? await options.skillOf(req) : undefined;
      const result = await verifier.verify({ authorization: req.headers.authorization, ...(wanted ?? {}) });
      if (result.allowed) {
        verified.set(req, result);
        next();
        return;
      }
      const error = result.status === 401 ? 'invalid_token' : 'insufficient_scope';
      const scope = result.status === 403 && wanted?.skill !== undefined && wanted.action !== undefined ? `, scope=${quoted(`${realm}.${wanted.skill}.${wanted.action}`)}` : '';
      res.setHeader('WWW-Authenticate', `Bearer realm=${quoted(realm)}, error=${quoted(error)}, error_description=${quoted(result.reason)}${scope}`);
      res.status(result.status);
      res.json({ error, error_description: result.reason });
    };
    run().catch(next);
  };
}
