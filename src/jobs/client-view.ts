import type { SpikeClient } from '../spike/index.js';

/**
 * The run's one client, with `get` replaced: what a stream, or a group of streams run together, sees of it. The
 * budget, the stop signal and the secrets it learns stay those of the one client.
 */
export function withGet(client: SpikeClient, get: SpikeClient['get']): SpikeClient {
  return {
    get,
    get requestCount() {
      return client.requestCount;
    },
    limitRequests: (count) => client.limitRequests(count),
    stopWaitingOn: (signal) => client.stopWaitingOn(signal),
    scrub: (text) => client.scrub(text),
    learnSecret: (secret) => client.learnSecret(secret),
    close: () => client.close(),
  };
}
