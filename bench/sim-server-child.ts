// The simulated Spike API in its own process, so the sync being measured has the CPU and memory
// figures of its own. Protocol: one JSON line on stdout when listening; then commands on stdin:
// `mutate <fraction>` answers with the changes made, `quit` stops.
import { createInterface } from 'node:readline';
import { generateOrg } from '../src/demo/generator.js';
import { createRng } from '../src/demo/rng.js';
import { startSimServer } from '../src/demo/server.js';
import { acknowledgeIncident, addIncidents, resolveIncident, setPriority, type Json, type SimOrg } from '../src/demo/sim-org.js';

const [teams, perTeam, latencyMs, apiKey] = process.argv.slice(2);
const org = generateOrg({ seed: 6, teams: Number(teams), incidentsPerTeam: Number(perTeam), usersPerTeam: 8 });
const server = await startSimServer({ org, apiKey: apiKey ?? 'bench', latencyMs: Number(latencyMs) });
process.stdout.write(`${JSON.stringify({ url: server.url, incidents: org.incidents.length })}\n`);

/** Changes `fraction` of all incidents among the open ones (ack, resolve, re-prioritise) and adds as many new ones. */
function mutate(target: SimOrg, fraction: number): { changed: Json[]; added: string[] } {
  const rng = createRng(99);
  const now = new Date();
  const count = Math.round(target.incidents.length * fraction);
  const open = target.incidents.filter((i) => i.status === 'NACK' || i.status === 'ACK');
  const changed = open.slice(0, count).map((inc, n) => {
    if (n % 3 === 0) setPriority(inc, 'p1', now);
    else if (inc.status === 'NACK') acknowledgeIncident(inc, now);
    else resolveIncident(inc, now);
    const grouped = inc.groupedIncident as Json | undefined;
    return { id: inc._id, status: inc.status, priority: grouped?.priority ?? null };
  });
  const added: string[] = [];
  const teamIds = target.teams.map((t) => t._id as string);
  teamIds.forEach((teamId, i) => {
    const share = Math.floor(count / teamIds.length) + (i < count % teamIds.length ? 1 : 0);
    for (const inc of addIncidents(target, teamId, share, rng, now)) added.push(inc._id as string);
  });
  return { changed, added };
}

for await (const line of createInterface({ input: process.stdin })) {
  const [command, arg] = line.trim().split(/\s+/);
  if (command === 'mutate') process.stdout.write(`${JSON.stringify(mutate(org, Number(arg)))}\n`);
  if (command === 'requests') process.stdout.write(`${JSON.stringify({ requests: server.requests.length })}\n`);
  if (command === 'quit') break;
}
await server.close();
// stdin stays open after the loop ends; leave explicitly.
process.exit(0);
