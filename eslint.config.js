// Type-aware lint with the layer boundaries of CONVENTIONS.md enforced at error level.
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'http',
  'https',
  'net',
  'crypto',
  'zlib',
  'url',
  'util',
  'stream',
];

/** no-restricted-imports patterns, one group per forbidden layer. */
function forbid(...groups) {
  return ['error', { patterns: groups }];
}

const noElectron = { group: ['electron'], message: 'The engine, CLI, shared code and renderer never import electron.' };
const noNode = { group: nodeBuiltins, message: 'This layer runs in the browser: no Node built-ins.' };
const noElectronDir = {
  group: ['**/electron/**', '../electron/*', '../../electron/*'],
  message: 'Only the shell and engine live in electron/.',
};
const noRenderer = { group: ['**/renderer/**'], message: 'Nothing imports the renderer.' };
const noReact = { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'shared/ is framework-free.' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.cache/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.mjs', 'bin/*.mjs', 'scripts/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    plugins: { 'import-x': importX },
    rules: {
      'import-x/no-cycle': ['error', { maxDepth: 10 }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/only-throw-error': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['shared/**/*.ts'],
    rules: { 'no-restricted-imports': forbid(noElectron, noNode, noElectronDir, noRenderer, noReact) },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': forbid(noElectron, noNode, noElectronDir) },
  },
  {
    files: ['electron/engine/**/*.ts', 'electron/cli/**/*.ts'],
    rules: { 'no-restricted-imports': forbid(noElectron, noRenderer) },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: { 'no-restricted-imports': forbid(noRenderer) },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
);
