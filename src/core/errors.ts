import type { ConfigIssue } from '../types.ts';

/** The config cannot be loaded the way openclaw would load it: parse, `$include` or size problems. */
export class ConfigLoadError extends Error {
  readonly issue: ConfigIssue;
  constructor(issue: ConfigIssue) {
    super(issue.message);
    this.name = 'ConfigLoadError';
    this.issue = issue;
  }
}
