import type { PathSegment } from '../types.ts';

/** One issue of openclaw's config validation. */
export interface SchemaViolation {
  /** openclaw's issue path as segments; [] is the root (printed as "<root>"). */
  path: PathSegment[];
  /** openclaw's exact message. */
  message: string;
  allowedValues?: unknown[];
  /** Where to point a user: for an unrecognized key, the path of that key (path + key); else omitted. */
  at?: PathSegment[];
  /** A hint in our words for legacy or moved keys. */
  hint?: string;
}
