// Next's own rules (core web vitals, React, react-hooks, jsx-a11y) with typescript-eslint on
// top; formatting is Prettier's job, so eslint-config-prettier switches off the style rules.
import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypeScript from 'eslint-config-next/typescript';
import prettier from 'eslint-config-prettier/flat';

export default defineConfig([
  ...nextVitals,
  ...nextTypeScript,
  prettier,
  globalIgnores([
    '.next/**',
    '.data/**',
    'build/**',
    'dist/**',
    'test-results/**',
    'db/migrations/**',
    'next-env.d.ts',
  ]),
  {
    rules: {
      // `_name` marks a parameter or binding that is deliberately unused.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
]);
