import type { SchemaViolation } from './validate.ts';
export function legacyHint(_issue: SchemaViolation): string | undefined {
  return undefined;
}
