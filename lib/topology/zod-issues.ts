/**
 * Turns zod's issues into drafts a person can act on: `unknown field "redirectUri"` with a
 * did-you-mean, `is required` with what to add, bad names pointed at the key with a suggested
 * rename, and the schema's own wording kept for pattern failures.
 */
import { z } from 'zod';
import { DURATION_PATTERN } from './duration';
import {
  CLAIM_TEXT_PATTERN,
  GRANT_PATTERN,
  MEMBER_PATTERN,
  MOUNT_PATH_PATTERN,
  NAME_PATTERN,
  NAME_RULE,
  ONE_LINE_TEXT_PATTERN,
  POLICY_NAME_PATTERN,
  SKILL_PATTERN,
  SKILL_RULE,
} from './names';
import type { DraftIssue, IssuePath, PathSegment } from './path';
import { asMap, describeValue, has, valueAt } from './raw';
import { Duration, Topology } from './schema';
import { fieldsAt, schemaAt } from './schema-lookup';
import { chooseFix, slugify, unknownFieldFix } from './suggest';

type ZodIssue = z.core.$ZodIssue;

const DURATION_FIX = 'use whole seconds or a duration such as "90s", "15m", "1h" or "1h30m"';

/** Fixes for pattern failures, keyed by the pattern's source text as zod reports it. */
function patternFix(pattern: string | undefined, value: unknown, schemaMessage: string): string {
  const text = typeof value === 'string' ? value : '';
  switch (pattern) {
    case String(NAME_PATTERN): {
      const slug = slugify(text, '-');
      return slug ? `rename it, e.g. to "${slug}" (${NAME_RULE})` : `use ${NAME_RULE}`;
    }
    case String(SKILL_PATTERN): {
      const slug = slugify(text, '_');
      return slug ? `rename it, e.g. to "${slug}" (${SKILL_RULE})` : `use ${SKILL_RULE}`;
    }
    case String(GRANT_PATTERN):
      return 'write it as "<skill>:<action>", both parts lowercase letters, digits and "_", e.g. "hello_world:read"';
    case String(MEMBER_PATTERN):
      return 'write a user name or "group:<group>", e.g. "alice" or "group:admins"';
    case String(MOUNT_PATH_PATTERN):
      return 'write the mount path without "auth/" and without leading or trailing "/", segments of lowercase letters, digits, "-" and "_", e.g. "k8s/prod"';
    case String(DURATION_PATTERN):
      return DURATION_FIX;
    case String(POLICY_NAME_PATTERN): {
      const name = text.toLowerCase().replace(/[^a-z0-9_.-]+/g, '-').replace(/^[.-]+|[.-]+$/g, '');
      return name ? `write the policy name as Vault stores it, e.g. "${name}"` : 'write the name of an existing Vault policy';
    }
    case String(CLAIM_TEXT_PATTERN): {
      const kept = text.replace(/[\u0000-\u001f\u007f*+"\\{}]/g, ' ').replace(/\s+/g, ' ').trim();
      return kept ? `write it without those characters, e.g. "${kept}"` : 'write one line of plain text';
    }
    case String(ONE_LINE_TEXT_PATTERN):
      return 'write one line of plain text (no line breaks, no "${" or "%{": the text ends up in Terraform configuration)';
    default:
      return `change the value: it ${schemaMessage}`;
  }
}

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'a string',
  object: 'a map',
  array: 'a list',
  boolean: 'true or false',
  int: 'a whole number',
  number: 'a number',
};

function toPath(path: readonly PropertyKey[]): PathSegment[] {
  return path.map((segment) => (typeof segment === 'number' ? segment : String(segment)));
}

function missingFieldFix(path: IssuePath, root: z.ZodType): string {
  const field = String(path[path.length - 1]);
  const found = schemaAt(path, root);
  if (found?.schema instanceof z.ZodLiteral) return `add "${field}: ${String(found.schema.value)}"`;
  return found?.description ? `add "${field}": ${found.description}` : `add "${field}"`;
}

/** A field absent from its map: zod reports it as a type or literal mismatch against undefined. */
function missingField(path: IssuePath, data: unknown, root: z.ZodType): DraftIssue | undefined {
  const field = path[path.length - 1];
  if (typeof field !== 'string') return undefined;
  const parent = asMap(valueAt(data, path.slice(0, -1)));
  if (parent === undefined || has(parent, field)) return undefined;
  return { path, anchor: 'parent', message: 'is required', fix: missingFieldFix(path, root), missing: true };
}

function invalidType(issue: Extract<ZodIssue, { code: 'invalid_type' }>, path: IssuePath, data: unknown, root: z.ZodType): DraftIssue {
  const expected = EXPECTED[issue.expected] ?? issue.expected;
  if (path.length === 0 && root === Topology) {
    if (data === null || data === undefined) {
      return {
        path,
        anchor: 'value',
        message: 'the topology is empty',
        fix: 'write a topology: a map with "version: 1", "vault" and "agents"',
      };
    }
    return { path, anchor: 'value', message: `the topology must be a map (got ${describeValue(data)})`, fix: 'write a map with "version: 1", "vault" and "agents"' };
  }
  const value = valueAt(data, path);
  const description = schemaAt(path, root)?.description;
  return {
    path,
    anchor: 'value',
    message: `must be ${expected} (got ${describeValue(value)})`,
    fix: description ? `write ${expected}: ${description}` : `write ${expected}`,
  };
}

function draftFor(issue: ZodIssue, data: unknown, root: z.ZodType): DraftIssue[] {
  const path = toPath(issue.path);
  const value = valueAt(data, path);
  const missing = issue.code === 'unrecognized_keys' || issue.code === 'invalid_key' ? undefined : missingField(path, data, root);
  if (missing) return [missing];
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const { fix, meant } = unknownFieldFix(key, fieldsAt(path, root));
        return { path: [...path, key], anchor: 'key' as const, message: `unknown field "${key}"`, fix, ...(meant ? { meant } : {}) };
      });
    case 'invalid_type':
      return [invalidType(issue, path, data, root)];
    case 'invalid_key': {
      const key = String(path[path.length - 1]);
      const inner = issue.issues[0];
      const rule = inner?.message ?? issue.message;
      const pattern = inner?.code === 'invalid_format' ? inner.pattern : undefined;
      return [{ path, anchor: 'key', message: `name ${JSON.stringify(key)} ${rule}`, fix: patternFix(pattern, key, rule) }];
    }
    case 'invalid_format':
      return [{ path, anchor: 'value', message: `${describeValue(value)} ${issue.message}`, fix: patternFix(issue.pattern, value, issue.message) }];
    case 'invalid_value': {
      const choices = issue.values.map((v) => String(v));
      if (choices.length === 1) {
        return [{ path, anchor: 'value', message: `must be ${JSON.stringify(issue.values[0])} (got ${describeValue(value)})`, fix: `set it to ${choices[0]}` }];
      }
      return [
        {
          path,
          anchor: 'value',
          message: `must be one of ${choices.join(', ')} (got ${describeValue(value)})`,
          fix: chooseFix(String(value), choices, 'see schema/topology.schema.json'),
        },
      ];
    }
    case 'invalid_union': {
      if (schemaAt(path, root)?.schema === Duration) {
        return [{ path, anchor: 'value', message: `${describeValue(value)} is not a duration`, fix: DURATION_FIX }];
      }
      const description = schemaAt(path, root)?.description;
      return [{ path, anchor: 'value', message: `${describeValue(value)} is not valid here`, fix: description ?? 'see schema/topology.schema.json' }];
    }
    case 'too_small': {
      const minimum = Number(issue.minimum);
      const fix =
        issue.origin === 'array' ? `list at least ${minimum} ${minimum === 1 ? 'entry' : 'entries'}` : `make it at least ${minimum}`;
      return [{ path, anchor: 'value', message: issue.message, fix }];
    }
    case 'too_big':
      if (issue.origin === 'string') {
        return [{ path, anchor: 'value', message: `is longer than ${issue.maximum} characters`, fix: `shorten it to at most ${issue.maximum} characters` }];
      }
      return [{ path, anchor: 'value', message: issue.message, fix: `make it at most ${issue.maximum}` }];
    default:
      return [{ path, anchor: 'value', message: issue.message, fix: schemaAt(path, root)?.description ?? 'see schema/topology.schema.json' }];
  }
}

/** Maps every zod issue; `data` is the validated input, used to tell "missing" from "wrong". */
/**
 * `root` is the schema `data` was parsed with (the topology by default): field lists and
 * descriptions in the fixes are looked up in it.
 */
export function mapZodIssues(issues: readonly ZodIssue[], data: unknown, root: z.ZodType = Topology): DraftIssue[] {
  return issues.flatMap((issue) => draftFor(issue, data, root));
}
