/**
 * Fetches that end when the test says: `answer(n)` ends the fetch of `n` with `valueOf(n)`, and lets the walk
 * see it. `sent` lists the items asked for, in order. An abandoned fetch fails, as an aborted request does.
 */
export function controlledFetch<R>(valueOf: (n: number) => R) {
  const sent: number[] = [];
  const answers = new Map<number, (value: R) => void>();
  const fetch = (n: number, signal: AbortSignal) => {
    sent.push(n);
    return new Promise<R>((resolve, reject) => {
      answers.set(n, resolve);
      signal.addEventListener('abort', () => reject(new Error('abandoned')));
    });
  };
  const answer = async (...ns: number[]) => {
    for (const n of ns) answers.get(n)?.(valueOf(n));
    await new Promise((resolve) => setTimeout(resolve, 1));
  };
  return { sent, fetch, answer };
}

/**
 * The walk's first two groups when item 1 is answered alone, then 3 and 4 before 2: what had been sent after each,
 * and the second group (2, 3 and 4 if they are taken together).
 */
export async function firstTwoGroups<G>(groups: AsyncGenerator<G[]>, control: ReturnType<typeof controlledFetch>): Promise<{ sentAfterFirst: number[]; second: G[]; sentAfterSecond: number[] }> {
  const first = groups.next();
  await control.answer(1);
  await first;
  const sentAfterFirst = [...control.sent];
  const pending = groups.next();
  for (const n of [3, 4, 2]) await control.answer(n);
  const second = (await pending).value ?? [];
  return { sentAfterFirst, second, sentAfterSecond: [...control.sent] };
}
