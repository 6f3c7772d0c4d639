import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The dependency rule of the design, as lint errors: spike/ and db/ import only lib/; jobs/ imports
 * spike/, db/ and lib/; reports/ imports db/ and lib/; only main.ts and cli/ read config and wire things.
 * Each third-party driver stays behind the one place that owns it.
 */
const LAYERS = { lib: [], spike: ['lib'], db: ['lib'], jobs: ['lib', 'spike', 'db'], reports: ['lib', 'db'], demo: ['lib'] };
const DRIVERS = [
  { owner: 'src/db/', packages: ['better-sqlite3', 'drizzle-orm', 'pg'] },
  { owner: 'src/spike/', packages: ['undici', 'p-retry'] },
  { owner: 'src/jobs/scheduler.ts', packages: ['node-cron'] },
  { owner: 'src/cli/monitoring/', packages: ['prom-client'] },
];
const FOLDERS = ['lib', 'spike', 'db', 'jobs', 'reports', 'cli', 'demo'];

function driverPatterns(file) {
  const patterns = DRIVERS.filter((d) => !file.startsWith(d.owner)).map((d) => ({
    regex: `^(${d.packages.join('|')})(/|$)`,
    message: `only ${d.owner} may import ${d.packages.join(', ')}`,
  }));
  // The store is one port: nothing outside db/ reaches past its index to a table or a repository.
  if (!file.startsWith('src/db/')) patterns.push({ regex: '^(\\.\\./)+db/(?!index\\.js$)', message: 'import the store through src/db/index.ts' });
  return patterns;
}

function layerPatterns(layer) {
  const allowed = LAYERS[layer];
  const banned = FOLDERS.filter((f) => f !== layer && !allowed.includes(f));
  return [
    { regex: `^(\\.\\./)+(${banned.join('|')})(/|$)`, message: `${layer}/ may import only ${[layer, ...allowed].join(', ')}` },
    { regex: '^(\\.\\./)+(config|main)\\.js$', message: 'only main.ts and cli/ read the configuration' },
  ];
}

const restrict = (files, patterns, ignores = []) => ({ files, ignores, rules: { 'no-restricted-imports': ['error', { patterns }] } });

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'migrations/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', performance: 'readonly', URL: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  ...Object.keys(LAYERS).map((layer) => restrict([`src/${layer}/**/*.ts`], [...layerPatterns(layer), ...driverPatterns(`src/${layer}/`)], ['src/jobs/scheduler.ts'])),
  restrict(['src/jobs/scheduler.ts'], [...layerPatterns('jobs'), ...driverPatterns('src/jobs/scheduler.ts')]),
  restrict(['src/cli/**/*.ts', 'src/main.ts', 'src/config.ts'], driverPatterns('src/cli/'), ['src/cli/monitoring/**']),
  restrict(['src/cli/monitoring/**/*.ts'], driverPatterns('src/cli/monitoring/')),
  {
    files: ['bench/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
);
