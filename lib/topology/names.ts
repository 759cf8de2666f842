/**
 * Name rules for everything a topology names. These names end up inside Vault object names,
 * ACL policy paths and JSON claim templates, so the alphabets are deliberately tiny: nothing a
 * user writes can close a string, open a new policy stanza, or become a path glob (`*`, `+`).
 */

/**
 * Users, groups, agents, auth mounts, resource servers: a DNS-label-like name. It ends with a
 * letter, digit or "_" because these names become Vault object names (an agent's client, entity,
 * login role, policy …), and Vault's rule `\w([\w.-]*\w)?` (lib/vault/names.ts) refuses a last "-".
 */
export const NAME_PATTERN = /^[a-z]([a-z0-9_-]{0,61}[a-z0-9_])?$/;
/** Skill ids and actions: identifier-like, no dashes (they join with `.` and `:`). */
export const SKILL_PATTERN = /^[a-z][a-z0-9_]*$/;
/** A grant as written in a topology: `<skill>:<action>`. */
export const GRANT_PATTERN = /^([a-z][a-z0-9_]*):([a-z][a-z0-9_]*)$/;
/** A member reference in `oidc.users` / `actsFor`: a user name or `group:<group>`. */
export const MEMBER_PATTERN = /^(group:)?[a-z]([a-z0-9_-]{0,61}[a-z0-9_])?$/;
/** Auth mount paths: segments of safe characters, no leading or trailing slash, no globs. */
export const MOUNT_PATH_PATTERN = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_-]*)*$/;
/** Plugin names in Vault's catalog (the `type` of a plugin mount). */
export const PLUGIN_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;
/** Kubernetes service account and namespace names (RFC 1123 labels). */
export const K8S_NAME_PATTERN = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
/** Vault namespace path segments. */
export const NAMESPACE_PATTERN = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/;
/** JWT subjects and audiences: printable, no quotes, no globs, no whitespace. */
export const TOKEN_BINDING_PATTERN = /^[A-Za-z0-9._~:/?#@!$&'()\[\],;=%-]+$/;
/**
 * Names of existing Vault ACL policies (an agent's explicit registry ceiling): Vault's object-name
 * rule `\w([\w.-]*\w)?`, lowercase only because Vault lowercases policy names on write, so
 * "Ops" would name a policy that cannot exist under that spelling.
 */
export const POLICY_NAME_PATTERN = /^[a-z0-9_]([a-z0-9_.-]{0,126}[a-z0-9_])?$/;
/** JWT claim names (a resource server's `userClaim`): identifier-like, no spaces or quotes. */
export const CLAIM_PATTERN = /^[A-Za-z_][A-Za-z0-9_.:-]{0,127}$/;
/** Key ids (`kid`) of pinned public keys: printable, no quotes, no whitespace. */
export const KEY_ID_PATTERN = /^[A-Za-z0-9._~:/@+=-]{1,128}$/;
/**
 * Free text that ends up in reports, Terraform JSON and HCL (owners, reasons): one line, no
 * control characters, and no `${` or `%{`, which Terraform would read as a template.
 */
export const ONE_LINE_TEXT_PATTERN = /^(?![\s\S]*[$%]\{)[^\u0000-\u001f\u007f]*\S[^\u0000-\u001f\u007f]*$/;

/**
 * Text Vault writes into token claims through identity templates (an agent's owner, held in its
 * entity metadata): one line, none of `*` and `+` (Vault refuses a substituted value holding
 * either, and then issues the token without any template claim, grants included), and none of
 * `"`, `\\`, `{` and `}` (the token-exchange plugin fills its templates with mustache, as raw
 * text inside JSON strings).
 */
export const CLAIM_TEXT_PATTERN = /^(?=[\s\S]*\S)[^\u0000-\u001f\u007f*+"\\{}]+$/;
export const CLAIM_TEXT_RULE = 'one line of text without *, +, ", \\, { or } (it is written into tokens through Vault templates)';

/**
 * Names Vault itself uses for built-in objects. An agent called `default` would otherwise
 * replace Vault's built-in `default` OIDC provider, key and ACL policy.
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(['default', 'root', 'allow_all']);

/** Human-readable description of NAME_PATTERN for error messages. */
export const NAME_RULE = 'lowercase letters, digits, "-" and "_", starting with a letter, not ending with "-", at most 63 characters';
export const SKILL_RULE = 'lowercase letters, digits and "_", starting with a letter';
