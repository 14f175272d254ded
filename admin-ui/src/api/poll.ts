// How a page polls something that runs on the server (an import job, a simulation, a handover): every
// `ms` while it runs, no more once it is finished, and never again after a 4xx answer (an unknown id,
// no access: asking again gets the same answer). Network failures, 5xx, 408 and 429 are asked again.
import { ApiError } from './client.js';

const TRANSIENT = new Set([408, 429]);

/** A `refetchInterval` for useQuery: `running(data)` says whether to keep asking. */
export function pollWhile<T>(running: (data: T) => boolean, ms: number) {
  return (query: { state: { data: T | undefined; error: unknown } }): number | false => {
    const { data, error } = query.state;
    if (error instanceof ApiError && error.status >= 400 && error.status < 500 && !TRANSIENT.has(error.status)) return false;
    return data !== undefined && !running(data) ? false : ms;
  };
}
