import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  createProgress,
  renderBar,
  renderLine,
  resolveProgressStyle,
} from '../../../src/cli/progress.js';
import type { ProgressOptions } from '../../../src/cli/progress.js';

/** A writable stream that records every chunk, with an optional terminal width. */
class RecordingStream extends Writable {
  readonly chunks: string[] = [];

  constructor(readonly columns?: number) {
    super();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.chunks.push(chunk.toString('utf8'));
    callback();
  }

  get text(): string {
    return this.chunks.join('');
  }
}

/** Returns a clock that only moves when the test advances it. */
function fakeClock(): { now: () => number; advance: (ms: number) => void } {
  let time = 5_000;
  return {
    now: () => time,
    advance: (ms) => {
      time += ms;
    },
  };
}

function setup(overrides: Partial<Omit<ProgressOptions, 'stream' | 'now'>> = {}) {
  const stream = new RecordingStream(80);
  const clock = fakeClock();
  const progress = createProgress({
    total: 1449,
    mode: 'auto',
    isTTY: false,
    ci: true,
    now: clock.now,
    stream,
    ...overrides,
  });
  return { stream, clock, progress };
}

/** Ticks `count` images, advancing the clock by `stepMs` before each. */
function tickEvery(
  progress: { tick: (count?: number) => void },
  clock: { advance: (ms: number) => void },
  count: number,
  stepMs: number,
): void {
  for (let index = 0; index < count; index += 1) {
    clock.advance(stepMs);
    progress.tick();
  }
}

describe('createProgress in lines mode', () => {
  it('writes nothing before the interval', () => {
    const { stream, clock, progress } = setup();

    tickEvery(progress, clock, 39, 250);

    expect(stream.chunks).toEqual([]);
  });

  it('writes a line when the interval has passed', () => {
    const { stream, clock, progress } = setup();

    tickEvery(progress, clock, 40, 250);

    expect(stream.chunks).toEqual([
      'progress: 40/1449 images (2.8%), 4.0 img/s, about 5m 52s left\n',
    ]);
  });

  it('writes one line per interval', () => {
    const { stream, clock, progress } = setup();

    tickEvery(progress, clock, 120, 250);

    expect(stream.chunks).toEqual([
      'progress: 40/1449 images (2.8%), 4.0 img/s, about 5m 52s left\n',
      'progress: 80/1449 images (5.5%), 4.0 img/s, about 5m 42s left\n',
      'progress: 120/1449 images (8.3%), 4.0 img/s, about 5m 32s left\n',
    ]);
  });

  it('writes a last line when done', () => {
    const { stream, clock, progress } = setup({ total: 50 });

    tickEvery(progress, clock, 50, 250);
    progress.done();

    expect(stream.chunks).toEqual([
      'progress: 40/50 images (80.0%), 4.0 img/s, about 3s left\n',
      'progress: 50/50 images (100.0%), 4.0 img/s, done in 13s\n',
    ]);
  });

  it('does not repeat the last line when done', () => {
    const { stream, clock, progress } = setup({ total: 40 });

    tickEvery(progress, clock, 40, 250);
    progress.done();

    expect(stream.chunks).toEqual(['progress: 40/40 images (100.0%), 4.0 img/s, done in 10s\n']);
  });

  it('uses a custom interval', () => {
    const { stream, clock, progress } = setup({ intervalMs: 1_000 });

    tickEvery(progress, clock, 8, 250);

    expect(stream.chunks).toHaveLength(2);
  });

  it('counts ticks of several images', () => {
    const { stream, clock, progress } = setup();

    clock.advance(10_000);
    progress.tick(32);

    expect(stream.text).toBe('progress: 32/1449 images (2.2%), 3.2 img/s, about 7m 23s left\n');
  });

  it('ignores ticks after done', () => {
    const { stream, clock, progress } = setup({ total: 2 });

    tickEvery(progress, clock, 2, 100);
    progress.done();
    clock.advance(60_000);
    progress.tick();
    progress.done();

    expect(stream.chunks).toEqual(['progress: 2/2 images (100.0%), 10.0 img/s, done in 0s\n']);
  });

  it('reports an empty run as complete', () => {
    const { stream, progress } = setup({ total: 0 });

    progress.done();

    expect(stream.chunks).toEqual(['progress: 0/0 images (100.0%), done in 0s\n']);
  });
});

describe('createProgress in bar mode', () => {
  it('draws the empty bar at once', () => {
    const { stream } = setup({ isTTY: true, ci: false });

    expect(stream.chunks).toEqual([
      '\r[------------------------------] 0/1449 images 0.0%\u001b[K',
    ]);
  });

  it('redraws at most every 100 ms', () => {
    const { stream, clock, progress } = setup({ isTTY: true, ci: false });

    tickEvery(progress, clock, 20, 40);

    // Draws at creation and at 120, 240, 360, 480, 600, 720 ms (every third tick).
    expect(stream.chunks).toHaveLength(7);
    expect(stream.chunks.at(-1)).toBe(
      '\r[------------------------------] 18/1449 images 1.2%  25.0 img/s  ETA 57s\u001b[K',
    );
  });

  it('ends with a full bar and a newline', () => {
    const { stream, clock, progress } = setup({ isTTY: true, ci: false, total: 4 });

    tickEvery(progress, clock, 4, 500);
    progress.done();

    expect(stream.chunks.slice(-2)).toEqual([
      '\r[##############################] 4/4 images 100.0%  2.0 img/s  2s\u001b[K',
      '\n',
    ]);
  });

  it('draws a bar when forced on a non-TTY', () => {
    const { stream } = setup({ mode: 'bar', isTTY: false, ci: true });

    expect(stream.text.startsWith('\r[')).toBe(true);
  });
});

describe('createProgress in off mode', () => {
  it('writes nothing', () => {
    const { stream, clock, progress } = setup({ mode: 'off', total: 3 });

    tickEvery(progress, clock, 3, 20_000);
    progress.done();

    expect(stream.chunks).toEqual([]);
  });
});

describe('resolveProgressStyle', () => {
  it.each([
    ['auto', true, false, 'bar'],
    ['auto', true, true, 'lines'],
    ['auto', false, false, 'lines'],
    ['auto', false, true, 'lines'],
    ['bar', false, true, 'bar'],
    ['lines', true, false, 'lines'],
    ['off', true, false, 'off'],
  ] as const)('resolves %s (TTY %s, CI %s) to %s', (mode, isTTY, ci, expected) => {
    expect(resolveProgressStyle(mode, isTTY, ci)).toBe(expected);
  });
});

describe('renderLine', () => {
  it('matches the documented example', () => {
    // 120 images in 29.27 s is 4.1 img/s; 1329 images left at that rate take about 5m 24s.
    const line = renderLine({ completed: 120, total: 1449, elapsedMs: 29_270 });

    expect(line).toBe('progress: 120/1449 images (8.3%), 4.1 img/s, about 5m 24s left\n');
  });

  it('omits the rate before the first image', () => {
    expect(renderLine({ completed: 0, total: 10, elapsedMs: 3_000 })).toBe(
      'progress: 0/10 images (0.0%)\n',
    );
  });
});

describe('renderBar', () => {
  it('fits the bar to the columns', () => {
    const bar = renderBar({ completed: 500, total: 1000, elapsedMs: 100_000 }, 60);

    expect(bar).toBe('\r[######------] 500/1000 images 50.0%  5.0 img/s  ETA 1m 40s\u001b[K');
    expect(bar.length - '\r\u001b[K'.length).toBeLessThan(60);
  });

  it('drops the bar on a narrow terminal', () => {
    const bar = renderBar({ completed: 500, total: 1000, elapsedMs: 100_000 }, 40);

    expect(bar).toBe('\r500/1000 images 50.0%  5.0 img/s  ETA 1m 40s\u001b[K');
  });
});
