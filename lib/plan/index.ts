export { compile } from './compile';
export * from './naming';
export type * from './types';
