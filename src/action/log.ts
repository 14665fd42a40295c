/** Sink for the action's log lines and annotations: `@actions/core` in a real run. */
export interface ActionLog {
  info(message: string): void;
  debug(message: string): void;
  /** Writes a warning annotation. */
  warning(message: string, title?: string): void;
  /** Writes an error annotation. */
  error(message: string, title?: string): void;
  /** Writes a line unchanged, for workflow commands such as `::add-mask::` from a child process. */
  raw(line: string): void;
  startGroup(name: string): void;
  endGroup(): void;
}
