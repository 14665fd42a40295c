/**
 * Process exit codes of the engine. The action and scripts branch on these, so they are a public
 * interface: 1 means the model failed the gate, 2 and 3 mean the gate could not run.
 */
export const ExitCode = {
  pass: 0,
  gateFailed: 1,
  usageOrInput: 2,
  internal: 3,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** An invalid option, option value or combination of options (exit 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** An input file or folder that is missing, unreadable or not in the expected format (exit 2). */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/**
 * Builds the error for an option value that is out of its domain: names the option, what it
 * expects and what it received.
 */
export function invalidOption(option: string, expected: string, received: unknown): UsageError {
  return new UsageError(
    `Invalid value for ${option}: expected ${expected}, received ${formatReceived(received)}.`,
  );
}

function formatReceived(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (value === undefined) {
    return 'nothing';
  }
  return String(value);
}

/** Maps any thrown value to the exit code that describes it. */
export function exitCodeFor(error: unknown): ExitCodeValue {
  if (error instanceof UsageError || error instanceof InputError) {
    return ExitCode.usageOrInput;
  }
  return ExitCode.internal;
}

/** Returns the message of any thrown value. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
