// ESLint (flat config, typescript-eslint). `npm run lint` runs it with the import-cycle check; CI runs `npm run lint`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** The pure core and the report renderers never touch the file system, the process or the Actions runner. */
const boundary = {
  'no-restricted-imports': [
    'error',
    {
      paths: [
        {
          name: 'node:fs',
          message: 'src/core and src/report are pure: read files through the Host port (src/core/host.ts).',
        },
        {
          name: 'fs',
          message: 'src/core and src/report are pure: read files through the Host port (src/core/host.ts).',
        },
        { name: 'node:fs/promises', message: 'src/core and src/report are pure: read files through the Host port.' },
        { name: 'node:child_process', message: 'src/core and src/report never run commands.' },
        {
          name: 'node:process',
          message: 'src/core and src/report take their inputs as arguments, not from the process.',
        },
      ],
      patterns: [{ group: ['@actions/*'], message: 'The Actions toolkit belongs in src/action.' }],
    },
  ],
  'no-restricted-globals': [
    'error',
    { name: 'process', message: 'src/core and src/report take their inputs as arguments, not from the process.' },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'test/conformance/cases/**',
      'test/schemas/**',
      'coverage/**',
      '**/*.generated.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        Buffer: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        AbortController: 'readonly',
        structuredClone: 'readonly',
        performance: 'readonly',
        Response: 'readonly',
        Request: 'readonly',
        Headers: 'readonly',
        AbortSignal: 'readonly',
        setImmediate: 'readonly',
        queueMicrotask: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // Escaping control characters from hostile configs is the point of several regular expressions.
      'no-control-regex': 'off',
      // Flags the initial value of variables a try/catch or a loop header assigns; not worth the noise.
      'no-useless-assignment': 'off',
    },
  },
  {
    // Fakes of JSON APIs (GitHub, the audit) in tests read bodies as loosely as the real clients do.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/core/**/*.ts', 'src/report/**/*.ts'],
    ignores: ['**/*.test.ts', 'src/core/schema/data.ts'],
    rules: boundary,
  },
);
