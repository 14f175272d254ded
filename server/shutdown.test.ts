import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createStopSequence } from './shutdown.js';

describe('createStopSequence', () => {
  it('undoes the steps in reverse order and reports a clean stop', async () => {
    const done: string[] = [];
    const stops = createStopSequence(pino({ level: 'silent' }));
    for (const name of ['database', 'worker', 'http']) stops.add(name, async () => void done.push(name));
    expect(await stops.run()).toBe(true);
    expect(done).toEqual(['http', 'worker', 'database']);
  });

  it('leaves a step behind at its bound, and a failed one, and still runs the rest', async () => {
    const done: string[] = [];
    const stops = createStopSequence(pino({ level: 'silent' }));
    stops.add('database', async () => void done.push('database'));
    stops.add('failing', async () => {
      throw new Error('boom');
    });
    stops.add('stuck', () => new Promise(() => {}), 50);
    const started = performance.now();
    expect(await stops.run()).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(done).toEqual(['database']);
  });
});
