import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/main.js';
import { captureIo } from '../helpers/cli-io.js';
import { useTempDir } from '../helpers/tmp.js';

const tempDir = useTempDir();

describe('bad configuration stops the program before any request', () => {
  it.each([
    [['sync'], {}, 'spike-sync: configuration error: SPIKE_API_KEY: is required (the organisation API key from Spike → Settings → API)\n'],
    [['sync'], { SPIKE_API_KEY: 'sk-config-test-0001', SPIKE_API_URL: 'api.spike.sh' }, 'spike-sync: configuration error: SPIKE_API_URL: must be an http(s) URL such as https://api.spike.sh; got "api.spike.sh"\n'],
    [['start'], { SPIKE_API_KEY: 'sk-config-test-0001', SPIKE_SYNC_CRON: '61 * * * *' }, /^spike-sync: configuration error: SPIKE_SYNC_CRON: "61 \* \* \* \*" is not a valid cron expression/],
    [['sync'], { SPIKE_API_KEY: 'sk-config-test-0001', SPIKE_MAX_RPS: 'fast' }, 'spike-sync: configuration error: SPIKE_MAX_RPS: must be a number of requests per second (0 turns the cap off); got "fast"\n'],
  ])('%j with %j', async (args, env, expected) => {
    // The URL points at a port nothing listens on: a request would fail differently.
    const io = captureIo({ SPIKE_API_URL: 'http://127.0.0.1:9', SPIKE_DB_PATH: join(tempDir(), 's.db'), ...env });
    expect(await runCli(args, io)).toBe(1);
    if (typeof expected === 'string') expect(io.err()).toBe(expected);
    else expect(io.err()).toMatch(expected);
    expect(io.out()).toBe('');
  });

  it('rejects a team id that is not a 24-hex _id', async () => {
    const io = captureIo({ SPIKE_API_KEY: 'sk-config-test-0001', SPIKE_DB_PATH: join(tempDir(), 's.db') });
    expect(await runCli(['sync', '--team', 'payments'], io)).toBe(1);
    expect(io.err()).toMatch(/option '--team <id>' argument 'payments' is invalid\. a team id is the 24-hex team _id/);
  });

  it.each([[['sync', '--team', 'payments']], [['status', '--bogus']], [['report', 'summary', '--format', 'xml']]])('answers %j with the error and a one-line pointer to --help, not the whole help', async (args) => {
    const io = captureIo({ SPIKE_API_KEY: 'sk-config-test-0001', SPIKE_DB_PATH: join(tempDir(), 's.db') });
    expect(await runCli(args, io)).toBe(1);
    const lines = io.err().trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^error: /);
    expect(lines[1]).toBe('(see spike-sync --help, or spike-sync <command> --help)');
  });

  it('says the store cannot be opened when its folder cannot be created', async () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, 'not a folder');
    const io = captureIo({ SPIKE_API_KEY: 'sk-config-test-0001', SPIKE_DB_PATH: join(file, 's.db') });
    expect(await runCli(['sync'], io)).toBe(1);
    expect(io.err()).toBe(`spike-sync: cannot open the store at ${join(file, 's.db')}: EEXIST: file already exists, mkdir '${file}'\n`);
  });

  it('says the store is not usable when the file is not a SQLite database', async () => {
    const path = join(tempDir(), 'garbage.db');
    writeFileSync(path, 'this is not a database, just text long enough to fill a header page'.repeat(100));
    const io = captureIo({ SPIKE_API_KEY: 'sk-config-test-0001', SPIKE_DB_PATH: path });
    expect(await runCli(['sync'], io)).toBe(1);
    expect(io.err()).toBe(`spike-sync: the store at ${path} is not usable: file is not a database\n`);
    expect(readFileSync(path, 'utf8').startsWith('this is not a database')).toBe(true);
  });
});
