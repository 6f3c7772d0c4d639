import { defineConfig } from 'drizzle-kit';

// The PostgreSQL store's migrations (`npm run db:generate:postgres -- --name <change>`); like SQLite's, generated once per change and committed.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/postgres/schema.ts',
  out: './migrations/postgres',
});
