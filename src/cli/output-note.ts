import type { Format } from '../report/formats.ts';

/** What `--output` wrote, on stderr: the report is not on the terminal, so say what went where. */
export function wroteReport(output: string, what: string, configs: number): string {
  return `openclaw-audit: wrote ${what} (${configs} config${configs === 1 ? '' : 's'}) to ${output}\n`;
}

const FORMAT_NAMES: Readonly<Record<string, string>> = {
  text: 'the text report',
  json: 'the JSON report',
  sarif: 'the SARIF log',
  markdown: 'the Markdown report',
};
export const formatName = (format: Format): string => FORMAT_NAMES[format] ?? `the ${format} report`;
