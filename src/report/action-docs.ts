/** The README's tables of the Action's inputs and outputs, rendered from action.yml (parsed by the caller). */

interface ActionInput {
  description?: string;
  default?: unknown;
  required?: boolean;
}

interface ActionOutput {
  description?: string;
}

/** The part of action.yml the tables read. */
export interface ActionMetadata {
  inputs?: Record<string, ActionInput>;
  outputs?: Record<string, ActionOutput>;
}

export interface DescribedDefault {
  /** The description without its final `Default: …` sentence. */
  text: string;
  /** What that sentence says the default is, e.g. "`critical`" or "the workspace". */
  default: string;
}

/**
 * Every input description ends with a sentence `Default: …` (action.yml's own convention, so the Marketplace page and
 * the runner's input tooltips show it too). Returns undefined when the description has none.
 */
export function splitDefault(description: string): DescribedDefault | undefined {
  const match = /(?:^|(?<=[.!?)`])\s+)Default: ((?:(?![.!?]\s)[^])+?)\.?$/.exec(description.trim());
  if (!match) return undefined;
  return { text: description.trim().slice(0, match.index).trim(), default: match[1]!.trim() };
}

/** Keeps a value inside its table cell: one line, no column breaks. */
function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}

export function renderInputsTable(metadata: ActionMetadata): string {
  const rows = Object.entries(metadata.inputs ?? {}).map(([name, input]) => {
    const described = splitDefault(input.description ?? '');
    if (!described) throw new Error(`action.yml input ${name}: its description must end with "Default: …."`);
    const text = input.required ? `${described.text} **Required.**` : described.text;
    return `| \`${name}\` | ${cell(text)} | ${cell(described.default)} |`;
  });
  return ['| Input | What it does | Default |', '|---|---|---|', ...rows].join('\n');
}

export function renderOutputsTable(metadata: ActionMetadata): string {
  const rows = Object.entries(metadata.outputs ?? {}).map(([name, output]) => {
    if (!output.description?.trim()) throw new Error(`action.yml output ${name}: it has no description.`);
    return `| \`${name}\` | ${cell(output.description.trim())} |`;
  });
  return ['| Output | Value |', '|---|---|', ...rows].join('\n');
}
