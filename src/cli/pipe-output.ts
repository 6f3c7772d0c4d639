/**
 * Writes what `parts` puts to `out`, each part once `out` has taken the one before: what paces a long output to the
 * program reading it. A reader that goes away (`report open | head` closes the pipe) ends the writing quietly: what it
 * was not given was not wanted. Any other write error is thrown.
 */
export async function writeToReader(out: NodeJS.WritableStream, parts: (put: (text: string) => Promise<void>) => Promise<void>): Promise<void> {
  hearWriteErrors(out);
  try {
    await parts((text) => writeOut(out, text));
  } catch (err) {
    if (!readerGone(err)) throw err;
  }
}

function writeOut(out: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    out.write(text, (err) => (err ? reject(err) : resolve()));
  });
}

function readerGone(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | null)?.code === 'EPIPE';
}

const heard = new WeakSet<NodeJS.WritableStream>();

/**
 * A failed write also emits its error as an event, which unheard would crash the command before writeToReader could
 * tell a closed pipe from anything else. Each write's error comes back through its callback, which writeToReader
 * awaits, so the event is heard here, for the life of the stream (stdout lives as long as the command), and left to it.
 */
function hearWriteErrors(out: NodeJS.WritableStream): void {
  if (heard.has(out)) return;
  heard.add(out);
  out.on('error', () => undefined);
}
