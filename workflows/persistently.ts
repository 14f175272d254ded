// For long-running workflows (rollouts, handovers): an activity that ran out of its bounds is tried
// again after a pause, so the workflow outlasts an outage instead of failing.
import type { Duration } from '@temporalio/common';
import { ActivityFailure, sleep } from '@temporalio/workflow';

export async function persistently<T>(work: () => Promise<T>, pause: Duration): Promise<T> {
  for (;;) {
    try {
      return await work();
    } catch (e) {
      if (!(e instanceof ActivityFailure)) throw e;
      await sleep(pause);
    }
  }
}
