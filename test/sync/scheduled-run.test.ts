import { expect, it } from 'vitest';
import { runScheduled } from '../../src/jobs/scheduled-run.js';
import { minimumUsefulRun } from '../../src/jobs/streams.js';
import { silentLogger } from '../../src/lib/logger.js';
import { createSpikeClient } from '../../src/spike/index.js';
import { API_KEY, defaultSettings, useHarness, type Harness } from '../helpers/harness.js';
import { describeEachStore } from '../helpers/stores.js';

async function scheduled(h: Harness, requestCap: number | null) {
  const store = await h.openStore();
  const client = createSpikeClient({ baseUrl: h.server.url, apiKey: API_KEY, timeoutMs: 5000, logger: silentLogger() });
  try {
    const deps = { client, store, clock: h.clock, logger: silentLogger(), signal: new AbortController().signal };
    return await runScheduled(deps, { ...defaultSettings, requestCap }, 'cron');
  } finally {
    await client.close();
    await store.close();
  }
}

describeEachStore('a scheduled run under a monthly budget', (store) => {
  const startHarness = useHarness(store);

  it('is skipped, sending nothing, while less than a no-change run has accrued; runs once it has', async () => {
    const h = await startHarness({ org: { teams: 3, incidentsPerTeam: [120, 40, 0] } });
    await h.sync();
    const needed = minimumUsefulRun(3);
    const before = h.server.requests.length;
    expect(await scheduled(h, needed - 1)).toEqual({ ran: false, allowance: needed - 1, needed });
    expect(h.server.requests.length).toBe(before);
    const outcome = await scheduled(h, needed);
    expect(outcome.ran && outcome.result.status).toBe('ok');
    expect(h.server.requests.length - before).toBe(needed);
  });

  it('runs as an ordinary run without a budget', async () => {
    const h = await startHarness({ org: { teams: 2, incidentsPerTeam: [10, 10] } });
    const outcome = await scheduled(h, null);
    expect(outcome.ran && outcome.result.status).toBe('ok');
  });
});
