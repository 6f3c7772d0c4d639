import { defineConfig } from 'drizzle-kit';

// Migrations are generated once per schema change and committed; never regenerate existing ones.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/sqlite/schema.ts',
  out: './migrations/sqlite',
});
