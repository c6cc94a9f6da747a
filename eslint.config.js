import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', '.tmp/', 'tools/', 'test-results/', 'src/newsroom/assets/dist/', 'src/site/assets/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  { files: ['scripts/**', 'bin/**', 'bench/**'], languageOptions: { globals: globals.node } },
  { files: ['src/**/assets/**/*.js'], languageOptions: { globals: globals.browser } },
);
