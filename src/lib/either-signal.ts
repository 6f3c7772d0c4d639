export interface EitherSignal {
  /** Aborted once either signal is (undefined when neither was given). */
  readonly signal: AbortSignal | undefined;
  /** Stops listening to both: call it once the work the signal was for has ended. */
  dispose(): void;
}

/**
 * A signal that aborts when either of two does. Unlike AbortSignal.any, it leaves nothing attached to a
 * long-lived signal (the run's stop signal) once disposed, however many requests came and went.
 */
export function eitherSignal(a: AbortSignal | undefined, b: AbortSignal | undefined): EitherSignal {
  if (!a || !b) return { signal: a ?? b, dispose: () => undefined };
  const controller = new AbortController();
  const onA = () => controller.abort(a.reason);
  const onB = () => controller.abort(b.reason);
  if (a.aborted) onA();
  else if (b.aborted) onB();
  else {
    a.addEventListener('abort', onA, { once: true });
    b.addEventListener('abort', onB, { once: true });
  }
  return {
    signal: controller.signal,
    dispose() {
      a.removeEventListener('abort', onA);
      b.removeEventListener('abort', onB);
    },
  };
}
