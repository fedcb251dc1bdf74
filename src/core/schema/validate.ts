/**
 * Schema validation of a fully loaded openclaw config, with openclaw 2026.9.6's issue paths and messages.
 * The data comes from `npm run gen:schema` (openclaw-schema.jsonl, see sections.ts); this file interprets it.
 */
import type { PathSegment } from '../types.ts';
import { runSchema } from './zod-like.ts';
import type { ZodLikeIssue } from './zod-like.ts';
import { migrateBeforeValidation } from './migrate.ts';
import {
  validateChannels,
  validateHeartbeatTargets,
  validateMemorySlot,
  validatePluginEntries,
  validateWebSearchProvider,
} from './plugins.ts';
import { validateModelRefs } from './model-refs.ts';
import { postSchemaIssues } from './post-schema.ts';
import type { PluginStageOptions } from './plugins.ts';
import { refineConfig, mergePolicyIssues } from './refinements.ts';
import { legacyHint } from './hints.ts';
import { schemaData } from './data.ts';
import type { SchemaViolation } from './violation.ts';
import { summarizeAllowedValues, appendAllowedValuesHint } from './allowed-values.ts';
import { ToolDataError, errorMessage } from '../errors.ts';
import { pushAll } from '../arrays.ts';

export type ValidateOptions = PluginStageOptions;

/** openclaw's dotted form: [] → "<root>", ['bindings', 0, 'match'] → "bindings.0.match". */
export function formatIssuePath(path: readonly PathSegment[]): string {
  return path.length === 0 ? '<root>' : path.join('.');
}

// --- zod issue → openclaw config issue (mirrors openclaw's mapping rules) ---

interface AllowedCollection {
  values: unknown[];
  incomplete: boolean;
  hasValues: boolean;
}

function collectAllowed(issue: ZodLikeIssue): AllowedCollection {
  if (issue.code === 'invalid_value') {
    return Array.isArray(issue.values)
      ? { values: issue.values, incomplete: false, hasValues: issue.values.length > 0 }
      : { values: [], incomplete: true, hasValues: false };
  }
  if (issue.code === 'invalid_type') {
    return issue.expected === 'boolean'
      ? { values: [true, false], incomplete: false, hasValues: true }
      : { values: [], incomplete: true, hasValues: false };
  }
  if (issue.code !== 'invalid_union') return { values: [], incomplete: false, hasValues: false };
  const nested = issue.errors;
  if (!nested || nested.length === 0) return { values: [], incomplete: true, hasValues: false };
  const collected: unknown[] = [];
  for (const branch of nested) {
    if (branch.length === 0) return { values: [], incomplete: true, hasValues: false };
    const c = collectAllowedList(branch);
    if (c.incomplete || !c.hasValues) return { values: [], incomplete: true, hasValues: false };
    pushAll(collected, c.values);
  }
  return { values: collected, incomplete: false, hasValues: collected.length > 0 };
}

function collectAllowedList(issues: ZodLikeIssue[]): AllowedCollection {
  const values: unknown[] = [];
  let hasValues = false;
  for (const issue of issues) {
    const c = collectAllowed(issue);
    if (c.incomplete) return { values: [], incomplete: true, hasValues: false };
    if (c.hasValues) {
      hasValues = true;
      pushAll(values, c.values);
    }
  }
  return { values, incomplete: false, hasValues };
}

function numericHint(message: string, issue: ZodLikeIssue): string {
  if (issue.origin !== 'number') return message;
  const inclusive = issue.inclusive === true;
  if (issue.code === 'too_big' && typeof issue.maximum === 'number') {
    return inclusive ? `${message} (maximum: ${issue.maximum})` : `${message} (must be less than ${issue.maximum})`;
  }
  if (issue.code === 'too_small' && typeof issue.minimum === 'number') {
    return inclusive ? `${message} (minimum: ${issue.minimum})` : `${message} (must be greater than ${issue.minimum})`;
  }
  return message;
}

function isRouteTypeMismatch(issue: ZodLikeIssue): boolean {
  return (
    issue.path.length === 1 &&
    issue.path[0] === 'type' &&
    issue.code === 'invalid_value' &&
    Array.isArray(issue.values) &&
    issue.values.includes('route')
  );
}

/** For a failed `bindings[n]` union, openclaw reports the one relevant branch's deepest issue instead of "Invalid input". */
function bindingsUnionIssue(issue: ZodLikeIssue): SchemaViolation | null {
  if (!(issue.path[0] === 'bindings' && typeof issue.path[1] === 'number') || !issue.errors) return null;
  let best: ZodLikeIssue | null = null;
  let bestUnrec = false;
  let bestLen = -1;
  let sawRoute = false;
  for (const branch of issue.errors) {
    if (branch.length === 0) continue;
    if (branch.some(isRouteTypeMismatch)) {
      sawRoute = true;
      continue;
    }
    let bb: ZodLikeIssue | null = null;
    let bbUnrec = false;
    let bbLen = -1;
    for (const i of branch) {
      const len = i.path.length;
      const unrec = i.code === 'unrecognized_keys';
      if (len > bbLen || (len === bbLen && unrec && !bbUnrec)) {
        bb = i;
        bbUnrec = unrec;
        bbLen = len;
      }
    }
    if (!bb) continue;
    if (best) return null;
    best = bb;
    bestUnrec = bbUnrec;
    bestLen = bbLen;
  }
  if (!sawRoute || !best || (bestLen === 0 && !bestUnrec)) return null;
  return withAt({ path: [...issue.path, ...best.path], message: best.message }, best);
}

function withAt(v: SchemaViolation, issue: ZodLikeIssue): SchemaViolation {
  if (issue.code === 'unrecognized_keys' && issue.keys && issue.keys.length > 0) v.at = [...v.path, issue.keys[0]!];
  return v;
}

function mapZodIssue(issue: ZodLikeIssue): SchemaViolation {
  const path = issue.path;
  const message = numericHint(issue.message, issue);
  const collected = collectAllowed(issue);
  const summary = collected.incomplete || !collected.hasValues ? null : summarizeAllowedValues(collected.values);
  if (issue.code === 'invalid_union' && !summary) {
    const better = bindingsUnionIssue(issue);
    if (better) return better;
  }
  if (!summary) return withAt({ path: [...path], message }, issue);
  return withAt(
    { path: [...path], message: appendAllowedValuesHint(message, summary), allowedValues: summary.values },
    issue,
  );
}

/** Validates a fully loaded config value like openclaw 2026.9.6. Returns [] when valid. Never throws. */
export function validateConfig(config: unknown, opts: ValidateOptions = {}): SchemaViolation[] {
  try {
    return addHints(validateInner(config, opts));
  } catch (error) {
    if (error instanceof ToolDataError) throw error; // a damaged install stops the run, whatever the config
    // Last-resort guard: a bug here must not take the audit down.
    return [{ path: [], message: `internal schema validation error: ${errorMessage(error)}` }];
  }
}

function addHints(issues: SchemaViolation[]): SchemaViolation[] {
  for (const issue of issues) {
    const hint = legacyHint(issue);
    if (hint) issue.hint = hint;
  }
  return issues;
}

/**
 * zod checks the root object key by key in schema order and runs each section's refinements when it checks that
 * section, so a refinement issue under `tools` comes before a schema issue under `gateway`. Our refinements run after
 * the schema pass: put every issue back in the order of its top-level key (stable; root-level issues last).
 */
function inTopLevelSchemaOrder(issues: ZodLikeIssue[]): ZodLikeIssue[] {
  const keys = Object.keys((schemaData().core as { properties?: Record<string, unknown> }).properties ?? {});
  const rank = new Map(keys.map((key, index) => [key, index]));
  const rankOf = (issue: ZodLikeIssue) =>
    issue.path.length === 0 ? keys.length : (rank.get(String(issue.path[0])) ?? keys.length);
  return issues
    .map((issue, index) => ({ issue, index, rank: rankOf(issue) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((e) => e.issue);
}

function validateInner(config: unknown, opts: ValidateOptions): SchemaViolation[] {
  const migrated = migrateBeforeValidation(config);
  const ctx = { root: schemaData().core };
  const zodIssues = runSchema(ctx, schemaData().core, migrated);
  const refined = refineConfig(migrated, zodIssues, schemaData().facts);
  const issues = inTopLevelSchemaOrder([...zodIssues, ...refined.zod]).map(mapZodIssue);
  if (issues.length > 0 || refined.policy.length > 0) return mergePolicyIssues(refined.policy, issues);
  const post = postSchemaIssues(migrated);
  if (post.length > 0) return post;
  // openclaw's plugin stage: channels (unknown ids, schemas; config key order), heartbeat targets, the web_search provider, configured model
  // refs, the memory slot, plugin entry configs.
  return [
    ...validateChannels(migrated, opts),
    ...validateHeartbeatTargets(migrated, opts),
    ...validateWebSearchProvider(migrated, opts),
    ...validateModelRefs(migrated, schemaData().facts.modelSuppressions),
    ...validateMemorySlot(migrated, opts),
    ...validatePluginEntries(migrated, opts),
  ];
}
