// Lint exists mainly to enforce the one-way import table of ARCHITECTURE.md:
// each zone below is "files in `target` may not import from `from`".
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

const entryFolders = ['./bin', './bench', './tests', './demo'];
const zone = (target, from, except) => ({ target, from, ...(except ? { except } : {}), message: `import boundary: ${target} may not import from ${from} (see ../shared/design/ARCHITECTURE.md)` });

export default tseslint.config(
  { ignores: ['node_modules/**', '.cache/**', 'data/**', 'reports/**', 'storage/**', 'test-artifacts/**', '**/*.d.ts', 'dashboards/review-app/public/vendor/**'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': ['error',
        { selector: "ImportDeclaration[source.value=/(^|\\/)(utils|helpers|common)(\\.ts)?$/]", message: 'Name modules for what they do, not utils/helpers/common.' }],
    },
  },
  {
    // Tests beside their code may use tests/support (servers, the test node); the table binds product code.
    files: ['**/*.ts'],
    ignores: ['**/*.test.ts'],
    plugins: { 'import-x': importX },
    rules: {
      'import-x/no-restricted-paths': ['error', {
        zones: [
          ...['./crawlers', './pipeline', './rules', './dashboards', ...entryFolders].map((f) => zone('./config', f)),
          ...['./config', './crawlers', './pipeline', './dashboards', ...entryFolders].map((f) => zone('./rules', f)),
          ...['./pipeline', './rules', './dashboards', ...entryFolders].map((f) => zone('./crawlers', f)),
          zone('./pipeline', './crawlers', ['./raw-post.ts']),
          ...['./dashboards', ...entryFolders].map((f) => zone('./pipeline', f)),
          zone('./dashboards', './pipeline', ['./post-document.ts']),
          ...['./crawlers', './rules', ...entryFolders].map((f) => zone('./dashboards', f)),
          ...['./config', './crawlers', './pipeline', './rules', './dashboards', './bin', './bench', './tests'].map((f) => zone('./demo', f)),
        ],
      }],
    },
  },
);
