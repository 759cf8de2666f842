/**
 * `cdktf-vault-a2a/verify`: what an A2A server agent needs to enforce, on every request, what the
 * topology grants. Loads `jose` and these files only (no CDKTF, no topology schema), so a server
 * imports it cheaply.
 */
export {
  CLAIMS_FILE_VERSION,
  ClaimsFileError,
  readClaimsFile,
  VAULT_SIGNING_ALGORITHMS,
  type BrowserIssuer,
  type ClaimsAction,
  type ClaimsFile,
  type ClaimsIssuer,
  type ClaimsSkill,
  type DelegatedIssuer,
  type Flow,
  type HeadlessIssuer,
  type SigningAlgorithm,
} from './claims-file';
export {
  createVerifier,
  VerifierConfigError,
  type Allowed,
  type Denied,
  type Verification,
  type Verifier,
  type VerifierOptions,
  type VerifyRequest,
} from './verifier';
export {
  a2aUser,
  a2aVerifyMiddleware,
  verificationOf,
  type A2aCaller,
  type A2aVerifyMiddlewareOptions,
  type NextLike,
  type RequestLike,
  type ResponseLike,
  type SkillOf,
} from './middleware';
