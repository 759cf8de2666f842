/**
 * Topology schema for identities Vault does not hold itself: groups whose members an identity
 * provider decides (`externalGroups`), and agents that log in with a client certificate (the cert
 * fields of `login`). Shape only, like schema.ts; cross-references and the certificate file are
 * checked in validate-external-groups.ts and validate-cert-login.ts.
 */
import { z } from 'zod';
import { NAME_PATTERN, NAME_RULE } from './names';

/** What an IdP group name may hold: one line, no `*` (Vault compares group alias names literally, but a reader would take it for a glob), no quotes. */
export const IDP_GROUP_PATTERN = /^(?!\s)(?![\s\S]*\s$)[^\u0000-\u001f\u007f*"\\]{1,256}$/;

export const ExternalGroup = z
  .strictObject({
    mount: z
      .string()
      .regex(NAME_PATTERN, { error: `must be the name of an auth mount: ${NAME_RULE}` })
      .describe('The oidc or jwt auth mount (under authMounts, with groupsClaim) whose logins carry the IdP group.'),
    alias: z
      .string()
      .regex(IDP_GROUP_PATTERN, { error: 'must be the IdP group name: one line, without "*", quotes or backslashes' })
      .describe("The group's name at the identity provider, exactly as the mount's groups claim carries it."),
    description: z.string().max(256).optional(),
  })
  .describe(
    'A Vault external group: Vault makes a login on `mount` a member when the groups claim of that login names `alias`. Use it as "group:<name>" in oidc.users. It gets no policies.',
  );

/**
 * X.520 bounds a common name at 64 characters; one line, no `*` (Vault matches allowed_common_names
 * as go-glob patterns), no quotes or backslashes.
 */
export const COMMON_NAME_PATTERN = /^(?!\s)(?![\s\S]*\s$)[^\u0000-\u001f\u007f*"\\]{1,64}$/;
/** An absolute URI without `*` (allowed_uri_sans are go-glob patterns too) or whitespace, e.g. a SPIFFE ID. */
export const URI_SAN_PATTERN = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s*"'\\<>^`{|}]+$/;

export const CertLoginFields = {
  caCertificate: z
    .string()
    .min(1, { error: 'must be a file path' })
    .optional()
    .describe(
      'cert: the PEM file of the CA that issues the agent\'s client certificates, relative to the topology file. Certificates only: a private key is refused.',
    ),
  commonName: z
    .string()
    .regex(COMMON_NAME_PATTERN, { error: 'must be a certificate common name: one line, at most 64 characters, without "*", quotes or backslashes' })
    .optional()
    .describe("cert: the one subject common name allowed to log in. Vault names the entity alias after it, so the agent's entity is known in advance."),
  uriSan: z
    .string()
    .regex(URI_SAN_PATTERN, { error: 'must be an absolute URI without "*" or spaces, e.g. "spiffe://example.org/ns/ci/sa/builder"' })
    .optional()
    .describe(
      'cert: instead of commonName, the one URI subject alternative name allowed to log in, e.g. a SPIFFE ID. Vault names the entity alias after the certificate\'s common name, which this does not bind: the agent then gets no entity in advance.',
    ),
} as const;

export type ExternalGroupSpec = z.input<typeof ExternalGroup>;
