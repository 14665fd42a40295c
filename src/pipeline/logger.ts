/** Destination of the engine's log lines: stderr in the CLI, a buffer in tests. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
}

/** Creates a logger that writes lines to a stream, with debug lines only when `verbose`. */
export function createStreamLogger(stream: NodeJS.WritableStream, verbose = false): Logger {
  return {
    info: (message) => stream.write(`${message}\n`),
    warn: (message) => stream.write(`warning: ${message}\n`),
    debug: (message) => {
      if (verbose) {
        stream.write(`debug: ${message}\n`);
      }
    },
  };
}

/** A logger that drops everything. */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, debug: () => {} };
