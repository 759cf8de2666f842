import { IConstruct } from 'constructs';

/** The construct path a child `id` of `scope` will have, for errors raised before it exists. */
export function childPath(scope: IConstruct, id: string): string {
  return scope.node.path === '' ? id : `${scope.node.path}/${id}`;
}
