// Type-aware lint for every TypeScript file in the project.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** What UI code may not import at run time (types are free). */
const uiImportPatterns = [
  {
    group: ['**/kafka', '**/kafka/**', '**/aws', '**/aws/**'],
    allowTypeImports: true,
    message:
      'UI code may only `import type` from src/kafka and src/aws; use their code through src/services (kafkaModule()/awsModule() in lazyModules.ts).',
  },
  {
    group: ['kafkajs', 'aws-msk-iam-sasl-signer-js', '@aws-sdk/*', '@smithy/*'],
    allowTypeImports: true,
    message: 'UI code may only `import type` from kafkajs and the AWS SDK (they live in the lazy bundles).',
  },
];

/** Shared plumbing under the features never imports one. */
const noFeatureImports = {
  group: ['**/features', '**/features/**', '**/extension'],
  message:
    'src/ui, src/contract and src/config sit under the features (src/features/<name>): they may not import a feature or the composition root.',
};

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', '.sandbox/**', 'test-output/**', 'media/dist/**', '**/target/**', '*.vsix'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            {
              from: 'package',
              name: ['describe', 'it', 'test', 'suite', 'before', 'after', 'beforeEach', 'afterEach'],
              package: 'node:test',
            },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "AssignmentExpression[left.object.object.name='process'][left.object.property.name='env']",
          message: 'Never mutate process.env: every extension shares the extension host process.',
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
  },
  {
    // Modules that talk to Kafka or AWS run in plain Node: they may not import vscode.
    files: [
      'src/kafka/**/*.ts',
      'src/aws/**/*.ts',
      'src/services/**/*.ts',
      'src/language/server/**/*.ts',
      'src/shared/**/*.ts',
      'src/contract/**/*.ts',
      'sandbox/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'This module must run in plain Node (no vscode import).' }] },
      ],
    },
  },
  // ---- Layering (test/unit/build/folderCycles.test.ts keeps the folders free of cycles as well).
  {
    // UI code (the extension host side that imports vscode) reaches Kafka and AWS code only through
    // the lazy bundles (src/services/lazyModules.ts): importing it directly would put kafkajs or the
    // AWS SDK into dist/extension.js, loaded at activation. Types are free.
    files: [
      'src/extension.ts',
      'src/features/**/*.ts',
      'src/ui/**/*.ts',
      'src/config/**/*.ts',
      'src/language/client/**/*.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: uiImportPatterns,
        },
      ],
    },
  },
  {
    // The Kafka and AWS layers are the bottom: they never import the services, the UI or webviews.
    files: ['src/kafka/**/*.ts', 'src/aws/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/services/**',
                '**/features/**',
                '**/ui/**',
                '**/webviews/**',
                '**/config/**',
                '**/contract/**',
                '**/language/**',
                '**/extension',
              ],
              message:
                'src/kafka and src/aws are the bottom layers: they import only each other, src/shared and libraries.',
            },
          ],
        },
      ],
    },
  },
  {
    // The services run in plain Node under the UI: they never import it.
    files: ['src/services/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/features/**',
                '**/ui/**',
                '**/webviews/**',
                '**/config/**',
                '**/language/client/**',
                '**/extension',
              ],
              message: 'src/services sits under the UI: it may not import UI code.',
            },
          ],
        },
      ],
    },
  },
  {
    // Below the features: src/ui (command registry, panel host), src/config and src/contract. The
    // features import them, never the other way round (this block repeats the UI rule for src/ui
    // and src/config because a later block replaces an earlier one's options for the same rule).
    files: ['src/ui/**/*.ts', 'src/config/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [...uiImportPatterns, noFeatureImports] }],
    },
  },
  {
    files: ['src/contract/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [noFeatureImports] }],
    },
  },
  {
    // Webview code runs in the browser: from outside src/webviews it imports types (the host's
    // shapes) and only the few pure helpers listed here, never host modules.
    files: ['src/webviews/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'Webview code runs in the browser: no vscode API.' }],
          patterns: [
            {
              // Anything outside src/webviews (every webview file is src/webviews/<name>/<file>.ts)
              // except the pure helpers listed.
              regex:
                '^\\.\\./\\.\\./(?!webviews/|shared/base64$|shared/bidi$|kafka/lag/timeLag$|kafka/lag/verdict$|kafka/tail/startCheck$|services/clusterModel$|services/doctor/types$|language/producerFile/drafts$|shared/schemaSelection$)',
              allowTypeImports: true,
              message:
                'Webview code may only `import type` from host modules (plus the pure helpers allowed in eslint.config.mjs); share behaviour through its protocol.ts.',
            },
          ],
        },
      ],
    },
  },
);
