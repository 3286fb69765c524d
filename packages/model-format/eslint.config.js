import config from '@scratchnet/eslint-config';

export default [
  ...config,
  {
    // The main entry runs in browsers too: only src/node.ts and its helpers may use Node.
    files: ['src/**/*.ts'],
    ignores: ['src/node.ts', 'src/node-*.ts', 'src/**/*.test.ts', 'src/test-*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'crypto', 'os'],
              message: 'The main entry must run in browsers too; put Node code in src/node.ts.',
            },
          ],
        },
      ],
    },
  },
];
