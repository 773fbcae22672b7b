import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// A stray `.only` (mocha) or `{ only: true }` (node:test) would silently skip the rest of a suite.
const focusedTests = [
  {
    selector: "MemberExpression[object.name=/^(describe|context|suite|it|test)$/][property.name='only']",
    message: 'Remove .only before committing: it skips every other test.',
  },
  {
    selector:
      "CallExpression[callee.name=/^(describe|suite|it|test)$/] > ObjectExpression > Property[key.name='only']",
    message: 'Remove { only } before committing: it skips every other test.',
  },
];

export default tseslint.config(
  { ignores: ['dist/', 'server/dist/', 'data/', 'node_modules/', 'coverage/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        console: 'readonly',
        process: 'readonly',
      },
    },
    rules: {
      // `const { omitted, ...rest } = value` is how a field is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='innerHTML']",
          message: 'User content never reaches innerHTML.',
        },
        ...focusedTests,
      ],
    },
  },
  {
    files: ['bench/**', 'test/**'],
    rules: { 'no-restricted-syntax': ['error', ...focusedTests] },
  },
  {
    files: ['test/**'],
    ignores: ['test/helpers/wait-until.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          name: '@open-wc/testing',
          importNames: ['waitUntil'],
          message:
            "Import waitUntil from test/helpers/wait-until.js: @open-wc's 1 s default fails on a busy machine.",
        },
      ],
    },
  },
);
