import { parseTopologyText, type TopologyIssue } from '../../lib/topology';

/** Shared start of inline test documents: 7 lines, so the first line after it is line 8. */
export const HEAD = `version: 1
vault: { address: "https://vault.example.com:8200" }
authMounts:
  k8s: { type: kubernetes, path: kubernetes }
  up: { type: userpass, path: userpass }
  spiffe: { type: jwt, path: jwt }
  ar: { type: approle, path: approle }
`;

/** A server agent in flow style, one line: `hello-world` with skill hello_world {read, write}. */
export const HELLO_SERVER = `  hello-world: { url: "https://hello.example.com", skills: [{ id: hello_world, actions: [read, write] }] }\n`;

export function issuesOf(text: string, file = 'topology.yaml'): TopologyIssue[] {
  const result = parseTopologyText(text, file);
  if (result.ok) throw new Error('expected the topology to be invalid, but it validated');
  return result.issues;
}

/** Human-readable issue list for failure messages. */
export function describeIssues(issues: readonly TopologyIssue[]): string {
  return issues.map((i) => `${i.line}:${i.column} ${i.path}: ${i.message} | ${i.fix}`).join('\n');
}

/** A document: HEAD (7 lines) then the body lines, so body line i is document line 7 + i. */
export const doc = (...body: string[]): string => `${HEAD}${body.join('\n')}\n`;
/** The hello-world server agent, as agent lines. */
export const hello = HELLO_SERVER.trimEnd();
export const k8sLogin = '    login: { mount: k8s, serviceAccount: client, namespace: default }';
export const callHello = '    calls: [{ agent: hello-world, grants: ["hello_world:read"] }]';

/** A document with exactly one mistake: the one issue it must produce. */
export interface OneMistakeCase {
  readonly title: string;
  readonly text: string;
  readonly path: string;
  readonly message: string;
  readonly at: readonly [line: number, column: number];
  readonly fix?: string;
}

/** Asserts the case yields exactly one issue, at its path and line:column, with a fix. */
export function expectOneIssue({ text, path, message, at, fix }: OneMistakeCase): void {
  const issues = issuesOf(text, 'examples/x.yaml');
  if (issues.length !== 1) throw new Error(`expected exactly one issue, got:\n${describeIssues(issues)}`);
  const [issue] = issues;
  expect(issue.file).toBe('examples/x.yaml');
  expect(issue.path).toBe(path);
  expect(issue.message).toContain(message);
  expect([issue.line, issue.column]).toEqual(at);
  expect(issue.fix.length).toBeGreaterThan(0);
  if (fix !== undefined) expect(issue.fix).toContain(fix);
}
