const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * SIGINT, SIGTERM and SIGHUP abort the signal: requests in flight and every wait end at once, the
 * page being fetched is dropped (pages commit whole or not at all) and the run ends as interrupted.
 * A second signal exits at once (the store is still consistent: every page is its own transaction).
 */
export function onStopSignals(controller: AbortController, onFirst: (signal: string) => void): () => void {
  let received = 0;
  const handler = (signal: NodeJS.Signals) => {
    received++;
    if (received > 1) process.exit(130);
    onFirst(signal);
    controller.abort();
  };
  for (const signal of STOP_SIGNALS) process.on(signal, handler);
  return () => {
    for (const signal of STOP_SIGNALS) process.off(signal, handler);
  };
}
