import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL server the tests use: SPIKE_TEST_DATABASE_URL, else the machine's own on 127.0.0.1. */
export const TEST_DATABASE_URL = process.env.SPIKE_TEST_DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh schema name per store under test: each test gets its own tables in the one test database. */
export function freshSchemaName(): string {
  return `t_${process.pid}_${randomBytes(5).toString('hex')}`;
}

/** Runs statements on the test database outside any store (creating and dropping schemas). */
export async function adminQuery(sql: string, url = TEST_DATABASE_URL): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function dropSchema(schema: string): Promise<void> {
  await adminQuery(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}
