// ESLint for kynect Desk: type-checked rules where a bug hides (a promise nobody awaits, a switch that
// forgets a state, `any` leaking past zod), and the layering as an allow-list per folder, so code says
// where it may run and never imports upward (VS Code's common / node / electron-main / browser habit).
// Formatting is Prettier's job: eslint-config-prettier turns off every rule that would fight it.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** A folder may import only from the listed folders (and its packages); everything else of the repo is refused. */
const allowOnly = (target, allowed, message) => ({ target, from: '.', except: allowed, message });

export default defineConfig(
  {
    ignores: ['node_modules/**', 'dist/**', 'release/**', 'test-results/**', 'playwright-report/**', 'bench/results/**', '**/*.js', '**/*.mjs', '**/*.cjs'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['renderer/vite.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX, 'react-hooks': reactHooks },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          noWarnOnMultipleProjects: true,
          project: ['tsconfig.json', 'renderer/tsconfig.json', 'electron/tsconfig.json', 'shared/common/tsconfig.json'],
        }),
      ],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // React ignores what an event handler returns, and our handlers await the bridge, which answers a
      // Result and never rejects; a promise handed to anything else is still an error.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/only-throw-error': 'error',
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      'import-x/no-duplicates': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            allowOnly('./shared/common', ['./shared/common', './node_modules'], 'shared/common is pure TypeScript: it imports only shared/common and packages.'),
            allowOnly('./shared/node', ['./shared/common', './shared/node', './node_modules'], 'shared/node never reaches up into electron/ or the renderer.'),
            allowOnly('./renderer/src', ['./renderer/src', './shared/common', './node_modules'], 'The renderer imports only shared/common and its own code.'),
            allowOnly('./electron', ['./electron', './shared', './node_modules'], 'electron/ never imports the renderer.'),
          ],
        },
      ],
    },
  },
  {
    // Pure code and the page run without Node.
    files: ['shared/common/**/*.ts', 'renderer/src/**/*.{ts,tsx}'],
    rules: { 'import-x/no-nodejs-modules': 'error' },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // Tests poke at untyped JSON (CLI output, HTTP bodies, raw rows): the unsafe-* rules would only add casts.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Only the tests' helpers may say `any` (fixtures typed by Playwright's own generics).
    files: ['test/helpers/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  prettier,
);
