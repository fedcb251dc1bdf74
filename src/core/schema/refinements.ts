import type { ZodLikeIssue } from './zod-like.ts';
import type { SchemaViolation } from './validate.ts';
export interface Refined {
  zod: ZodLikeIssue[];
  policy: SchemaViolation[];
  post: () => SchemaViolation[];
}
export function refineConfig(_config: unknown, _issues: ZodLikeIssue[]): Refined {
  return { zod: [], policy: [], post: () => [] };
}
