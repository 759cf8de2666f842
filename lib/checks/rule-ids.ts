/**
 * The ids of the built-in rules, as plain data. The topology loader validates per-agent
 * suppressions against this list without loading the rules themselves (the topology layer must
 * not depend on the analysis code); a test keeps it equal to `RULES.map((r) => r.id)`.
 */
export const RULE_IDS: readonly string[] = [
  'A2A-ASSIGNMENT-ALLOW-ALL',
  'A2A-EXCHANGE-MAYACT',
  'A2A-EXCHANGE-NON-ACTOR',
  'A2A-EXCHANGE-UNBOUND',
  'A2A-KEY-WILDCARD',
  'A2A-LOGIN-APPROLE-BINDING',
  'A2A-LOGIN-JWT-BINDING',
  'A2A-LOGIN-K8S-BINDING',
  'A2A-MAYACT-EXCESS',
  'A2A-MAYACT-GROUP-REACH',
  'A2A-OUTPUT-SECRET',
  'A2A-POLICY-GLOB',
  'A2A-POLICY-GLOB-REACH',
  'A2A-POLICY-PARSE',
  'A2A-POLICY-ROOT',
  'A2A-POLICY-SUDO',
  'A2A-POLICY-SYS',
  'A2A-POLICY-TOKEN-CREATE',
  'A2A-POLICY-UNKNOWN',
  'A2A-PROVIDER-HTTPS',
  'A2A-PROVIDER-SCOPE-EXCESS',
  'A2A-PROVIDER-SHARED',
  'A2A-PROVIDER-WILDCARD',
  'A2A-REFERENCE-CYCLE',
  'A2A-RESERVED-CLAIM',
  'A2A-SCOPE-CLAIM-COLLISION',
  'A2A-TEMPLATE-INVALID',
  'A2A-TTL-IDENTITY-TOKEN',
  'A2A-TTL-LOGIN-TOKEN',
  'A2A-TTL-OIDC-TOKEN',
];
