import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The downhill direction of ../shared/docs/architecture.md: what each folder of src/ may import of the others.
 * `render` builds view models from what services return: it may name their types, never call them.
 */
const LAYERS = {
  model: [],
  sandbox: ['model'],
  config: ['model'],
  access: ['model'],
  catalogue: ['model'],
  ingest: ['model', 'sandbox'],
  store: ['model'],
  vocab: ['model', 'store', 'ingest', 'catalogue', 'sandbox'],
  ucd: ['model', 'store', 'ingest', 'vocab', 'sandbox'],
  mapping: ['model', 'store', 'ingest', 'vocab', 'sandbox'],
  sparql: ['model', 'store', 'ingest', 'vocab', 'sandbox'],
  curation: ['model', 'access', 'store', 'ingest', 'vocab', 'mapping', 'sandbox', 'catalogue', 'render'],
  render: ['model'],
  http: ['model', 'access', 'config', 'catalogue', 'ingest', 'store', 'vocab', 'ucd', 'mapping', 'sparql', 'curation', 'render', 'sandbox'],
  cli: ['model', 'access', 'config', 'catalogue', 'ingest', 'store', 'vocab', 'ucd', 'mapping', 'sparql', 'curation', 'render', 'sandbox', 'http'],
};
const TYPES_ONLY = { render: ['vocab', 'mapping', 'ucd', 'sparql'] };
const FOLDERS = Object.keys(LAYERS);

const boundaries = FOLDERS.map((folder) => {
  const allowed = new Set([folder, ...LAYERS[folder]]);
  const forbidden = FOLDERS.filter((other) => !allowed.has(other));
  const typesOnly = TYPES_ONLY[folder] ?? [];
  const patterns = [
    {
      regex: `^(\\.\\./)+(${forbidden.filter((f) => !typesOnly.includes(f)).join('|')})/`,
      message: `src/${folder} may import only ${LAYERS[folder].join(', ') || 'nothing of ours'} (architecture.md: imports go downhill)`,
    },
    ...(typesOnly.length
      ? [
          {
            regex: `^(\\.\\./)+(${typesOnly.join('|')})/`,
            allowTypeImports: true,
            message: `src/${folder} may name the types of ${typesOnly.join(', ')}, not call them`,
          },
        ]
      : []),
  ];
  return { files: [`src/${folder}/**/*.ts`], rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] } };
});

export default tseslint.config(
  { ignores: ['dist/**', 'dist-bench/**', 'data/**', 'node_modules/**', 'coverage/**', 'test-artifacts/**', '*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  { languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'error',
      // Async methods that implement an async interface (Store, test doubles) may have nothing to await.
      '@typescript-eslint/require-await': 'off',
    },
  },
  { files: ['src/**/*.ts'], rules: { 'max-lines': ['error', { max: 400, skipBlankLines: false, skipComments: false }] } },
  ...boundaries,
  {
    // Tests read answers of supertest and JSON files, typed `any` by design; the checks of what they hold are the assertions.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
