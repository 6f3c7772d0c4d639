// The fetch side of both bare pipelines: every team's incident pages in turn, handed to the store's insert.
import { request } from 'undici';

export type Items = Record<string, unknown>[];

/** One pass over every page of every team, strictly sequential; returns incidents read and seconds taken. */
export async function barePass(
  url: string,
  apiKey: string,
  teamList: string,
  insertPage: (teamId: string, items: Items) => unknown,
): Promise<{ incidents: number; seconds: number }> {
  const started = performance.now();
  let incidents = 0;
  for (const teamId of teamList.split(',')) {
    for (let page = 1; ; page++) {
      const res = await request(`${url}/incidents?page=${page}&perPage=100`, { headers: { 'x-api-key': apiKey, 'x-team-id': teamId } });
      const items = (JSON.parse(await res.body.text()) as { incidents: Items }).incidents;
      await insertPage(teamId, items);
      incidents += items.length;
      if (items.length < 100) break;
    }
  }
  return { incidents, seconds: (performance.now() - started) / 1000 };
}
