// ESLint: typescript-eslint with type information, plus the import boundaries of
// docs/architecture.md §2 (shared/ is pure, renderer/ is browser-only, only electron/main and
// electron/preload may import electron).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_ONLY = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'util', 'stream', 'zlib'];
const NATIVE = ['electron', 'better-sqlite3', 'keytar', 'pdfkit', 'node-forge'];

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'release/', 'coverage/', 'test-results/', 'playwright-report/', 'artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.node.json', './tsconfig.web.json'],
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict([...NODE_ONLY, ...NATIVE, 'react', 'react-dom', '**/electron/**', '**/renderer/**'], 'shared/ is pure TypeScript: no Node, Electron, DOM or app code (architecture.md §2).'),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict([...NODE_ONLY, ...NATIVE, '**/electron/**'], 'renderer/ runs in the browser: only shared/ and browser libraries (architecture.md §2).'),
  },
  {
    files: ['electron/app/**/*.ts', 'electron/irp/**/*.ts', 'electron/ledger/**/*.ts', 'electron/vault/**/*.ts', 'electron/pdf/**/*.ts', 'electron/sandbox/**/*.ts', 'electron/host/**/*.ts', 'electron/cli/**/*.ts'],
    rules: restrict(['electron', '**/electron/main/**', '**/electron/preload/**', '**/renderer/**'], 'Only electron/main and electron/preload may import electron (architecture.md §2).'),
  },
);
