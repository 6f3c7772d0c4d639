/**
 * The signal of one HTTP attempt: it aborts when the run is stopped or when the deadline for the
 * whole response (headers and body) passes. undici's own timeouts are idle timers, so a body that
 * drips a byte at a time would never trip them; this deadline does.
 */
export interface AttemptSignal {
  readonly signal: AbortSignal;
  /** Why the attempt was aborted, if it was. */
  readonly cause: 'stop' | 'deadline' | null;
  /** Clears the timer and the listener; call it once the attempt is over, however it ended. */
  dispose(): void;
}

export function createAttemptSignal(stop: AbortSignal | undefined, timeoutMs: number): AttemptSignal {
  const controller = new AbortController();
  let cause: AttemptSignal['cause'] = null;
  const abort = (why: 'stop' | 'deadline') => {
    if (cause !== null) return;
    cause = why;
    controller.abort(new Error(why === 'stop' ? 'stopped by a stop signal' : `no complete response within ${timeoutMs} ms`));
  };
  const onStop = () => abort('stop');
  const timer = setTimeout(() => abort('deadline'), timeoutMs);
  stop?.addEventListener('abort', onStop, { once: true });
  if (stop?.aborted) onStop();
  return {
    signal: controller.signal,
    get cause() {
      return cause;
    },
    dispose() {
      clearTimeout(timer);
      stop?.removeEventListener('abort', onStop);
    },
  };
}
