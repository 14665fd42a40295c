import { performance } from 'node:perf_hooks';
import type { Writable } from 'node:stream';
import type { ProgressMode } from '../config/settings.js';
import { formatPercent, formatRate, formatWholeSeconds } from '../report/format.js';

export interface ProgressOptions {
  /** Images to process; 0 is allowed and shows as complete. */
  readonly total: number;
  /** `auto` draws a bar on a TTY outside CI and prints lines otherwise. */
  readonly mode: ProgressMode;
  /** Stream that receives the progress output, normally `process.stderr`. */
  readonly stream: NodeJS.WriteStream | Writable;
  /** Whether `stream` is a terminal, for example `process.stderr.isTTY === true`. */
  readonly isTTY: boolean;
  /** True in CI, for example when the `CI` environment variable is set. `auto` then writes lines. */
  readonly ci: boolean;
  /**
   * Minimum time between two updates in milliseconds. Defaults to 100 for the bar and 10,000 for
   * lines.
   */
  readonly intervalMs?: number;
  /** Monotonic clock in milliseconds; defaults to `performance.now`. Tests inject a fake one. */
  readonly now?: () => number;
}

export interface Progress {
  /** Records `count` more processed images (default 1) and redraws when the interval has passed. */
  tick(count?: number): void;
  /** Writes the final state: the bar at its last count plus a newline, or a last line. Idempotent. */
  done(): void;
}

export const BAR_INTERVAL_MS = 100;
export const LINES_INTERVAL_MS = 10_000;

const BAR_CELLS_MAX = 30;
const DEFAULT_COLUMNS = 80;
/** ANSI: erase from the cursor to the end of the line. */
const ERASE_LINE_END = '\u001b[K';

/**
 * Creates a progress reporter for the image loop.
 *
 * In `bar` mode (or `auto` on a TTY outside CI) one line is redrawn in place with `\r`, by
 * default at most every 100 ms: the bar, images done/total, percent, images/s and the estimated
 * time left. In `lines` mode (or `auto` in CI or on a non-TTY) a plain line such as
 * `progress: 120/1449 images (8.3%), 4.1 img/s, about 5m 24s left` is written by default at most
 * every 10 s, and once more by `done()` unless the last line already showed the final count.
 * `off` writes nothing. Rates are averages since creation.
 */
export function createProgress(options: ProgressOptions): Progress {
  const style = resolveProgressStyle(options.mode, options.isTTY, options.ci);
  if (style === 'off') {
    return { tick: () => undefined, done: () => undefined };
  }

  const now = options.now ?? (() => performance.now());
  const interval = options.intervalMs ?? (style === 'bar' ? BAR_INTERVAL_MS : LINES_INTERVAL_MS);
  const render = style === 'bar' ? renderBar : renderLine;
  const startedAt = now();
  const total = Math.max(0, options.total);
  let completed = 0;
  let lastWriteAt = startedAt;
  let lastWrittenCount = -1;
  let finished = false;

  const write = (): void => {
    const state = { completed, total, elapsedMs: now() - startedAt };
    options.stream.write(render(state, columnsOf(options.stream)));
    lastWriteAt = now();
    lastWrittenCount = completed;
  };

  if (style === 'bar') {
    write();
  }

  return {
    tick(count = 1) {
      if (finished) {
        return;
      }
      completed += count;
      if (now() - lastWriteAt >= interval) {
        write();
      }
    },
    done() {
      if (finished) {
        return;
      }
      finished = true;
      if (style === 'bar') {
        write();
        options.stream.write('\n');
      } else if (lastWrittenCount !== completed) {
        write();
      }
    },
  };
}

/** Resolves `auto`: a bar only on a TTY outside CI, lines otherwise. */
export function resolveProgressStyle(
  mode: ProgressMode,
  isTTY: boolean,
  ci: boolean,
): 'bar' | 'lines' | 'off' {
  if (mode !== 'auto') {
    return mode;
  }
  return isTTY && !ci ? 'bar' : 'lines';
}

interface ProgressState {
  readonly completed: number;
  readonly total: number;
  readonly elapsedMs: number;
}

/** Formats one plain progress line, ending with a newline. */
export function renderLine(state: ProgressState): string {
  const parts = [`progress: ${countText(state)} images (${percentText(state)})`];
  const rate = ratePerSecond(state);
  if (rate !== null) {
    parts.push(`${formatRate(rate)} img/s`);
  }
  if (state.completed >= state.total) {
    parts.push(`done in ${formatWholeSeconds(state.elapsedMs)}`);
  } else if (rate !== null) {
    parts.push(`about ${formatWholeSeconds(remainingMs(state, rate))} left`);
  }
  return `${parts.join(', ')}\n`;
}

/** Formats the bar line with a leading `\r` and a trailing erase, fitted to `columns`. */
export function renderBar(state: ProgressState, columns: number): string {
  const rate = ratePerSecond(state);
  let tail = `${countText(state)} images ${percentText(state)}`;
  if (rate !== null) {
    tail += `  ${formatRate(rate)} img/s`;
  }
  if (state.completed >= state.total) {
    tail += `  ${formatWholeSeconds(state.elapsedMs)}`;
  } else if (rate !== null) {
    tail += `  ETA ${formatWholeSeconds(remainingMs(state, rate))}`;
  }

  const cells = Math.min(BAR_CELLS_MAX, columns - tail.length - 4);
  if (cells < 5) {
    return `\r${tail}${ERASE_LINE_END}`;
  }
  const filled = Math.round(fraction(state) * cells);
  return `\r[${'#'.repeat(filled)}${'-'.repeat(cells - filled)}] ${tail}${ERASE_LINE_END}`;
}

function countText(state: ProgressState): string {
  return `${state.completed}/${state.total}`;
}

function percentText(state: ProgressState): string {
  return formatPercent(fraction(state));
}

function fraction(state: ProgressState): number {
  return state.total === 0 ? 1 : Math.min(1, state.completed / state.total);
}

/** Average images per second since the start; null before the first image or any elapsed time. */
function ratePerSecond(state: ProgressState): number | null {
  if (state.completed === 0 || state.elapsedMs <= 0) {
    return null;
  }
  return (state.completed * 1000) / state.elapsedMs;
}

function remainingMs(state: ProgressState, rate: number): number {
  return (Math.max(0, state.total - state.completed) * 1000) / rate;
}

function columnsOf(stream: NodeJS.WriteStream | Writable): number {
  const columns = 'columns' in stream ? stream.columns : undefined;
  return typeof columns === 'number' && columns > 0 ? columns : DEFAULT_COLUMNS;
}
