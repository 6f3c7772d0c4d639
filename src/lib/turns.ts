/**
 * Runs at most `most` pieces of work at once; the others wait their turn, in the order they asked, for as long as it
 * takes. For a pool whose own queue gives up after a timeout, so that work asked for all together never fails waiting.
 */
export function takeTurns(most: number): <T>(work: () => Promise<T>) => Promise<T> {
  let running = 0;
  const queue: (() => void)[] = [];
  // A piece that ends hands its place to the first one waiting, if any.
  const done = () => {
    const next = queue.shift();
    if (next) next();
    else running--;
  };
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (running >= most) await new Promise<void>((resolve) => queue.push(resolve));
    else running++;
    try {
      return await work();
    } finally {
      done();
    }
  };
}
