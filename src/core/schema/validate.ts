/** Placeholder until the generated-schema validator lands (issue 9): accepts every config. */
import type { PathSegment } from '../types.ts';

export interface SchemaViolation {
  path: PathSegment[];
  message: string;
  allowedValues?: unknown[];
  at?: PathSegment[];
  hint?: string;
}

export function validateConfig(_config: unknown): SchemaViolation[] {
  return [];
}

export function formatIssuePath(path: readonly PathSegment[]): string {
  return path.length === 0 ? '<root>' : path.map(String).join('.');
}
