/**
 * SIGINT/SIGTERM abort the signal so the page in hand commits and the run ends cleanly.
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
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
