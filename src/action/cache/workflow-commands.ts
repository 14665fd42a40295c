/**
 * Parsing of GitHub Actions workflow command lines (`::warning file=a.ts::message`), as
 * `@actions/core` writes them: `%`, CR and LF escaped as `%25`, `%0D`, `%0A` in the message, and
 * `:` and `,` also escaped (`%3A`, `%2C`) in property values.
 */

export type WorkflowLine =
  | { readonly kind: 'command'; readonly command: string; readonly message: string }
  | { readonly kind: 'text'; readonly text: string };

const COMMAND_PATTERN = /^::([A-Za-z-]+)(?: [^:]*)?::(.*)$/s;

/** Splits one output line into a workflow command with its unescaped message, or plain text. */
export function parseWorkflowLine(line: string): WorkflowLine {
  const match = COMMAND_PATTERN.exec(line);
  if (match === null) {
    return { kind: 'text', text: line };
  }
  return { kind: 'command', command: match[1] ?? '', message: unescapeMessage(match[2] ?? '') };
}

function unescapeMessage(message: string): string {
  return message.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}
