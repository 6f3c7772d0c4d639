import { loadConfig, type Config } from '../../config.js';
import { NoStoreError, describeStore, openStore, type Store, type StoreConfig } from '../../db/index.js';
import { makePlan, type Plan } from '../../jobs/plan/make-plan.js';
import { MONTH_MS } from '../../jobs/plan/month.js';
import { assertValidCron, cronFirings } from '../../jobs/scheduler.js';
import { systemClock } from '../../lib/clock.js';
import { createScrubber } from '../../lib/scrub.js';
import type { SpikeClient } from '../../spike/index.js';
import { warnIfClearText } from '../clear-text.js';
import { readEnv, type CliIo } from '../io.js';
import { renderPlanJson, renderPlanTable } from '../plan-output.js';
import { runSettings } from '../run-settings.js';
import { makeLogger, spikeClientFor } from '../runtime.js';
import { chosenStore, type StoreChoice } from '../store-choice.js';

export interface PlanOptions extends StoreChoice {
  full?: boolean;
  month?: boolean;
  offline?: boolean;
  team?: string[];
  format?: 'table' | 'json';
}

/**
 * What the next run (with --month, a month of runs at SPIKE_SYNC_CRON) will cost, before it is spent. Reads the
 * store without changing it (none yet is no error: the plan then looks at the API), and sends at most the team
 * listing and a first incident page per team the store cannot describe; --offline sends nothing.
 */
export async function planCommand(io: CliIo, options: PlanOptions): Promise<number> {
  const config = loadConfig(readEnv(io), { requireApiKey: options.offline !== true });
  const settings = runSettings(config, { full: options.full === true, teams: options.team && options.team.length > 0 ? options.team : config.teams, requestCap: null });
  if (options.month) assertValidCron(config.syncCron, 'SPIKE_SYNC_CRON');
  const where = chosenStore(config, options);
  const store = await openIfThere(where);
  const client = options.offline ? null : openClient(config, io);
  try {
    const month = options.month ? monthOf(config) : null;
    const plan = await makePlan({ store, client, clock: systemClock }, { settings, pace: { maxRps: config.maxRps, pageConcurrency: config.pageConcurrency }, month });
    const shown = { plan, config, full: settings.full, missingStore: store === null ? describeStore(where) : null };
    io.stdout.write(options.format === 'json' ? renderPlanJson(shown) : renderPlanTable(shown));
    return 0;
  } finally {
    await client?.close();
    await store?.close();
  }
}

/** The store read-only, or null when nothing was ever synced there: a plan is most useful before the first sync. */
async function openIfThere(where: StoreConfig): Promise<Store | null> {
  try {
    return await openStore(where, { mode: 'read' });
  } catch (err) {
    if (err instanceof NoStoreError) return null;
    throw err;
  }
}

function openClient(config: Config, io: CliIo): SpikeClient {
  const scrub = createScrubber([config.apiKey]);
  const logger = makeLogger(config, io, scrub);
  warnIfClearText(config.apiUrl, logger);
  return spikeClientFor(config, logger, scrub);
}

function monthOf(config: Config): NonNullable<Parameters<typeof makePlan>[1]['month']> {
  const { at, all } = cronFirings(config.syncCron, MONTH_MS);
  return { firings: at, allFirings: all, budget: config.monthlyRequestBudget };
}

export type { Plan };
