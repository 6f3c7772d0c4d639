export { createSpikeClient, type SpikeClient, type SpikeClientOptions, type GetOptions } from './client.js';
export * from './errors.js';
export { MAX_PER_PAGE, paginate, type Page } from './pagination.js';
export { defaultRetryPolicy, type RetryPolicy, type Sleep } from './retry.js';
export { listTeams } from './resources/teams.js';
export { listOrgMembers, listTeamUsers } from './resources/users.js';
export { listOncallOverrides, listOncallShifts, listOncalls } from './resources/oncalls.js';
export { getIncident, listOpenIncidents, pageIncidents } from './resources/incidents.js';
export type * from './types.js';
